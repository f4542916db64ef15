import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPreview, loadEngagement, resetLoadedEngagements } from '../../src/app/engagement-source';
import { previewUrl } from '../../src/app/preview-source';
import { getCachedEngagement } from '../../src/storage';
import { WORKSPACE_API } from '../../src/shared/workspace-api';
import { draftBundle, stubApi } from './workspace-helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  resetLoadedEngagements();
  history.replaceState(null, '', '/');
});

describe("an organiser's preview in the participant app", () => {
  it('reads the draft from the organiser endpoint, never from the public one, and never saves it on the device', async () => {
    const bundle = { ...draftBundle(), title: 'Draft title' };
    const sent = stubApi({ [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: { bundle, publishedVersion: null, draftChanged: true, updatedAt: '2026-11-21T10:00:00Z' } } });
    history.replaceState(null, '', '/e/new-one?preview=1&lang=cy&mode=easy');
    expect(previewUrl('new-one')).toBe(WORKSPACE_API.draft('new-one'));

    const loaded = await loadEngagement('new-one');
    expect(loaded.state === 'ready' && loaded.value.title).toBe('Draft title');
    expect(sent.map((s) => s.path)).toEqual([WORKSPACE_API.draft('new-one')]);
    const init = vi.mocked(fetch).mock.calls[0]?.[1];
    expect(init?.cache).toBe('no-store');
    // Give a stray save the time it would take, then check nothing was kept for offline use.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getCachedEngagement('new-one')).toBeUndefined();
  });

  it('stays a preview on later pages of the same tab, and is not one in a fresh tab', () => {
    history.replaceState(null, '', '/e/new-one?preview=1');
    expect(isPreview()).toBe(true);
    history.replaceState(null, '', '/e/new-one/talk/q1');
    expect(isPreview()).toBe(true);
    sessionStorage.clear();
    expect(isPreview()).toBe(false);
  });

  it('shows "not found" when the organiser is not signed in', async () => {
    stubApi({ [`GET ${WORKSPACE_API.draft('new-one')}`]: { status: 401, body: { error: 'sign in as an organiser first' } } });
    history.replaceState(null, '', '/e/new-one?preview=1');
    expect((await loadEngagement('new-one')).state).toBe('not-found');
  });
});
