import { PageHeading } from '../../app/components/PageHeading';
import { Link } from '../../app/components/Link';
import { CheckResultsSchema, WORKSPACE_API, type CheckPhaseResults, type KeyedVoteTally, type ReportCount, type StatementResult, type VoteTally } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, useLoad } from '../components/Async';
import { BarChart } from '../components/Chart';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { TableWrap } from '../components/TableWrap';
import { w } from '../i18n';
import { isShipped } from '../languages';
import { wpaths } from '../routes';

/** A report figure as text: numbers grouped, "<10" as is, "withheld" in words. */
export function countText(count: ReportCount): string {
  if (typeof count === 'number') return count.toLocaleString('en-GB');
  return count === 'withheld' ? w('reports.withheld') : count;
}

/** The name of a route key (easyRead, readAloud, …). */
export function routeName(key: string): string {
  return ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'].includes(key) ? w(`routes.${key as 'audio'}`) : key;
}

/** The name of a language code, or the code when the workspace has no name for it. */
export function languageName(key: string): string {
  return isShipped(key) ? w(`languages.${key}`) : key;
}

// The share of agree votes, only when both figures are shown.
function agreeShare(t: VoteTally): string {
  if (typeof t.agree !== 'number' || typeof t.total !== 'number' || t.total === 0) return '—';
  return `${Math.round((t.agree / t.total) * 100)}\u00a0%`;
}

const VOTES = ['agree', 'disagree', 'unsure', 'total'] as const;

/** Check-and-challenge results: each statement's votes, by route, language and event; withdrawn ones apart. */
export function CheckResults({ slug }: { slug: string }) {
  const [load] = useLoad(() => request(WORKSPACE_API.checkResults(slug), CheckResultsSchema), [slug]);
  useWorkspaceTitle(w('reports.checkTitle'));
  return (
    <>
      <EngagementNav slug={slug} current="check-results" />
      <PageHeading>{w('reports.checkTitle')}</PageHeading>
      <p class="govuk-body">{w('reports.checkIntro')}</p>
      <p class="govuk-inset-text" id="suppression-note">
        {w('reports.suppressedNote')}
      </p>
      <p class="govuk-body">
        <Link href={wpaths.themesByRoute(slug)}>{w('reports.navThemes')}</Link>
      </p>
      <Loaded load={load}>
        {(data) => (data.phases.length === 0 ? <p class="govuk-body">{w('reports.noCheckPhase')}</p> : data.phases.map((phase) => <Phase key={phase.phase} slug={slug} phase={phase} />))}
      </Loaded>
    </>
  );
}

function Phase({ slug, phase }: { slug: string; phase: CheckPhaseResults }) {
  return (
    <section aria-labelledby={`phase-${phase.phase}`}>
      <h2 class="govuk-heading-l" id={`phase-${phase.phase}`}>
        {phase.title}
      </h2>
      {phase.statements.length === 0 ? (
        <p class="govuk-body">{w('reports.noStatements')}</p>
      ) : (
        <Summary caption={w('reports.summaryCaption', { phase: phase.title })} statements={phase.statements} />
      )}
      {phase.statements.map((s) => (
        <Statement key={s.id} phase={phase.phase} statement={s} Heading="h3" />
      ))}
      <section aria-labelledby={`withdrawn-${phase.phase}`}>
        <h3 class="govuk-heading-m" id={`withdrawn-${phase.phase}`}>
          {w('reports.withdrawnTitle')}
        </h3>
        {phase.withdrawn.length === 0 ? (
          <p class="govuk-body">{w('reports.noWithdrawn')}</p>
        ) : (
          <>
            <p class="govuk-body">{w('reports.withdrawnIntro')}</p>
            <Summary caption={w('reports.withdrawnCaption', { phase: phase.title })} statements={phase.withdrawn} withStatus />
            {phase.withdrawn.map((s) => (
              <Statement key={s.id} phase={phase.phase} statement={s} Heading="h4" />
            ))}
          </>
        )}
      </section>
      {phase.missing.length > 0 && <Missing slug={slug} phase={phase} />}
    </section>
  );
}

