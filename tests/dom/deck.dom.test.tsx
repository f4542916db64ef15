// The check-and-challenge deck: one statement per page, a vote saved at once as its own
// outbox entry with an id of its own per statement, and "what is missing?" after the deck.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { deckVoteId, type Contribution, type EngagementBundle, type Phase } from '../../src/shared';
import { confirmDelivered, enterAssistedMode, getDeckSecret, listLedger, listQueued, recordAttempt } from '../../src/storage';
import { getScheduler } from '../../src/app/sync';
import { navigate } from '../../src/app/router';
import { resetAssistedMemory } from '../../src/app/assisted/session';
import { unsealContribution } from '../../src/shared/seal';
import { SLUG, bundle, freshDevice, renderAt, setOnline } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

const DECK = 'review';

const reviewPhase: Phase = {
  id: DECK,
  kind: 'check',
  title: 'Check what we heard',
  intro: 'Did we get it right?',
  audience: 'everyone',
  prompts: [
    // Written before the statements: the deck still comes first.
    { id: 'missing', kind: 'text', text: 'What is missing?', required: false, maxLength: 200 },
    { id: 'closer', kind: 'vote', text: 'Support should be closer to home.', hint: 'Say if you agree.', required: false },
    { id: 'dropped', kind: 'vote', text: 'A statement we took back.', required: false, withdrawn: true },
    { id: 'listen', kind: 'vote', text: 'Services should listen better.', required: false },
    { id: 'careers', kind: 'vote', text: 'Staff need better careers.', required: false },
  ],
};

let deckBundle: EngagementBundle = { ...bundle, phases: [...bundle.phases, reviewPhase] };

const statementPath = (id: string) => `/e/${SLUG}/${DECK}/${id}`;
const received: Contribution[] = [];

/**
 * Serves the engagement with the deck (as if saved on the device by an earlier visit); online,
 * the server accepts every item, offline nothing gets through to it.
 */
function stubServer(mode: 'online' | 'offline'): void {
  received.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url === `/api/engagements/${SLUG}`) return json(deckBundle);
      if (mode === 'offline') throw new TypeError('Failed to fetch');
      if (url === '/api/sync' && init?.method === 'POST') {
        const { items } = JSON.parse(String(init.body)) as { items: Contribution[] };
        received.push(...items);
        return json({ receipts: items.map((item) => ({ id: item.id, status: 'accepted', receipt: `r-${item.id}` })) });
      }
      return new Response('Not found', { status: 404 });
    }),
  );
  setOnline(mode === 'online');
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

async function statementHeading(text: string): Promise<void> {
  expect(await screen.findByRole('heading', { level: 1, name: text })).toBeTruthy();
}

const voteButton = (name: string) => within(screen.getByRole('group')).getByRole('button', { name });

async function idOf(statement: string): Promise<string> {
  return deckVoteId(await getDeckSecret(), SLUG, DECK, statement);
}

beforeEach(async () => {
  await freshDevice('offline');
  localStorage.removeItem('heard-assisted');
  resetAssistedMemory();
  deckBundle = { ...bundle, phases: [...bundle.phases, reviewPhase] };
  stubServer('offline');
});

