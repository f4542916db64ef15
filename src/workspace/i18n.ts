import type { TOptions } from 'i18next';
import { i18n } from '../i18n';
import strings from '../../locales/en/workspace.json';

/**
 * Workspace strings: the i18next namespace `workspace`, English only for now, added to the
 * page's i18next instance when the workspace chunk loads (never on a participant's first load).
 */

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of locales/en/workspace.json, so a mistyped key fails type-checking. */
export type WorkspaceKey = Leaves<typeof strings>;

const NS = 'workspace';

/** Adds the workspace strings once. */
export function loadWorkspaceStrings(): void {
  if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, strings);
}

/** Translates a workspace key, always in English (the workspace is not translated yet). */
export function w(key: WorkspaceKey, options?: TOptions): string {
  return (i18n.t as (k: string, o?: TOptions) => string)(key, { ...options, ns: NS, lng: 'en' });
}