function Summary({ caption, statements, withStatus = false }: { caption: string; statements: StatementResult[]; withStatus?: boolean }) {
  return (
    <TableWrap label={caption}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-heading-s">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w('reports.statement')}</th>
            {withStatus && <th scope="col">{w('reports.status')}</th>}
            {VOTES.map((k) => (
              <th key={k} scope="col" class="app-ws-num">
                {w(`reports.${k}`)}
              </th>
            ))}
            <th scope="col" class="app-ws-num">
              {w('reports.agreeShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.text}</th>
              {withStatus && <td>{s.status === 'removed' ? w('reports.statusRemoved') : w('reports.statusWithdrawn')}</td>}
              {VOTES.map((k) => (
                <td key={k} class="app-ws-num">
                  {countText(s.votes[k])}
                </td>
              ))}
              <td class="app-ws-num">{agreeShare(s.votes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Statement({ phase, statement, Heading }: { phase: string; statement: StatementResult; Heading: 'h3' | 'h4' }) {
  const id = `${phase}-${statement.id}`;
  return (
    <section aria-labelledby={`statement-${id}`} class="app-ws-report">
      <Heading class="govuk-heading-s" id={`statement-${id}`}>
        {statement.text}
      </Heading>
      {statement.votes.total === 0 ? <p class="govuk-body">{w('reports.noVotes')}</p> : <Figures statement={statement} id={id} />}
    </section>
  );
}

function Figures({ statement, id }: { statement: StatementResult; id: string }) {
  return (
    <>
      <BarChart
        id={`votes-${id}`}
        title={w('reports.votesChart', { statement: statement.text })}
        labelHeading={w('reports.vote')}
        bars={(['agree', 'disagree', 'unsure'] as const).map((k) => ({ label: w(`reports.${k}`), count: statement.votes[k] }))}
      />
      <Splits caption={w('reports.byRouteCaption', { statement: statement.text })} heading={w('reports.route')} rows={statement.byRoute} name={routeName} all={statement.votes} />
      <p class="govuk-body-s app-ws-secondary">{w('reports.routeNote')}</p>
      <Splits caption={w('reports.byLanguageCaption', { statement: statement.text })} heading={w('reports.language')} rows={statement.byLanguage} name={languageName} all={statement.votes} />
      <Splits caption={w('reports.byEventCaption', { statement: statement.text })} heading={w('reports.event')} rows={statement.byEvent} name={(k) => k || w('reports.noEvent')} all={statement.votes} />
    </>
  );
}

function Splits({ caption, heading, rows, name, all }: { caption: string; heading: string; rows: KeyedVoteTally[]; name: (key: string) => string; all: VoteTally }) {
  return (
    <TableWrap label={caption}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-body">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            {VOTES.map((k) => (
              <th key={k} scope="col" class="app-ws-num">
                {w(`reports.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{name(r.key)}</th>
              {VOTES.map((k) => (
                <td key={k} class="app-ws-num">
                  {countText(r[k])}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{w('reports.allVotes')}</th>
            {VOTES.map((k) => (
              <td key={k} class="app-ws-num">
                {countText(all[k])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}

function Missing({ slug, phase }: { slug: string; phase: CheckPhaseResults }) {
  const caption = w('reports.missingCaption', { phase: phase.title });
  return (
    <section aria-labelledby={`missing-${phase.phase}`}>
      <h3 class="govuk-heading-m" id={`missing-${phase.phase}`}>
        {w('reports.missingTitle')}
      </h3>
      <TableWrap label={caption}>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-body">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{w('reports.question')}</th>
              <th scope="col" class="app-ws-num">
                {w('reports.answers')}
              </th>
              <th scope="col" class="app-ws-num">
                {w('reports.hiddenAnswers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {phase.missing.map((m) => (
              <tr key={m.prompt}>
                <th scope="row">{m.text}</th>
                <td class="app-ws-num">{countText(m.answers)}</td>
                <td class="app-ws-num">{countText(m.hidden)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p class="govuk-body-s">
        {w('reports.missingNote')} <Link href={wpaths.moderation(slug, 'all')}>{w('nav.moderation')}</Link>
      </p>
    </section>
  );
}
