import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { loadLazyStrings } from '../../src/i18n';
import { deleteAboutYou, listAboutYou } from '../../src/storage';
import { AboutYouSync, MAX_DELAY_MS, MIN_DELAY_MS } from '../../src/sync/about-you';
import { PHASE, SLUG, bundle, freshDevice, renderAt } from './harness';

vi.mock('../../src/app/sw-bridge', () => ({
  registerServiceWorker: vi.fn(),
  applyUpdate: vi.fn(async () => undefined),
  requestBackgroundSync: vi.fn(async () => undefined),
}));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(async () => {
  await freshDevice('online');
  delete bundle.aboutYou;
});

async function choose(user: ReturnType<typeof userEvent.setup>, heading: string, answer: string): Promise<void> {
  expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
  await user.click(screen.getByRole('radio', { name: answer }));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('"about you" pages', () => {
  // A whole journey of seven pages: it can take more than the default five seconds on a busy machine.
  it('are offered after taking part, say they are kept apart, and ask one question per page', async () => {
    const user = userEvent.setup();
    renderAt(`/e/${SLUG}/${PHASE}/done`);
    // The offer comes with its own chunk and strings; the first import is slow under test transforms.
    const offer = await screen.findByRole('link', { name: 'Tell us about you' }, { timeout: 15_000 });
    expect(offer.getAttribute('href')).toBe(`/e/${SLUG}/about-you`);
    expect(screen.getByRole('heading', { level: 2, name: 'Tell us about you (optional)' })).toBeTruthy();
    await user.click(offer);

    expect(await screen.findByRole('heading', { level: 1, name: 'Tell us about you' })).toBeTruthy();
    expect(document.querySelector('.govuk-inset-text')?.textContent).toMatch(/kept apart .* cannot be linked/);
    expect(screen.getByRole('link', { name: 'No thanks, I have finished' }).getAttribute('href')).toBe(`/e/${SLUG}`);
    await user.click(screen.getByRole('button', { name: 'Start' }));

    // Nothing chosen: the GOV.UK error summary, linked to the field, and focus on it.
    expect(await screen.findByRole('heading', { level: 1, name: 'How old are you?' })).toBeTruthy();
    expect(screen.getByText(/Question 1 of 5/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('link', { name: 'Select an answer, or select ‘Prefer not to say’' }).getAttribute('href')).toBe('#about-you-answer');
    expect(document.title.startsWith('Error: ')).toBe(true);
    expect(screen.getByRole('group').getAttribute('aria-describedby')).toBe('about-you-error');

    await user.click(screen.getByRole('radio', { name: '25 to 34' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await choose(user, 'What is your ethnic group?', 'Prefer not to say');
    expect(await screen.findByRole('heading', { level: 1, name: 'Do you have a disability or a long-term health condition?' })).toBeTruthy();
    expect(screen.getByText(/12 months or more/)).toBeTruthy();
    await choose(user, 'Do you have a disability or a long-term health condition?', 'No');
    await choose(user, 'What is your gender?', 'Prefer not to say');
    // The engagement's languages are offered, then "Another language" and "Prefer not to say".
    expect(await screen.findByRole('heading', { level: 1, name: 'What is your first language?' })).toBeTruthy();
    expect(screen.getAllByRole('radio').map((r) => r.closest('.govuk-radios__item')?.textContent)).toEqual(['English', 'Another language', 'Prefer not to say']);
    await choose(user, 'What is your first language?', 'English');

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers about you' })).toBeTruthy();
    const values = () => [...document.querySelectorAll('.govuk-summary-list__value')].map((v) => v.textContent);
    expect(values()).toEqual(['25 to 34', 'Prefer not to say', 'No', 'Prefer not to say', 'English']);
    await user.click(screen.getByRole('link', { name: 'Change your answer to: What is your gender?' }));
    expect(await screen.findByRole('radio', { name: 'Prefer not to say' })).toHaveProperty('checked', true);
    await choose(user, 'What is your gender?', 'Non-binary');
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers about you' })).toBeTruthy();
    expect(values()[3]).toBe('Non-binary');

    await user.click(screen.getByRole('button', { name: 'Send these answers' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you for telling us about you' })).toBeTruthy();

    // Queued on its own: a random id and the answers, nothing that ties it to a contribution.
    const [record, ...more] = await listAboutYou();
    expect(more).toEqual([]);
    expect(Object.keys(record).sort()).toEqual(['answers', 'attempts', 'engagement', 'id', 'notBefore']);
    expect(record.id).toMatch(UUID);
    expect(record.engagement).toBe(SLUG);
    expect(record.answers).toEqual({ ageBand: '25-34', ethnicity: 'prefer-not-to-say', disability: 'no', gender: 'non-binary', firstLanguage: 'en' });
    expect(record.notBefore - Date.now()).toBeGreaterThanOrEqual(MIN_DELAY_MS - 1000);
    // Not sent at once: no request yet.
    const calls = vi.mocked(fetch).mock.calls.map(([url]) => String(url));
    expect(calls.filter((url) => url.includes('about-you'))).toEqual([]);
  }, 30_000);

  it('asks only the questions the engagement lists', async () => {
    const user = userEvent.setup();
    bundle.aboutYou = { questions: ['gender'] };
    renderAt(`/e/${SLUG}/about-you/gender`);
    expect(await screen.findByRole('heading', { level: 1, name: 'What is your gender?' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText(/Question 1 of 1/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Woman' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers about you' })).toBeTruthy();
    expect(document.querySelectorAll('.govuk-summary-list__row')).toHaveLength(1);
    await deleteAboutYou((await listAboutYou()).map((r) => r.id));
  });

  it('is not offered when the engagement asks no questions about you', async () => {
    bundle.aboutYou = { questions: [] };
    renderAt(`/e/${SLUG}/${PHASE}/done`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    // Give the offer every chance to appear: its chunk and strings are loaded already.
    await Promise.all([import('../../src/app/screens/AboutYou'), loadLazyStrings()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.queryByRole('link', { name: 'Tell us about you' })).toBeNull();
    expect(screen.queryByText(/kept apart/)).toBeNull();
  });

  it('says so when someone opens them for an engagement that asks none', async () => {
    bundle.aboutYou = { questions: [] };
    renderAt(`/e/${SLUG}/about-you`);
    expect(await screen.findByText('This engagement does not ask questions about you.', {}, { timeout: 15_000 })).toBeTruthy();
  });
});

describe('sending "about you" records', () => {
  it('waits a random delay, sends on its own, retries after a failure and removes what the server answered', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    let clock = 1_000_000;
    const requests: Array<{ url: string; body: unknown }> = [];
    let failNext = true;
    const sender = new AboutYouSync({
      now: () => clock,
      random: () => 0.5,
      isOnline: () => true,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      fetch: async (input, init) => {
        requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
        if (failNext) {
          failNext = false;
          return new Response('busy', { status: 503 });
        }
        const { items } = JSON.parse(String(init?.body)) as { items: Array<{ id: string }> };
        return Response.json({ receipts: items.map((item, i) => ({ id: item.id, status: i === 0 ? 'accepted' : 'duplicate' })) });
      },
    });
    await sender.queue(SLUG, { ageBand: '16-24' });
    await sender.queue(SLUG, { gender: 'woman' });
    // One timer, at least the minimum random delay away; nothing sent yet.
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBeGreaterThanOrEqual(MIN_DELAY_MS);
    expect(timers[0].ms).toBeLessThan(MAX_DELAY_MS);
    expect(requests).toEqual([]);

    clock += timers[0].ms;
    timers[0].fn();
    await waitFor(() => expect(timers).toHaveLength(2));
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/api/about-you');
    const sent = (requests[0].body as { items: Array<Record<string, unknown>> }).items;
    expect(sent.map((item) => Object.keys(item).sort())).toEqual([
      ['answers', 'engagement', 'id'],
      ['answers', 'engagement', 'id'],
    ]);
    // The failure kept both records, each counted once and held back.
    let stored = await listAboutYou();
    expect(stored.map((r) => r.attempts)).toEqual([1, 1]);
    expect(stored.every((r) => r.notBefore > clock)).toBe(true);

    clock = Math.max(...stored.map((r) => r.notBefore));
    timers[1].fn();
    await waitFor(async () => expect(await listAboutYou()).toEqual([]));
    expect(requests).toHaveLength(2);
    // The same ids again: a resend is harmless.
    expect((requests[1].body as { items: Array<{ id: string }> }).items.map((i) => i.id).sort()).toEqual(sent.map((i) => i.id).sort());
    stored = await listAboutYou();
    expect(stored).toEqual([]);
  });

  it('does nothing offline and keeps the record until a connection comes back', async () => {
    const timers: Array<() => void> = [];
    let online = false;
    const fetch = vi.fn(async () => Response.json({ receipts: [] }));
    const sender = new AboutYouSync({ isOnline: () => online, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined, fetch, now: () => Date.now() + MAX_DELAY_MS * 2 });
    await sender.queue(SLUG, { disability: 'yes' });
    timers[0]();
    await waitFor(() => expect(timers).toHaveLength(1));
    expect(fetch).not.toHaveBeenCalled();
    expect(await listAboutYou()).toHaveLength(1);
    online = true;
    await sender.wake();
    expect(timers).toHaveLength(2);
  });
});
