import { useEffect, useState } from 'preact/hooks';
import type { FindingsPage as Page, FindingsTheme } from '../../shared/findings';
import { useT } from '../use-t';
import { paths } from '../router';
import type { PageError } from '../components/ErrorSummary';
import { ErrorSummary } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { Ideas } from '../easy-read/Ideas';
import { Picture } from '../easy-read/Picture';
import { FINDINGS_PICTURES } from '../easy-read/ui-pictures';
import { loadFindings, type FindingsState } from './findings-source';
import { pageBlock, pageTitle, themeText, type Shown } from './findings-text';
import { Heading, formatDay, useContentOptions } from './parts';
import { ReceiptForm } from './ReceiptForm';
import './findings.css';

/**
 * `/e/:slug/findings`: "You said, we heard". The published page in the person's language
 * and mode (easy-read texts with pictures at the start of each line), counts as published
 * (small ones as "fewer than 10"), quotes in their own language, and a receipt-code form.
 * Offline it shows the copy kept on the device and says when that copy was last updated.
 */
export function FindingsPage({ slug }: { slug: string }) {
  const t = useT();
  const [state, setState] = useState<FindingsState>();
  const [errors, setErrors] = useState<PageError[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    void loadFindings(slug).then((found) => alive && setState(found));
    return () => {
      alive = false;
    };
  }, [slug]);
  const showErrors = (next: PageError[]) => {
    setErrors(next);
    if (next.length > 0) setAttempt((n) => n + 1);
  };
  useDocumentTitle([t('findings.title'), state?.kind === 'page' ? state.page.title : undefined], errors.length > 0);

  if (!state) return <Loading />;
  if (state.kind !== 'page') return <NoPage slug={slug} state={state} />;
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <Published page={state.page} offlineSince={state.offlineSince} />
      <ReceiptForm page={state.page} errors={errors} onErrors={showErrors} />
      <p class="govuk-body">
        <Link href={paths.engagement(slug)} class="govuk-link">
          {t('findings.backToStart')}
        </Link>
      </p>
    </>
  );
}

function NoPage({ slug, state }: { slug: string; state: Exclude<FindingsState, { kind: 'page' }> }) {
  const t = useT();
  const message = state.kind === 'none' ? t('findings.notPublishedBody') : state.kind === 'needs-connection' ? t('findings.needsConnection') : t('findings.loadFailed');
  return (
    <>
      <PageHeading className="govuk-heading-xl">{state.kind === 'none' ? t('findings.notPublishedTitle') : t('findings.title')}</PageHeading>
      <p class="govuk-body">{message}</p>
      <p class="govuk-body">
        <Link href={paths.engagement(slug)} class="govuk-link">
          {t('findings.backToStart')}
        </Link>
      </p>
    </>
  );
}

function Published({ page, offlineSince }: { page: Page; offlineSince: string | undefined }) {
  const t = useT();
  const options = useContentOptions();
  const title = pageTitle(page, options);
  const intro = pageBlock(page, 'intro', options);
  const next = pageBlock(page, 'next', options);
  return (
    <>
      <span class="govuk-caption-l" lang={title.lang}>
        {title.text}
      </span>
      <PageHeading className="govuk-heading-xl">{t('findings.title')}</PageHeading>
      {offlineSince && <p class="govuk-inset-text">{t('findings.offline', { date: formatDay(offlineSince, options.language) })}</p>}
      <p class="govuk-body app-secondary-text">{t('findings.published', { date: formatDay(page.publishedAt, options.language) })}</p>
      <Block ideas={intro.ideas} text={intro.text} className="govuk-body-l" />

      <Heading level={2} picture={FINDINGS_PICTURES.heard} className="govuk-heading-l">
        {t('findings.themesHeading')}
      </Heading>
      <ul class="app-findings-themes" role="list">
        {page.themes.map((theme) => (
          <ThemeItem key={theme.id} theme={theme} page={page} />
        ))}
      </ul>

      <Heading level={2} picture={FINDINGS_PICTURES.next} className="govuk-heading-l">
        {t('findings.nextHeading')}
      </Heading>
      <Block ideas={next.ideas} text={next.text} />
    </>
  );
}

function ThemeItem({ theme, page }: { theme: FindingsTheme; page: Page }) {
  const t = useT();
  const options = useContentOptions();
  const shown = themeText(theme, page, options);
  const headingId = `theme-${theme.id}`;
  return (
    <li class="app-findings-theme">
      <section aria-labelledby={headingId}>
        <h3 class="govuk-heading-m app-findings-heading" id={headingId}>
          {shown.picture && <Picture id={shown.picture} />}
          <span lang={shown.name.lang}>{shown.name.text}</span>
        </h3>
        {shown.summary && (
          <p class="govuk-body" lang={shown.summary.lang}>
            {shown.summary.text}
          </p>
        )}
        <p class="govuk-body">
          <strong class="app-tag">{theme.count === '<10' ? t('findings.fewContributions') : t('findings.contributions', { count: theme.count })}</strong>
        </p>
        {theme.quotes.length > 0 && (
          <>
            <Heading level={4} picture={FINDINGS_PICTURES.quotes} className="govuk-heading-s">
              {t('findings.quotesHeading')}
            </Heading>
            {/* Participants' own words, never translated: `lang` and `dir="auto"` keep each in its own language and direction. */}
            {theme.quotes.map((quote, i) => (
              <blockquote class="govuk-inset-text app-quote" lang={quote.locale} dir="auto" key={i}>
                <p class="govuk-body">{quote.text}</p>
              </blockquote>
            ))}
          </>
        )}
      </section>
    </li>
  );
}

function Block({ ideas, text, className = 'govuk-body' }: { ideas?: Parameters<typeof Ideas>[0]['ideas']; text: Shown; className?: string }) {
  if (ideas) return <Ideas ideas={ideas} />;
  return (
    <p class={className} lang={text.lang}>
      {text.text}
    </p>
  );
}
