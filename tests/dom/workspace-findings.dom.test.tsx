import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FindingsPage } from '../../src/shared/findings';
import { WORKSPACE_API, type FindingsDraft, type FindingsWorkspace } from '../../src/shared/workspace-api';
import { resetSession } from '../../src/workspace/session';
import { renderWorkspace, session, stubApi } from './workspace-helpers';

// These tests type whole sentences key by key; on a busy two-core machine that can take a few seconds.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetSession());
afterEach(() => vi.unstubAllGlobals());

const A = '2d0c1c4e-8f4b-4f43-9a53-3c1b9b1d0a11';
const B = '9e1f7a52-0b7e-4f8e-9d0f-8b7f0d1e2c33';

function view(patch: Partial<FindingsWorkspace> = {}): FindingsWorkspace {
  return {
    draft: { intro: '', next: '', translations: {}, easyRead: {}, themes: [] },
    updatedAt: null,
    languages: ['en', 'cy'],
    themes: [
      {
        id: 'th-bus', name: 'Buses', summary: null, picture: '1F68C', count: 14, namedIn: ['cy'], easyReadIn: [],
        quotes: [{ contribution: A, position: 0, text: 'Mwy o fysiau', locale: 'cy' }, { contribution: B, position: 0, text: 'Buses are late', locale: 'en' }],
      },
      { id: 'th-wait', name: 'Waiting', summary: null, picture: null, count: '<10', namedIn: [], easyReadIn: ['en'], quotes: [] },
    ],
    versions: [],
    ...patch,
  };
}

const preview: FindingsPage = {
  engagement: 'parks', version: 1, publishedAt: '2026-11-21T10:00:00.000Z', languages: ['en', 'cy'], title: 'Parks',
  intro: 'We read it all.', next: 'We decide in May.', translations: {}, easyRead: {},
  themes: [{ id: 'th-bus', name: 'Buses', count: 14, names: {}, easyRead: {}, quotes: [{ text: 'Mwy o fysiau', locale: 'cy' }] }],
};

describe('"you said, we heard" in the workspace', () => {
  it('writes the draft, chooses themes and quotes, previews and publishes', async () => {
    let saved: FindingsDraft | undefined;
    let published = false;
    const sent = stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session() },
      [`GET ${WORKSPACE_API.findings('parks')}`]: () => ({ body: published ? view({ draft: saved!, versions: [{ version: 1, publishedAt: '2026-11-21T10:00:00.000Z', publishedBy: 'organiser@example.org' }] }) : view() }),
      [`PUT ${WORKSPACE_API.findingsDraft('parks')}`]: ({ body }) => {
        saved = body as FindingsDraft;
        return { body: view({ draft: saved, updatedAt: '2026-11-21T10:00:00.000Z' }) };
      },
      [`GET ${WORKSPACE_API.findingsPreview('parks')}`]: { body: { page: preview, problems: [] } },
      [`POST ${WORKSPACE_API.findingsPublish('parks')}`]: () => {
        published = true;
        return { status: 201, body: { slug: 'parks', version: 1, publishedAt: '2026-11-21T10:00:00.000Z' } };
      },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/findings');
    expect(await screen.findByRole('heading', { level: 1, name: 'You said, we heard' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'You said, we heard' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('Not published yet.')).toBeTruthy();
    expect(screen.getByText('Contributions: 14. Names in: Welsh. Easy read in: none.')).toBeTruthy();
    expect(screen.getByText('Contributions: <10. Names in: none. Easy read in: English.')).toBeTruthy();

    await user.type(screen.getByLabelText('Introduction'), 'We read it all.');
    await user.type(screen.getByLabelText('What happens next'), 'We decide in May.');
    await user.click(screen.getByRole('checkbox', { name: 'Show “Buses”' }));
    const quotes = screen.getByRole('group', { name: 'Quotes for “Buses” (at most 5)' });
    const welsh = within(quotes).getByRole('checkbox', { name: '“Mwy o fysiau”' });
    expect(welsh.parentElement?.querySelector('[lang="cy"]')).toBeTruthy();
    await user.click(welsh);

    // An easy-read line without a picture code is caught before anything is sent.
    await user.click(screen.getByText('English', { selector: '.govuk-details__summary-text' }));
    await user.type(screen.getByLabelText('English easy read: Introduction'), 'We read all your answers.');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /line 1 needs a picture code first/ }).getAttribute('href')).toBe('#findings-easy-en-intro');
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);

    await user.clear(screen.getByLabelText('English easy read: Introduction'));
    await user.type(screen.getByLabelText('English easy read: Introduction'), '1F4D6 We read all your answers.');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeTruthy();
    expect(saved).toEqual({
      intro: 'We read it all.',
      next: 'We decide in May.',
      translations: {},
      easyRead: { en: { intro: [{ picture: '1F4D6', text: 'We read all your answers.' }] } },
      themes: [{ id: 'th-bus', quotes: [{ contribution: A, position: 0 }] }],
    });
    expect(sent.find((s) => s.method === 'PUT')?.headers['x-csrf-token']).toBe('csrf-123');

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const shown = await screen.findByRole('region', { name: 'Preview of version 1' });
    expect(within(shown).getByText('Mwy o fysiau').closest('blockquote')?.getAttribute('lang')).toBe('cy');
    expect(within(shown).getByText('Contributions: 14')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText('Published version 1. Participants see it the next time they open the page.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Published version 1.')).toBeTruthy());
    expect(screen.getByRole('link', { name: /Open the public page/ }).getAttribute('href')).toBe('/e/parks/findings');
    expect(screen.getByText(/Version 1, .*, by organiser@example.org/)).toBeTruthy();
  });

  it('shows what the server says is missing, and lets analysts read but not change', async () => {
    stubApi({
      [`GET ${WORKSPACE_API.session}`]: { body: session('analyst') },
      [`GET ${WORKSPACE_API.findings('parks')}`]: { body: view() },
      [`GET ${WORKSPACE_API.findingsPreview('parks')}`]: { body: { page: null, problems: ['intro: write what the page is about', 'themes: choose at least one theme'] } },
    });
    const user = userEvent.setup();
    await renderWorkspace('/organiser/engagements/parks/findings');
    expect(await screen.findByRole('heading', { level: 1, name: 'You said, we heard' })).toBeTruthy();
    expect(screen.getByText(/you can read everything here but not change it/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save draft' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['intro: write what the page is about', 'themes: choose at least one theme']);
    expect(screen.queryByRole('region', { name: /Preview of version/ })).toBeNull();
  });
});
