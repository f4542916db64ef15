import { screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_API, type ModerationItem } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { draftBundle, renderWorkspace, session, stubApi } from './workspace-helpers';

// These tests type whole sentences key by key; on a busy two-core machine that can take a few seconds.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetSession());
afterEach(() => vi.unstubAllGlobals());

const item = (patch: Partial<ModerationItem>): ModerationItem => ({
  contributionId: '2d0c1c4e-8f4b-4f43-9a53-3c1b9b1d0a11',
  position: 0,
  phase: 'talk',
  prompt: 'q1',
  kind: 'text',
  value: 'Email me at someone@example.org',
  locale: 'en',
  version: 1,
  receivedAt: '2026-11-21T09:00:00Z',
  status: 'new',
  reason: null,
  flags: ['email'],
  ...patch,
});

describe('moderation', () => {
  it('shows flags, needs a reason to hide, and shows a hidden answer again', async () => {
    const hidden = item({ contributionId: '9e1f7a52-0b7e-4f8e-9d0f-8b7f0d1e2c33', value: 'Go away', status: 'hidden', reason: 'Abuse', flags: ['abuse'] });
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.moderation('parks')}`]: { body: { items: [item({}), hidden], next: null, counts: { new: 1, hidden: 1, shown: 0 } } },
      [`PUT ${WORKSPACE_API.answerModeration('parks', item({}).contributionId, 0)}`]: ({ body }) => ({ body: item({ status: 'hidden', reason: (body as { reason: string }).reason }) }),
      [`PUT ${WORKSPACE_API.answerModeration('parks', hidden.contributionId, 0)}`]: { body: { ...hidden, status: 'shown', reason: null } },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/moderation?status=all');
    const first = (await screen.findByText('Email me at someone@example.org')).closest('li') as HTMLElement;
    expect(within(first).getByText('email address')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All' }).getAttribute('aria-current')).toBe('page');

    await user.click(within(first).getByRole('button', { name: 'Hide answer' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter why this answer is hidden' })).toBeTruthy();
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(0);

    await user.type(within(first).getByLabelText('Reason for hiding'), 'Personal data');
    await user.click(within(first).getByRole('button', { name: 'Hide answer' }));
    await screen.findByText('Answer hidden.');
    expect(sent.find((s) => s.method === 'PUT')).toMatchObject({ body: { action: 'hide', reason: 'Personal data' }, headers: { 'x-csrf-token': 'csrf-123' } });
    expect(within(first).getByText('Reason: Personal data')).toBeTruthy();

    const second = screen.getByText('Go away').closest('li') as HTMLElement;
    await user.click(within(second).getByRole('button', { name: 'Show answer again' }));
    await screen.findByText('Answer shown.');
    expect(sent.filter((s) => s.method === 'PUT')[1]?.body).toEqual({ action: 'show' });
  });
});

describe('exports', () => {
  it('refuses dates the wrong way round and puts the filters in the download links', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.draft('new-one')}`]: { body: { bundle: draftBundle(), publishedVersion: 1, draftChanged: false, updatedAt: '2026-11-21T10:00:00Z' } },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/new-one/exports');
    await user.selectOptions(await screen.findByLabelText('Phase'), 'talk');
    await user.type(screen.getByLabelText('From'), '2026-11-20');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect((await screen.findByRole('link', { name: '“To” must be the same as or after “From”' })).getAttribute('href')).toBe('#to');
    expect(screen.getByRole('link', { name: /as CSV/ }).getAttribute('href')).toBe(WORKSPACE_API.contributionsCsv('new-one'));

    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '2026-11-30');
    await user.type(screen.getByLabelText('Event code'), 'PARK1');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    const csv = new URL(screen.getByRole('link', { name: /as CSV/ }).getAttribute('href') as string, 'http://x');
    expect(Object.fromEntries(csv.searchParams)).toEqual({ phase: 'talk', event: 'PARK1', from: '2026-11-20', to: '2026-11-30' });
    expect(screen.getByRole('link', { name: /as JSON/ }).getAttribute('href')).toBe(`${WORKSPACE_API.contributionsJson('new-one')}${csv.search}`);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('organisers', () => {
  it('lets an owner invite an analyst and shows the one-time link', async () => {
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.organisers}`]: { body: [{ id: 'o1', email: 'organiser@example.org', role: 'owner', createdAt: '2026-11-01T09:00:00Z' }] },
      [`GET ${WORKSPACE_API.invitations}`]: { body: [] },
      [`POST ${WORKSPACE_API.invitations}`]: ({ body }) => ({ status: 201, body: { token: 'tok-1', ...(body as object), expiresAt: '2026-11-28T09:00:00Z' } }),
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/organisers');
    expect(await screen.findByRole('cell', { name: 'owner' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect(await screen.findByRole('link', { name: /Email address: / })).toBeTruthy();
    await user.type(screen.getByLabelText('Email address'), 'new@example.org');
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect(await screen.findByText(`${location.origin}/organiser/invitation?token=tok-1`)).toBeTruthy();
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({ email: 'new@example.org', role: 'analyst' });
  });

  it('tells an analyst that only owners manage organisers, and asks the server nothing', async () => {
    const sent = stubApi({ [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') } });
    await renderWorkspace('/organiser/organisers');
    expect(await screen.findByText('Only owners can see and invite organisers.')).toBeTruthy();
    expect(sent.map((s) => s.path)).toEqual([WORKSPACE_API.session]);
  });
});
