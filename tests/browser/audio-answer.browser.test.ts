// A spoken answer recorded with Chromium's fake microphone while offline, queued on the
// device, and delivered once the connection returns: the recording and the contribution
// each arrive exactly once, and the bytes the organiser plays are the bytes recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../../src/server/db/connect';
import { API } from '../../src/shared/api';
import { axeViolations } from './axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH, exportedRows, organiserCookie, readStore, requireBrowserPrerequisites, startApp, waitForServiceWorkerControl, type RunningApp } from './harness';

const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const RECORDED_QUESTION = 'What would make it easier for you to get support?';

/** The recordings in the device's `audio` store, bytes as base64 so they leave the page intact. */
function deviceAudio(page: Page): Promise<Array<{ id: string; type: string; seconds: number; base64: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('heard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('audio').objectStore('audio').getAll();
          all.onsuccess = () => {
            const records = all.result as Array<{ id: string; type: string; seconds: number; bytes: ArrayBuffer }>;
            resolve(
              records.map((r) => {
                let binary = '';
                for (const byte of new Uint8Array(r.bytes)) binary += String.fromCharCode(byte);
                return { id: r.id, type: r.type, seconds: r.seconds, base64: btoa(binary) };
              }),
            );
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Answers the conversation: records the one text question named above, writes nothing elsewhere, picks first options. */
async function answerWithRecording(page: Page): Promise<void> {
  for (let step = 0; step < 20; step++) {
    const heading = (await page.locator('h1').first().innerText()).trim();
    if (/check your answers/i.test(heading)) return;
    const main = page.locator('main');
    if (heading.startsWith(RECORDED_QUESTION)) {
      await page.getByRole('button', { name: 'Record your answer instead' }).click();
      await page.getByRole('button', { name: 'Start recording' }).click();
      await expect.poll(() => main.innerText(), { timeout: 10_000 }).toMatch(/Recording: 0:0[2-9] of 3:00/);
      await page.getByRole('button', { name: 'Stop recording' }).click();
      await expect.poll(() => main.innerText(), { timeout: 10_000 }).toMatch(/Your recorded answer \(0:0\d\)/);
      // The player appears once the recording has been read back from IndexedDB.
      await expect.poll(() => main.locator('audio[controls]').count(), { timeout: 10_000 }).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      // Recording again replaces the first recording on the device rather than keeping both.
      const [first] = await deviceAudio(page);
      await page.getByRole('button', { name: 'Record again' }).click();
      await page.getByRole('button', { name: 'Stop recording' }).waitFor();
      await page.waitForTimeout(2500);
      await page.getByRole('button', { name: 'Stop recording' }).click();
      await expect.poll(() => deviceAudio(page).then((all) => all.map((r) => r.id)), { timeout: 10_000 }).not.toEqual([first?.id]);
      expect(await deviceAudio(page)).toHaveLength(1);
    } else if (!(await main.locator('textarea').count())) {
      await main.locator('input[type=radio], input[type=checkbox]').first().check();
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent?.trim() !== previous, heading);
  }
  throw new Error('Never reached "Check your answers"');
}

describe('a spoken answer, recorded offline', () => {
  let browser: Browser;
  let app: RunningApp;
  beforeAll(async () => {
    requireBrowserPrerequisites();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...FAKE_MICROPHONE] });
    app = await startApp();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is queued on the device and arrives on the server exactly once, bytes equal', async () => {
    const context = await browser.newContext({
      storageState: { cookies: [], origins: [{ origin: app.url, localStorage: [{ name: 'heard:preferences', value: JSON.stringify({ language: 'en' }) }] }] },
    });
    await context.grantPermissions(['microphone'], { origin: app.url });
    const page = await context.newPage();
    await page.goto(`${app.url}/e/ahp-strategy`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: 'Start now' }).first().click();
    await answerWithRecording(page);
    expect(await page.locator('main').innerText()).toMatch(/Recorded answer, 0:0\d long/);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Your answers are saved on this device');

    const [entry] = await readStore<{ id: string; audio?: string[]; payload: { answers: Array<{ prompt: string; audio?: { id: string; type: string; seconds: number } }>; route: { audio: boolean } } }>(page, 'outbox');
    const spoken = entry?.payload.answers.find((a) => a.prompt === 'easier-support')?.audio;
    expect(spoken?.type).toMatch(/^audio\/(webm|mp4|ogg)/);
    expect(spoken?.seconds).toBeGreaterThanOrEqual(1.5);
    expect(entry?.payload.route.audio).toBe(true);
    expect(entry?.audio).toEqual([spoken?.id]);
    const [recording] = await deviceAudio(page);
    expect(recording?.id).toBe(spoken?.id);
    expect(Buffer.from(recording?.base64 ?? '', 'base64').length).toBeGreaterThan(1000);

    // Back online: it goes by itself, the recording first.
    await context.setOffline(false);
    await expect.poll(async () => (await exportedRows(app)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => deviceAudio(page).then((left) => left.length), { timeout: 10_000 }).toBe(0);
    // Another drain (a tab coming back into view) must not send anything again.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(1000);

    const rows = await exportedRows(app);
    expect(new Set(rows.map((row) => row.contribution_id))).toEqual(new Set([entry?.id]));
    const audioRows = rows.filter((row) => row.kind === 'audio');
    expect(audioRows.map((row) => row.answer)).toEqual([spoken?.id]);
    expect(audioRows[0]?.audio).toBe('yes');

    const played = await fetch(app.url + API.organiserAudio(spoken?.id ?? ''), { headers: { cookie: await organiserCookie(app) } });
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe(spoken?.type);
    expect(Buffer.from(await played.arrayBuffer()).equals(Buffer.from(recording?.base64 ?? '', 'base64'))).toBe(true);

    const db = await openDatabase(app.dataDir);
    try {
      const stored = await db.kysely.selectFrom('audio').select('id').execute();
      const contributions = await db.kysely.selectFrom('contributions').select('id').execute();
      expect(stored.map((r) => r.id)).toEqual([spoken?.id]);
      expect(contributions.map((r) => r.id)).toEqual([entry?.id]);
    } finally {
      await db.close();
    }
    await context.close();
  });
});
