import { PageHeading } from '../../app/components/PageHeading';
import { Link } from '../../app/components/Link';
import { ThemesByRouteSchema, WORKSPACE_API, type ThemeCell, type ThemeRow, type ThemesByRoute as Data } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, useLoad } from '../components/Async';
import { BarChart } from '../components/Chart';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { TableWrap } from '../components/TableWrap';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { countText, languageName, routeName } from './CheckResults';

/** Themes by route: contributions coded to each theme, by route, language and event, with each column's share. */
export function ThemesByRoute({ slug }: { slug: string }) {
  const [load] = useLoad(() => request(WORKSPACE_API.themesByRoute(slug), ThemesByRouteSchema), [slug]);
  useWorkspaceTitle(w('reports.themesTitle'));
  return (
    <>
      <EngagementNav slug={slug} current="themes-by-route" />
      <PageHeading>{w('reports.themesTitle')}</PageHeading>
      <p class="govuk-body">{w('reports.themesIntro')}</p>
      <p class="govuk-inset-text" id="suppression-note">
        {w('reports.suppressedNote')}
      </p>
      <p class="govuk-body">
        <Link href={wpaths.checkResults(slug)}>{w('reports.navCheck')}</Link>
      </p>
      <Loaded load={load}>{(data) => <Tables slug={slug} data={data} />}</Loaded>
    </>
  );
}

function Tables({ slug, data }: { slug: string; data: Data }) {
  const rows = [...data.themes.map((r) => ({ row: r, name: r.name })), { row: data.notCoded, name: w('reports.notCoded') }, { row: data.all, name: w('reports.allContributions') }];
  return (
    <>
      {data.themes.length === 0 && (
        <p class="govuk-body">
          {w('reports.noThemes')} <Link href={wpaths.themes(slug)}>{w('themes.nav')}</Link>
        </p>
      )}
      <p class="govuk-body">{w('reports.shareNote')}</p>
      <Table
        id="by-route"
        caption={w('reports.themesByRouteCaption')}
        columns={[{ key: 'total', name: w('reports.allRoutes') }, ...data.all.byRoute.map((c) => ({ key: c.key, name: routeName(c.key) }))]}
        rows={rows}
        cells={(r) => [r.total, ...r.byRoute]}
      />
      <p class="govuk-body-s app-ws-secondary">{w('reports.themesRouteNote')}</p>
      <Table
        id="by-language"
        caption={w('reports.themesByLanguageCaption')}
        columns={[{ key: 'total', name: w('reports.allRoutes') }, ...data.all.byLanguage.map((c) => ({ key: c.key, name: languageName(c.key) }))]}
        rows={rows}
        cells={(r) => [r.total, ...r.byLanguage]}
      />
      <Table
        id="by-event"
        caption={w('reports.themesByEventCaption')}
        columns={[{ key: 'total', name: w('reports.allRoutes') }, ...data.all.byEvent.map((c) => ({ key: c.key, name: c.key || w('reports.noEvent') }))]}
        rows={rows}
        cells={(r) => [r.total, ...r.byEvent]}
      />
      {data.themes.length > 0 && (
        <BarChart
          id="per-theme"
          title={w('reports.themesChart')}
          labelHeading={w('reports.theme')}
          bars={[...data.themes.map((t) => ({ label: t.name, count: t.total.count })), { label: w('reports.notCoded'), count: data.notCoded.total.count }]}
        />
      )}
    </>
  );
}

function Table({ id, caption, columns, rows, cells }: { id: string; caption: string; columns: Array<{ key: string; name: string }>; rows: Array<{ row: ThemeRow; name: string }>; cells: (row: ThemeRow) => ThemeCell[] }) {
  return (
    <TableWrap label={caption}>
      <table class="govuk-table" id={id}>
        <caption class="govuk-table__caption govuk-heading-s">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w('reports.theme')}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" class="app-ws-num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, name }) => (
            <tr key={row.theme ?? name}>
              <th scope="row">{name}</th>
              {cells(row).map((cell) => (
                <td key={cell.key} class="app-ws-num app-ws-report-cell">
                  {countText(cell.count)}
                  {cell.share !== null && row !== rows[rows.length - 1].row && (
                    <span class="app-ws-secondary app-ws-share"> {w('reports.share', { share: Math.round(cell.share * 100) })}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
