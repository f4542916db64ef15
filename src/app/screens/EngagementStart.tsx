import { useEffect, useState } from 'preact/hooks';
import type { EngagementBundle, Idea, Phase } from '../../shared';
import type { Draft } from '../../storage';
import { useT } from '../use-t';
import { paths } from '../router';
import { readDraft } from '../draft-autosave';
import { visiblePrompts } from '../answers';
import { EngagementGate } from '../components/EngagementGate';
import { Link } from '../components/Link';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { Ideas } from '../easy-read/Ideas';
import { useEasyReadOverlay } from '../easy-read/use-easy-read';
import { FindingsLinkLoader } from './FindingsLoader';

/** `/e/:slug`: what the engagement is about, then each phase with a way in. */
export function EngagementStart({ slug }: { slug: string }) {
  return (
    <EngagementGate slug={slug} refresh>
      {(bundle, _phase, fromDevice) => <StartPage bundle={bundle} fromDevice={fromDevice} />}
    </EngagementGate>
  );
}

function StartPage({ bundle, fromDevice }: { bundle: EngagementBundle; fromDevice: boolean }) {
  const t = useT();
  const drafts = usePhaseDrafts(bundle);
  const easyRead = useEasyReadOverlay(bundle);
  useDocumentTitle([bundle.title]);
  return (
    <>
      <span class="govuk-caption-l">{t('engagement.by', { organisation: bundle.organisation })}</span>
      <PageHeading className="govuk-heading-xl">{bundle.title}</PageHeading>
      {fromDevice && <p class="govuk-inset-text">{t('engagement.offline')}</p>}
      <Ideas ideas={easyRead?.intro} text={bundle.intro} className="govuk-body-l" />
      {bundle.phases.map((phase) => (
        <PhaseSection key={phase.id} slug={bundle.slug} phase={phase} draft={drafts[phase.id]} ideas={easyRead?.phases?.[phase.id]?.intro} />
      ))}
      <FindingsLinkLoader slug={bundle.slug} />
    </>
  );
}

// Links repeat per phase ("Start now"); each sits in a section named by its phase heading,
// which gives the link its purpose in context.
function PhaseSection({ slug, phase, draft, ideas }: { slug: string; phase: Phase; draft: Draft | undefined; ideas: Idea[] | undefined }) {
  const t = useT();
  const shown = visiblePrompts(phase);
  const first = shown[0];
  const headingId = `phase-${phase.id}`;
  const resumeAt = draft && (draft.step === 'check' || shown.some((p) => p.id === draft.step)) ? draft.step : undefined;
  return (
    <section class="app-phase" aria-labelledby={headingId}>
      <h2 class="govuk-heading-l" id={headingId}>
        {phase.title}
      </h2>
      <p class="govuk-body app-phase__meta">
        <strong class="app-tag">{t(`engagement.audience.${phase.audience}`)}</strong>{' '}
        <span class="app-secondary-text">{t('engagement.questions', { count: shown.length })}</span>
      </p>
      <Ideas ideas={ideas} text={phase.intro} />
      {resumeAt && (
        <p class="govuk-body">
          <Link
            href={resumeAt === 'check' ? paths.check(slug, phase.id) : paths.question(slug, phase.id, resumeAt)}
            class="govuk-link app-resume-link"
          >
            {t('engagement.continueDraft')}
          </Link>
        </p>
      )}
      {first && (
        <Link href={paths.question(slug, phase.id, first.id)} class="govuk-button govuk-button--start">
          {t('engagement.startNow')}
          <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </Link>
      )}
    </section>
  );
}

function usePhaseDrafts(bundle: EngagementBundle): Record<string, Draft | undefined> {
  const [drafts, setDrafts] = useState<Record<string, Draft | undefined>>({});
  useEffect(() => {
    let alive = true;
    void Promise.all(bundle.phases.map((phase) => readDraft(bundle.slug, phase.id).catch(() => undefined))).then((found) => {
      if (alive) setDrafts(Object.fromEntries(bundle.phases.map((phase, i) => [phase.id, found[i]])));
    });
    return () => {
      alive = false;
    };
  }, [bundle]);
  return drafts;
}