describe('the check-and-challenge deck', { timeout: 30_000 }, () => {
  it('shows the statements one at a time, in order, skipping withdrawn ones, then "what is missing?"', async () => {
    const user = userEvent.setup();
    renderAt(`/e/${SLUG}`);
    const section = (await screen.findByRole('heading', { level: 2, name: 'Check what we heard' })).closest('section') as HTMLElement;
    await user.click(within(section).getByRole('link', { name: /Start now/ }));

    await statementHeading('Support should be closer to home.');
    expect(location.pathname).toBe(statementPath('closer'));
    expect(screen.getByText('Statement 1 of 3')).toBeTruthy();
    expect(screen.getByText('Say if you agree.')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: /What do you think of this statement\? Support should be closer to home\./ })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Agree',
      'Disagree',
      'Not sure',
    ]);
    await user.click(voteButton('Agree'));

    await statementHeading('Services should listen better.');
    expect(screen.getByText('Statement 2 of 3')).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Skip this statement' }));

    await statementHeading('Staff need better careers.');
    expect(screen.getByText('Statement 3 of 3')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(statementPath('listen'));
    await user.click(voteButton('Not sure'));

    expect(await screen.findByRole('textbox', { name: /What is missing\?/ })).toBeTruthy();
    expect(location.pathname).toBe(statementPath('missing'));
    expect(screen.getByText('Question 1 of 1')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe(statementPath('careers'));

    // Two votes cast, one skipped: two entries, each with its statement's own id and only its vote.
    const queued = await listQueued();
    const byId = new Map(queued.map((entry) => [entry.id, entry.payload as Contribution]));
    expect(queued).toHaveLength(2);
    expect(byId.get(await idOf('closer'))?.answers).toEqual([{ prompt: 'closer', vote: 'agree' }]);
    expect(byId.get(await idOf('careers'))?.answers).toEqual([{ prompt: 'careers', vote: 'unsure' }]);
    for (const payload of byId.values()) expect(payload).toMatchObject({ engagement: SLUG, phase: DECK, version: 3, channel: 'online' });
  });

  it('never shows a withdrawn statement, even to a link that names it', async () => {
    renderAt(statementPath('dropped'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });

  it('shows the earlier vote on coming back, and a new vote replaces the queued one that was never sent', async () => {
    const user = userEvent.setup();
    renderAt(statementPath('closer'));
    await statementHeading('Support should be closer to home.');
    expect(screen.queryByText(/Your answer:/)).toBeNull();
    await user.click(voteButton('Agree'));
    await statementHeading('Services should listen better.');

    await user.click(screen.getByRole('link', { name: 'Back' }));
    await statementHeading('Support should be closer to home.');
    expect(await screen.findByText('Your answer: Agree. You can change it.')).toBeTruthy();
    expect(voteButton('Agree').className).toContain('app-deck__vote--chosen');
    expect(voteButton('Disagree').className).not.toContain('app-deck__vote--chosen');

    await user.click(voteButton('Disagree'));
    await statementHeading('Services should listen better.');
    const queued = await listQueued();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.id).toBe(await idOf('closer'));
    expect((queued[0]?.payload as Contribution).answers).toEqual([{ prompt: 'closer', vote: 'disagree' }]);

    act(() => navigate(statementPath('closer')));
    expect(await screen.findByText('Your answer: Disagree. You can change it.')).toBeTruthy();
  });

  it('keeps a vote already sent: coming back says so, and offers no way to change it', async () => {
    const user = userEvent.setup();
    stubServer('online');
    getScheduler().start();
    renderAt(statementPath('closer'));
    await statementHeading('Support should be closer to home.');
    await user.click(voteButton('Agree'));
    await statementHeading('Services should listen better.');
    await waitFor(async () => expect((await listLedger(SLUG)).map((entry) => entry.id)).toEqual([await idOf('closer')]));
    expect(received.map((item) => item.answers)).toEqual([[{ prompt: 'closer', vote: 'agree' }]]);

    act(() => navigate(statementPath('closer')));
    expect(await screen.findByText('Your answer: Agree. It has already been sent, so it cannot be changed.')).toBeTruthy();
    expect(screen.queryByRole('group')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await statementHeading('Services should listen better.');
    await getScheduler().trigger('manual');
    expect(received).toHaveLength(1);
  });

  it('says the vote was already sent when it went while the page was open, and keeps it', async () => {
    const user = userEvent.setup();
    renderAt(statementPath('listen'));
    await statementHeading('Services should listen better.');
    await user.click(voteButton('Agree'));
    await statementHeading('Staff need better careers.');
    act(() => navigate(statementPath('listen')));
    expect(await screen.findByText('Your answer: Agree. You can change it.')).toBeTruthy();

    // Meanwhile a send was tried (it may have reached the server): the vote can no longer change.
    const id = await idOf('listen');
    await recordAttempt([id], 'The connection dropped');
    await user.click(voteButton('Disagree'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your answer: Agree. It has already been sent, so it cannot be changed.');
    expect(document.activeElement).toBe(alert);
    expect(location.pathname).toBe(statementPath('listen'));
    const queued = await listQueued();
    expect(queued.map((entry) => (entry.payload as Contribution).answers)).toEqual([[{ prompt: 'listen', vote: 'agree' }]]);

    // Confirmed later: still the one vote.
    await confirmDelivered([{ id, status: 'accepted' }]);
    expect(await listQueued()).toHaveLength(0);
  });

  it('after the deck, "what is missing?" goes as a normal contribution; left blank, nothing more is sent', async () => {
    const user = userEvent.setup();
    renderAt(statementPath('careers'));
    await statementHeading('Staff need better careers.');
    await user.click(voteButton('Disagree'));
    const box = await screen.findByRole('textbox', { name: /What is missing\?/ });
    await user.type(box, 'Transport to appointments');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeTruthy();
    // Only the question is listed: the deck's votes were saved as they were cast.
    expect([...document.querySelectorAll('.govuk-summary-list__key')].map((dt) => dt.textContent)).toEqual(['What is missing?']);
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();

    const voteId = await idOf('careers');
    const queued = await listQueued();
    expect(queued).toHaveLength(2);
    const text = queued.find((entry) => entry.id !== voteId)?.payload as Contribution;
    expect(text.answers).toEqual([{ prompt: 'missing', text: 'Transport to appointments' }]);
    expect(text.phase).toBe(DECK);

    // Another round with "what is missing?" left blank: straight to the end, nothing new queued.
    act(() => navigate(statementPath('missing')));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await listQueued()).toHaveLength(2);
  });

  it('on a shared tablet: votes are sealed, and the next person votes afresh under new ids', async () => {
    const user = userEvent.setup();
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    deckBundle = { ...deckBundle, publicKey: { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: 'deck-key-1' } };
    await enterAssistedMode('LIB-4821', SLUG, '2468');
    const nextPerson = async () => {
      act(() => navigate('/tablet/pass'));
      await user.click(await screen.findByRole('button', { name: 'Start answering' }));
      await screen.findByRole('heading', { level: 1, name: 'Test engagement' });
      act(() => navigate(statementPath('closer')));
      await statementHeading('Support should be closer to home.');
    };
    renderAt('/tablet/pass');
    await nextPerson();
    const firstId = await idOf('closer');
    await user.click(voteButton('Agree'));
    await statementHeading('Services should listen better.');
    await user.click(screen.getByRole('link', { name: 'Back' }));
    expect(await screen.findByText('Your answer: Agree. You can change it.')).toBeTruthy();

    // Nothing readable is queued: the vote is sealed, and only the engagement's key opens it.
    const [entry] = await listQueued();
    expect(entry).toMatchObject({ id: firstId, phase: DECK, event: 'LIB-4821' });
    expect(JSON.stringify(entry?.payload)).not.toContain('agree');
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const opened = await unsealContribution(entry?.payload as never, privateJwk);
    expect(opened).toMatchObject({ id: firstId, phase: DECK, answers: [{ prompt: 'closer', vote: 'agree' }], channel: 'event', event: 'LIB-4821' });

    // The tablet is passed on: the next person sees no earlier vote, and theirs is a vote of its own.
    await nextPerson();
    expect(screen.queryByText(/Your answer:/)).toBeNull();
    await user.click(voteButton('Disagree'));
    await statementHeading('Services should listen better.');
    const ids = (await listQueued()).map((queued) => queued.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(firstId);
    expect(ids).toContain(await idOf('closer'));
    expect(await idOf('closer')).not.toBe(firstId);
  });
});
