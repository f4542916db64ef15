import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { navigate } from '../../app/router';
import { canEdit, signOut, useSession } from '../session';
import { wpaths } from '../routes';
import { w } from '../i18n';
import { SessionTimeout } from './SessionTimeout';

/** Sets `document.title` as "Page – Heard workspace", prefixed with "Error: " while errors show. */
export function useWorkspaceTitle(page: string, hasError = false): void {
  const title = `${hasError ? w('common.errorTitlePrefix') : ''}${page} – ${w('frame.name')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** The workspace frame: skip link, header with navigation and sign-out, main, footer, and the session timeout warning. */
export function Frame({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const out = async () => {
    await signOut().catch(() => undefined);
    navigate(wpaths.signIn());
  };
  return (
    <>
      <a href="#main-content" class="govuk-skip-link">
        {w('frame.skipLink')}
      </a>
      <header class="app-header">
        <div class="govuk-width-container app-header__inner app-ws-header">
          <Link href={wpaths.engagements()} class="app-header__name">
            {w('frame.name')}
          </Link>
          {session && (
            <nav aria-label={w('frame.navLabel')} class="app-ws-nav">
              <ul>
                <li>
                  <Link href={wpaths.engagements()}>{w('frame.engagements')}</Link>
                </li>
                {canEdit(session) && (
                  <li>
                    <Link href={wpaths.organisers()}>{w('frame.organisers')}</Link>
                  </li>
                )}
                <li>
                  <button type="button" class="app-ws-nav__button" onClick={() => void out()}>
                    {w('frame.signOut')}
                  </button>
                </li>
              </ul>
            </nav>
          )}
        </div>
      </header>
      <div class="govuk-width-container app-ws">
        {session && (
          <p class="govuk-body-s app-ws-who">
            {w('frame.signedInAs', { email: session.organiser.email, role: w(`roles.${session.organiser.role}`) })}
          </p>
        )}
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <SessionTimeout />
    </>
  );
}

/** The pages of one engagement, as a secondary navigation with the current one marked. */
export function EngagementNav({ slug, current }: { slug: string; current: 'edit' | 'languages' | 'publish' | 'moderation' | 'dashboard' | 'exports' | 'events' | 'retention' | 'themes' | 'check-results' | 'themes-by-route' | 'findings' }) {
  const items = [
    ['edit', wpaths.edit(slug), w('nav.edit')],
    ['languages', wpaths.languages(slug), w('nav.languages')],
    ['publish', wpaths.publish(slug), w('nav.publish')],
    ['moderation', wpaths.moderation(slug), w('nav.moderation')],
    ['themes', wpaths.themes(slug), w('themes.nav')],
    ['dashboard', wpaths.dashboard(slug), w('nav.dashboard')],
    ['check-results', wpaths.checkResults(slug), w('reports.navCheck')],
    ['themes-by-route', wpaths.themesByRoute(slug), w('reports.navThemes')],
    ['findings', wpaths.findings(slug), w('findings.nav')],
    ['exports', wpaths.exports(slug), w('nav.exports')],
    ['events', wpaths.events(slug), w('events.nav')],
    ['retention', wpaths.retention(slug), w('retention.nav')],
  ] as const;
  return <SubNav label={w('nav.label')} items={items} current={current} />;
}

/** One entry of a `SubNav`: its key, where it leads and what it says. */
export type SubNavItem = readonly [key: string, href: string, text: ComponentChildren];

/** A row of links to sibling pages or filters, the one for this page marked as current. */
export function SubNav({ label, items, current }: { label: string; items: readonly SubNavItem[]; current: string }) {
  return (
    <nav aria-label={label} class="app-ws-subnav">
      <ul>
        {items.map(([key, href, text]) => (
          <li key={key}>
            <Link href={href} aria-current={key === current ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
