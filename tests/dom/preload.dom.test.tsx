import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEngagement, preloadFromPath } from '../../src/app/engagement-source';
import { PHASE, SLUG, freshDevice } from './harness';

beforeEach(() => freshDevice());

const bundleRequests = () => vi.mocked(fetch).mock.calls.filter(([url]) => String(url) === `/api/engagements/${SLUG}`).length;

describe('preloading the engagement a deep link points at', () => {
  it('starts one request at boot that the page then reuses', async () => {
    preloadFromPath(`/e/${SLUG}/${PHASE}/mood`);
    expect(bundleRequests()).toBe(1);
    const loaded = await loadEngagement(SLUG);
    expect(loaded).toMatchObject({ state: 'ready', value: { slug: SLUG } });
    expect(bundleRequests()).toBe(1);
  });

  it('asks for nothing on pages that are not an engagement, and never throws on a malformed link', () => {
    for (const path of ['/', '/outbox', '/e/%E0%A4%A', '/e/%']) expect(() => preloadFromPath(path)).not.toThrow();
    expect(bundleRequests()).toBe(0);
  });
});
