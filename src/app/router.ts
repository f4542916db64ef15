import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny history-API router: the app has six kinds of page, so a library would cost more
 * first-load bytes than it saves. Paths are parsed into a `Route`; `navigate()` pushes a
 * new entry and tells every listener, and so does the browser's back button (popstate).
 */

/** Every page of the participant app, parsed from the path. */
export type Route =
  | { name: 'list' }
  | { name: 'engagement'; slug: string }
  | { name: 'question'; slug: string; phase: string; prompt: string; change: boolean }
  | { name: 'check'; slug: string; phase: string }
  | { name: 'done'; slug: string; phase: string }
  | { name: 'outbox' }
  | { name: 'tablet'; screen: TabletScreen }
  | { name: 'language'; from: string }
  | { name: 'settings'; from: string }
  | { name: 'organiser' }
  /** The optional "about you" pages: `step` is `start`, a question id, `check` or `done`. */
  | { name: 'about-you'; slug: string; step: string; change: boolean }
  /** The published "you said, we heard" page of an engagement. */
  | { name: 'findings'; slug: string }
  | { name: 'not-found' };

/** The worker's pages for a shared tablet at an event, below `/tablet`. */
export type TabletScreen = 'home' | 'ready' | 'pass' | 'ledger' | 'leave';
const TABLET_SCREENS: readonly string[] = ['ready', 'pass', 'ledger', 'leave'];

/** Paths of each page, so links are never spelled out by hand. */
export const paths = {
  list: () => '/',
  engagement: (slug: string) => `/e/${enc(slug)}`,
  question: (slug: string, phase: string, prompt: string, change = false) =>
    `/e/${enc(slug)}/${enc(phase)}/${enc(prompt)}${change ? '?change=1' : ''}`,
  check: (slug: string, phase: string) => `/e/${enc(slug)}/${enc(phase)}/check`,
  done: (slug: string, phase: string) => `/e/${enc(slug)}/${enc(phase)}/done`,
  outbox: () => '/outbox',
  /** The "about you" pages of an engagement; no step is the offer. */
  aboutYou: (slug: string, step?: string, change = false) =>
    `/e/${enc(slug)}/about-you${step ? `/${enc(step)}` : ''}${change ? '?change=1' : ''}`,
  /** The "you said, we heard" page. */
  findings: (slug: string) => `/e/${enc(slug)}/findings`,
  tablet: (screen: TabletScreen = 'home') => (screen === 'home' ? '/tablet' : `/tablet/${screen}`),
  /** The language screen; `from` is the in-app path to return to once chosen. */
  language: (from = '/') => `/language${fromQuery(from)}`,
  /** Display settings; `from` is the in-app path to return to. */
  settings: (from = '/') => `/settings${fromQuery(from)}`,
};

const fromQuery = (from: string) => (from === '/' ? '' : `?from=${enc(from)}`);

/**
 * The in-app path a `from` query names, or `/`. Only a same-site path is taken, so a link
 * crafted elsewhere cannot send the person off the site after they choose a language.
 */
export function returnPath(search: string): string {
  const from = new URLSearchParams(search).get('from');
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  const pathname = from.split(/[?#]/)[0];
  return pathname === '/language' || pathname === '/settings' ? '/' : from;
}

const enc = encodeURIComponent;

/** Parses a path and query string into a route. Prompt ids `check` and `done` are reserved. */
export function matchRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  if (parts.some((p) => p === undefined)) return { name: 'not-found' };
  const [first, slug, phase, step, ...rest] = parts as string[];
  if (parts.length === 0) return { name: 'list' };
  if (first === 'outbox' && parts.length === 1) return { name: 'outbox' };
  if (first === 'tablet' && parts.length <= 2) {
    if (!slug) return { name: 'tablet', screen: 'home' };
    return TABLET_SCREENS.includes(slug) ? { name: 'tablet', screen: slug as TabletScreen } : { name: 'not-found' };
  }
  if (first === 'language' && parts.length === 1) return { name: 'language', from: returnPath(search) };
  if (first === 'settings' && parts.length === 1) return { name: 'settings', from: returnPath(search) };
  // The organisers' workspace routes its own pages below /organiser.
  if (first === 'organiser') return { name: 'organiser' };
  if (first !== 'e' || !slug || rest.length > 0) return { name: 'not-found' };
  if (!phase) return { name: 'engagement', slug };
  // `about-you` is reserved: it is never a phase id.
  if (phase === 'about-you') return { name: 'about-you', slug, step: step ?? 'start', change: new URLSearchParams(search).get('change') === '1' };
  // So is `findings`: the "you said, we heard" page.
  if (phase === 'findings') return step ? { name: 'not-found' } : { name: 'findings', slug };
  if (!step) return { name: 'not-found' };
  if (step === 'check') return { name: 'check', slug, phase };
  if (step === 'done') return { name: 'done', slug, phase };
  const change = new URLSearchParams(search).get('change') === '1';
  return { name: 'question', slug, phase, prompt: step, change };
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();
let navigationCount = 0;

/** Options for `navigate`: replace the current entry, and state kept with it (never in the URL). */
export interface NavigateOptions {
  replace?: boolean;
  state?: Record<string, unknown>;
}

/** Goes to an in-app path without reloading; listeners re-render and focus the new heading. */
export function navigate(path: string, options: NavigateOptions = {}): void {
  const stamp = stampState?.();
  const state = options.state || stamp ? { ...stamp, ...options.state } : null;
  if (options.replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  notify();
  if (!options.replace) window.scrollTo?.(0, 0);
}

let shownPath = '';
let stampState: (() => Record<string, unknown> | undefined) | undefined;

/** Sets what every new history entry carries (a shared tablet marks each entry with the person answering). */
export function setHistoryStamp(stamp: (() => Record<string, unknown> | undefined) | undefined): void {
  stampState = stamp;
}

function notify(): void {
  shownPath = location.pathname + location.search;
  navigationCount += 1;
  listeners.forEach((listener) => listener());
}

// Following an in-page link (the skip link) also fires popstate; that is not a new page.
function onPopState(): void {
  if (location.pathname + location.search !== shownPath) notify();
}

/** Subscribes to route changes; returns the unsubscribe function. */
export function onRouteChange(listener: Listener): () => void {
  if (listeners.size === 0) {
    shownPath = location.pathname + location.search;
    window.addEventListener('popstate', onPopState);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

/** How many in-app navigations have happened; 0 means this is the page's first screen. */
export function navigations(): number {
  return navigationCount;
}

/** The current route, re-rendering on every navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => matchRoute(location.pathname, location.search));
  useEffect(
    () => onRouteChange(() => setRoute(matchRoute(location.pathname, location.search))),
    [],
  );
  return route;
}

/** State stored with the current history entry by `navigate(path, { state })`. */
export function historyState<T>(key: string): T | undefined {
  const state = history.state as Record<string, unknown> | null;
  return (state?.[key] as T | undefined) ?? undefined;
}
