import { useEffect, useState } from 'preact/hooks';
import { onRouteChange } from '../app/router';

/** One question of an engagement, by phase and prompt id: what the coding list can be narrowed to. */
export interface CodingQuestion {
  phase: string;
  prompt: string;
}

/** Every workspace page, parsed from a path below /organiser. */
export type WorkspaceRoute =
  | { name: 'sign-in' }
  | { name: 'accept-invite'; token: string }
  | { name: 'engagements' }
  | { name: 'new' }
  | { name: 'edit'; slug: string }
  | { name: 'languages'; slug: string }
  | { name: 'language'; slug: string; lng: string }
  | { name: 'publish'; slug: string }
  | { name: 'moderation'; slug: string; status: string }
  | { name: 'audit'; slug: string }
  | { name: 'dashboard'; slug: string }
  | { name: 'exports'; slug: string }
  | { name: 'events'; slug: string }
  | { name: 'import'; slug: string }
  | { name: 'keys'; slug: string; confirm: boolean }
  | { name: 'retention'; slug: string }
  | { name: 'check-results'; slug: string }
  | { name: 'themes-by-route'; slug: string }
  | { name: 'themes'; slug: string; theme: string | null; remove: string | null }
  | { name: 'coding'; slug: string; filter: string; question: CodingQuestion | null }
  | { name: 'suggestions'; slug: string }
  | { name: 'findings'; slug: string }
  | { name: 'organisers' }
  | { name: 'not-found' };

const enc = encodeURIComponent;
const e = (slug: string) => `/organiser/engagements/${enc(slug)}`;

/** Paths of each workspace page. */
export const wpaths = {
  signIn: () => '/organiser/sign-in',
  engagements: () => '/organiser',
  create: () => '/organiser/engagements/new',
  edit: (slug: string) => e(slug),
  languages: (slug: string) => `${e(slug)}/languages`,
  language: (slug: string, lng: string) => `${e(slug)}/languages/${enc(lng)}`,
  publish: (slug: string) => `${e(slug)}/publish`,
  moderation: (slug: string, status = 'new') => `${e(slug)}/moderation${status === 'new' ? '' : `?status=${enc(status)}`}`,
  audit: (slug: string) => `${e(slug)}/audit`,
  dashboard: (slug: string) => `${e(slug)}/dashboard`,
  exports: (slug: string) => `${e(slug)}/exports`,
  events: (slug: string) => `${e(slug)}/events`,
  import: (slug: string) => `${e(slug)}/import`,
  /** The keys page, or its confirmation step before a new key is made. */
  keys: (slug: string, confirm = false) => `${e(slug)}/keys${confirm ? '?confirm=1' : ''}`,
  retention: (slug: string) => `${e(slug)}/retention`,
  checkResults: (slug: string) => `${e(slug)}/check-results`,
  themesByRoute: (slug: string) => `${e(slug)}/themes-by-route`,
  themes: (slug: string) => `${e(slug)}/themes`,
  /** A theme's form: `new` for a new theme, or the theme's id. */
  themeForm: (slug: string, theme: string) => `${e(slug)}/themes?theme=${enc(theme)}`,
  themeDelete: (slug: string, theme: string) => `${e(slug)}/themes?delete=${enc(theme)}`,
  /** The coding page: answers not coded yet (the default), `all`, or one theme's (its id); of one question, or all. */
  coding: (slug: string, filter = 'untagged', question: CodingQuestion | null = null) => {
    const params = new URLSearchParams();
    if (filter !== 'untagged') params.set('filter', filter);
    if (question) {
      params.set('phase', question.phase);
      params.set('prompt', question.prompt);
    }
    const search = params.toString();
    return `${e(slug)}/coding${search ? `?${search}` : ''}`;
  },
  suggestions: (slug: string) => `${e(slug)}/suggestions`,
  /** The "you said, we heard" page's draft, preview and publishing. */
  findings: (slug: string) => `${e(slug)}/findings`,
  organisers: () => '/organiser/organisers',
  /** The participant app showing the draft, as a participant would see it. */
  preview: (slug: string, lng: string, mode: 'easy' | 'standard') =>
    `/e/${enc(slug)}?preview=1&lang=${enc(lng)}&mode=${mode}`,
};

/** Parses the path (and query) of a workspace page. */
export function matchWorkspace(pathname: string, search: string): WorkspaceRoute {
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found' };
  }
  const query = new URLSearchParams(search);
  const [, section, slug, page, lng, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found' };
  if (!section) return { name: 'engagements' };
  if (section === 'sign-in' && !slug) return { name: 'sign-in' };
  if (section === 'invitation' && !slug) return { name: 'accept-invite', token: query.get('token') ?? '' };
  if (section === 'organisers' && !slug) return { name: 'organisers' };
  if (section !== 'engagements') return { name: 'not-found' };
  if (!slug) return { name: 'engagements' };
  if (slug === 'new' && !page) return { name: 'new' };
  if (!page) return { name: 'edit', slug };
  if (page === 'languages') return lng ? { name: 'language', slug, lng } : { name: 'languages', slug };
  if (lng) return { name: 'not-found' };
  if (page === 'publish') return { name: 'publish', slug };
  if (page === 'moderation') return { name: 'moderation', slug, status: query.get('status') ?? 'new' };
  if (page === 'audit') return { name: 'audit', slug };
  if (page === 'dashboard') return { name: 'dashboard', slug };
  if (page === 'exports') return { name: 'exports', slug };
  if (page === 'events') return { name: 'events', slug };
  if (page === 'import') return { name: 'import', slug };
  if (page === 'keys') return { name: 'keys', slug, confirm: query.get('confirm') === '1' };
  if (page === 'retention') return { name: 'retention', slug };
  if (page === 'check-results') return { name: 'check-results', slug };
  if (page === 'themes-by-route') return { name: 'themes-by-route', slug };
  if (page === 'themes') return { name: 'themes', slug, theme: query.get('theme'), remove: query.get('delete') };
  if (page === 'coding') {
    const [phase, prompt] = [query.get('phase'), query.get('prompt')];
    return { name: 'coding', slug, filter: query.get('filter') ?? 'untagged', question: phase && prompt ? { phase, prompt } : null };
  }
  if (page === 'suggestions') return { name: 'suggestions', slug };
  if (page === 'findings') return { name: 'findings', slug };
  return { name: 'not-found' };
}

/** The current workspace route, re-rendering on every navigation. */
export function useWorkspaceRoute(): WorkspaceRoute {
  const read = () => matchWorkspace(location.pathname, location.search);
  const [route, setRoute] = useState(read);
  useEffect(() => onRouteChange(() => setRoute(read())), []);
  return route;
}
