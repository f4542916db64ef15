import { describe, expect, it } from 'vitest';
import { answerEveryQuestion, exportedRows, readStore, useBrowserAndApp } from './harness';

describe('nothing is lost when the device fails', () => {
  const { browser, app } = useBrowserAndApp();

  it('a tab killed just after "Send my answers" leaves the answers either queued (or already delivered) or still in the draft, never both or neither', async () => {
    const context = await browser().newContext({ serviceWorkers: 'block' });
    await context.setOffline(true);
    const outcomes: string[] = [];
    for (const delayMs of [0, 5, 20, 60]) {
      const page = await context.newPage();
      await context.setOffline(false);
      await page.goto(`${app().url}/e/ahp-strategy`);
      await context.setOffline(true);
      await page.getByRole('link', { name: 'Start now' }).first().click();
      const typed = await answerEveryQuestion(page, `killed-${delayMs}`);
      await page.getByRole('button', { name: 'Send my answers' }).click({ noWaitAfter: true });
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await page.close({ runBeforeUnload: false });

      const probe = await context.newPage();
      await context.setOffline(false);
      await probe.goto(`${app().url}/outbox`);
      await context.setOffline(true);
      const queued = JSON.stringify(await readStore(probe, 'outbox'));
      const drafts = JSON.stringify(await readStore(probe, 'drafts'));
      // The probe page starts syncing as soon as it loads online, so a queued entry may already
      // have reached the server (and left the outbox) by the time the stores are read.
      const delivered = JSON.stringify(await exportedRows(app())).includes(typed[0]);
      const inOutbox = queued.includes(typed[0]) || delivered;
      const inDraft = drafts.includes(typed[0]);
      outcomes.push(delivered ? 'delivered' : inOutbox ? 'queued' : 'draft');
      expect(inOutbox !== inDraft, `after ${delayMs} ms: queued ${queued.includes(typed[0])}, delivered ${delivered}, draft ${inDraft}`).toBe(true);
      await probe.close();
    }
    expect(outcomes).toHaveLength(4);
    console.info(`killed tabs, by delay: ${outcomes.join(', ')}`);
    await context.close();
  });

  it('a full device: answers stay from page to page with a clear warning, sending says the device is full, nothing is lost', async () => {
    const context = await browser().newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    // This origin may store (almost) nothing, from before the app first opens its database.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: app().url, quotaSize: 1 });
    await page.goto(`${app().url}/e/ahp-strategy`);
    await page.getByRole('link', { name: 'Start now' }).first().click();
    const typed = await answerEveryQuestion(page, 'quota', { keyByKey: true });
    expect(await page.getByRole('status').first().innerText()).toMatch(/This device is full, so your answers are not saved on it yet/);
    expect(await readStore(page, 'drafts')).toHaveLength(0);
    for (const text of typed) expect(await page.locator('main').innerText()).toContain(text);

    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await page.locator('main').innerText()).toMatch(/This device is full, so your answers could not be saved for sending/);
    expect(await page.locator('h1').innerText()).toMatch(/check your answers/i);
    for (const text of typed) expect(await page.locator('main').innerText()).toContain(text);
    expect(await readStore(page, 'outbox')).toHaveLength(0);
    await context.close();
  });
});
