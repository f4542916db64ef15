import { PageHeading } from '../../app/components/PageHeading';
import { DashboardSchema, WORKSPACE_API, type Dashboard as DashboardData, type KeyedCount } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, useLoad } from '../components/Async';
import { BarChart } from '../components/Chart';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w, type WorkspaceKey } from '../i18n';
import { isShipped } from '../languages';
import { ReferenceForm } from './ReferenceForm';
import { TableWrap } from '../components/TableWrap';
import { countText as text } from './CheckResults';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** Who has taken part: over time, by phase, language, route, channel, event and "about you". */
export function Dashboard({ slug }: { slug: string }) {
  const [load, reload] = useLoad(() => request(WORKSPACE_API.dashboard(slug), DashboardSchema), [slug]);
  useWorkspaceTitle(w('dashboard.title'));
  return (
    <>
      <EngagementNav slug={slug} current="dashboard" />
      <PageHeading>{w('dashboard.title')}</PageHeading>
      <p class="govuk-inset-text" id="suppression-note">
        {w('reports.suppressedNote')}
      </p>
      <Loaded load={load}>{(data) => <Figures slug={slug} data={data} onReferenceSaved={() => void reload()} />}</Loaded>
    </>
  );
}

function named(counts: KeyedCount[], name: (key: string) => string) {
  return counts.map((c) => ({ label: name(c.key), count: c.count }));
}

function Figures({ slug, data, onReferenceSaved }: { slug: string; data: DashboardData; onReferenceSaved: () => void }) {
  const language = (key: string) => (isShipped(key) ? w(`languages.${key}`) : key);
  const route = (key: string) => (['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'].includes(key) ? w(`routes.${key as 'audio'}`) : key);
  return (
    <>
      <dl class="app-ws-totals">
        <div>
          <dt>{w('dashboard.total')}</dt>
          <dd id="total-contributions">{text(data.total)}</dd>
        </div>
        <div>
          <dt>{w('dashboard.toModerate')}</dt>
          <dd>{text(data.moderation.new)}</dd>
        </div>
        <div>
          <dt>{w('dashboard.hidden')}</dt>
          <dd id="hidden-answers">{text(data.moderation.hidden)}</dd>
        </div>
        <div>
          <dt>{w('dashboard.aboutYouResponses')}</dt>
          <dd>{text(data.aboutYou.responses)}</dd>
        </div>
      </dl>
      <BarChart id="per-day" vertical title={w('dashboard.perDay')} labelHeading={w('dashboard.day')} bars={data.perDay.map((d) => ({ label: d.day, count: d.count }))} />
      <div class="app-ws-charts">
        <BarChart id="by-phase" title={w('dashboard.byPhase')} labelHeading={w('dashboard.phase')} bars={named(data.byPhase, (k) => k)} />
        <BarChart id="by-language" title={w('dashboard.byLanguage')} labelHeading={w('dashboard.language')} bars={named(data.byLanguage, language)} />
        <BarChart id="by-route" title={w('dashboard.byRoute')} labelHeading={w('dashboard.route')} bars={named(data.byRoute, route)} />
        <BarChart id="by-channel" title={w('dashboard.byChannel')} labelHeading={w('dashboard.channel')} bars={named(data.byChannel, (k) => (k === 'event' ? w('dashboard.channelEvent') : k === 'online' ? w('dashboard.channelOnline') : k))} />
        <BarChart id="by-event" title={w('dashboard.byEvent')} labelHeading={w('dashboard.event')} bars={named(data.byEvent, (k) => k || w('dashboard.noEvent'))} />
        <BarChart id="by-version" title={w('dashboard.byVersion')} labelHeading={w('dashboard.version')} bars={named(data.byVersion, (k) => w('dashboard.versionN', { version: k }))} />
      </div>
      <h2 class="govuk-heading-m">{w('dashboard.coverage')}</h2>
      <p class="govuk-body">{w('dashboard.coverageIntro')}</p>
      {data.aboutYou.questions.length === 0 && <p class="govuk-body">{w('dashboard.noAboutYou')}</p>}
      {data.aboutYou.questions.map((q) => (
        <TableWrap key={q.question} label={questionName(q.question)}>
          <table class="govuk-table">
            <caption class="govuk-heading-s">{questionName(q.question)}</caption>
            <thead>
              <tr>
                <th scope="col">{w('dashboard.answer')}</th>
                <th scope="col" class="app-ws-num">
                  {w('charts.count')}
                </th>
                <th scope="col" class="app-ws-num">
                  {w('dashboard.share')}
                </th>
                <th scope="col" class="app-ws-num">
                  {w('dashboard.reference')}
                </th>
              </tr>
            </thead>
            <tbody>
              {q.answers.map((a) => (
                <tr key={a.key}>
                  <th scope="row">{a.key}</th>
                  <td class="app-ws-num">{text(a.count)}</td>
                  <td class="app-ws-num">{percent(a.share)}</td>
                  <td class="app-ws-num">{percent(a.reference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
      <ReferenceForm slug={slug} onSaved={onReferenceSaved} />
    </>
  );
}

/** The name of an "about you" question. */
export function questionName(question: string): string {
  const key = `aboutYou.${question}` as WorkspaceKey;
  return ['ageBand', 'ethnicity', 'disability', 'gender', 'firstLanguage'].includes(question) ? w(key) : question;
}
