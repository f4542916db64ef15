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
  | { name: 'not-found' };

/** Paths of each page, so links are never spelled out by hand. */
export const paths = {
  list: () => '/',
  engagement: (slug: string) => `/e/${enc(slug)}`,
  question: (slug: string, phase: string, prompt: string, change = false) =>
    `/e/${enc(slug)}/${enc(phase)}/${enc(prompt)}${change ? '?change=1' : ''}`,
  check: (slug: string, phase: string) => `/e/${enc(slug)}/${enc(phase)}/check`,
  done: (slug: string, phase: string) => `/e/${enc(slug)}/${enc(phase)}/done`,
  outbox: () => '/outbox',
};

const enc = encodeURIComponent;

/** Parses a path and query string into a route. Prompt ids `check` and `done` are reserved. */
export function matchRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  if (parts.some((p) => p === undefined)) return { name: 'not-found' };
  const [first, slug, phase, step, ...rest] = parts as string[];
  if (parts.length === 0) return { name: 'list' };
  if (first === 'outbox' && parts.length === 1) return { name: 'outbox' };
  if (first !== 'e' || !slug || rest.length > 0) return { name: 'not-found' };
  if (!phase) return { name: 'engagement', slug };
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
  const state = options.state ?? null;
  if (options.replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  notify();
  if (!options.replace) window.scrollTo?.(0, 0);
}

let shownPath = '';

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
