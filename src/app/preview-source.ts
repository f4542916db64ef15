import * as v from 'valibot';
import { EngagementBundleSchema, check } from '../shared';
import type { EngagementBundle } from '../shared';
import type { Loaded } from './engagement-source';

/**
 * How an organiser's preview reads the draft, loaded only in a preview tab: from the
 * organiser draft endpoint with the organiser's session, never from the device's copy, and
 * never saved there.
 */

const PreviewSchema = v.object({ bundle: EngagementBundleSchema });

/** Where a preview reads the draft: the organiser draft endpoint (WORKSPACE_API.draft). */
export function previewUrl(slug: string): string {
  return `/api/organiser/engagements/${encodeURIComponent(slug)}/draft`;
}

/** The draft bundle, or "not found" when the organiser is not signed in or there is no such draft. */
export async function fetchPreview(slug: string): Promise<Loaded<EngagementBundle>> {
  try {
    const response = await fetch(previewUrl(slug), { credentials: 'same-origin', cache: 'no-store' });
    if ([401, 403, 404].includes(response.status)) return { state: 'not-found' };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const result = check(PreviewSchema, await response.json());
    if (!result.ok) throw new Error(`Bad draft bundle: ${result.error}`);
    return { state: 'ready', value: result.value.bundle, fromDevice: false };
  } catch {
    return { state: 'not-saved' };
  }
}
