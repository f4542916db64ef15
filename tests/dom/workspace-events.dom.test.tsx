import { screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API } from '../../src/shared/api';
import { EVENTS_API, type HeardEvent } from '../../src/shared/events';
import { WORKSPACE_API, type ModerationItem } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { renderWorkspace, session, stubApi } from './workspace-helpers';

vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetSession());
afterEach(() => vi.unstubAllGlobals());

const EVENT: HeardEvent = { code: 'LIB-7K3M9Q', engagement: 'parks', name: 'Library drop-in', place: 'Central Library', date: '2026-03-14' };

describe('events', () => {
  it('shows an analyst the events, their links and posters, but no form to add one', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${EVENTS_API.events('parks')}`]: { body: { events: [EVENT] } },
    });
    await renderWorkspace('/organiser/engagements/parks/events');
    // The first render loads the workspace chunk, which can take seconds on a busy machine.
    const link = await screen.findByRole('link', { name: `${location.origin}/e/parks?event=LIB-7K3M9Q` }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toBe(`${location.origin}/e/parks?event=LIB-7K3M9Q`);
    expect(screen.getByRole('link', { name: 'Print the poster for Library drop-in (opens in a new tab)' }).getAttribute('href')).toBe(EVENTS_API.poster('parks', 'LIB-7K3M9Q'));
    expect(screen.getByRole('img', { name: /^Poster for Library drop-in with a QR code that opens http/ }).getAttribute('src')).toBe(EVENTS_API.poster('parks', 'LIB-7K3M9Q'));
    expect(screen.queryByRole('button', { name: 'Create event' })).toBeNull();
    expect(sent.every((s) => s.method === 'GET')).toBe(true);
  });

  it('refuses a missing date before asking the server, then creates the event', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`GET ${EVENTS_API.events('parks')}`]: { body: { events: [] } },
      [`POST ${EVENTS_API.events('parks')}`]: { status: 201, body: EVENT },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/events');
    await user.type(await screen.findByLabelText('Event name'), 'Library drop-in');
    await user.type(screen.getByLabelText('Place'), 'Central Library');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect((await screen.findByRole('link', { name: /^Date: must be a date like/ })).getAttribute('href')).toBe('#date');
    expect(sent.some((s) => s.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Date'), '2026-03-14');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await screen.findByText('Event “Library drop-in” created. Its code is LIB-7K3M9Q.');
    const post = sent.find((s) => s.method === 'POST');
    expect(post?.body).toEqual({ name: 'Library drop-in', place: 'Central Library', date: '2026-03-14' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-123');
  });
});

describe('import, keys and retention', () => {
  it('names the problem with a file for another engagement and uploads nothing', async () => {
    const sent = stubApi({ [`GET ${WORKSPACE_API.session}`]: { body: session('owner') } });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/import');
    const file = new File([JSON.stringify({ format: 'heard-export', formatVersion: 1, engagement: 'other-talk', exportedAt: '2026-03-14T17:00:00.000Z', items: [] })], 'heard-export.json', { type: 'application/json' });
    await user.upload(await screen.findByLabelText('Export file from a tablet'), file);
    await user.click(screen.getByRole('button', { name: 'Import file' }));
    await screen.findByRole('link', { name: 'The file is for the engagement “other-talk”, not this one' });
    expect(sent.some((s) => s.path === EVENTS_API.import('parks'))).toBe(false);
  });

  it('shows an analyst no upload, no new key and no retention form', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${API.retention('parks')}`]: { body: { slug: 'parks', deleteAfter: '2027-03-31' } },
    });
    const { unmount } = await renderWorkspace('/organiser/engagements/parks/import');
    await screen.findByRole('heading', { level: 1, name: 'Import a tablet’s file' });
    expect(screen.queryByLabelText('Export file from a tablet')).toBeNull();
    unmount();
    resetSession();
    const keys = await renderWorkspace('/organiser/engagements/parks/keys?confirm=1');
    await screen.findByText('Only owners can make a new key.');
    expect(screen.queryByRole('button', { name: 'Yes, make a new key' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Make a new key' })).toBeNull();
    keys.unmount();
    resetSession();
    await renderWorkspace('/organiser/engagements/parks/retention');
    await screen.findByText('Contributions are erased after 2027-03-31.');
    expect(screen.queryByLabelText('Erase contributions after')).toBeNull();
    expect(sent.every((s) => s.method === 'GET')).toBe(true);
  });

  it('lets an owner remove the retention day, with the CSRF token', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('owner') },
      [`GET ${API.retention('parks')}`]: { body: { slug: 'parks', deleteAfter: '2027-03-31' } },
      [`DELETE ${API.retention('parks')}`]: { body: { slug: 'parks', deleteAfter: null } },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/retention');
    await screen.findByText('Contributions are erased after 2027-03-31.');
    await user.click(screen.getByRole('button', { name: 'Keep contributions: remove the day' }));
    await screen.findByText('Removed. Contributions are kept until you choose a day.');
    expect(screen.getByText('No day is set: contributions are kept until you choose one.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Keep contributions: remove the day' })).toBeNull();
    const removal = sent.find((s) => s.method === 'DELETE');
    expect(removal?.path).toBe(API.retention('parks'));
    expect(removal?.headers['x-csrf-token']).toBe('csrf-123');
  });
});

describe('moderation of spoken answers', () => {
  it('plays a spoken answer from the organiser audio path, labelled by its caption', async () => {
    const audio: ModerationItem = {
      contributionId: '2d0c1c4e-8f4b-4f43-9a53-3c1b9b1d0a11',
      position: 0,
      phase: 'talk',
      prompt: 'q1',
      kind: 'audio',
      value: '7b0c1c4e-8f4b-4f43-9a53-3c1b9b1d0a22',
      locale: 'en',
      version: 1,
      receivedAt: '2026-11-21T09:00:00Z',
      status: 'new',
      reason: null,
      flags: [],
    };
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.moderation('parks')}`]: { body: { items: [audio], next: null, counts: { new: 1, hidden: 0, shown: 0 } } },
    });
    const { container } = await renderWorkspace('/organiser/engagements/parks/moderation');
    await screen.findByText(`Spoken answer ${audio.value}`);
    const player = container.querySelector('audio');
    expect(player?.getAttribute('src')).toBe(API.organiserAudio(audio.value));
    expect(player?.hasAttribute('controls')).toBe(true);
    const label = document.getElementById(player?.getAttribute('aria-labelledby') ?? '');
    expect(label?.textContent).toBe(`Spoken answer ${audio.value}`);
  });
});
