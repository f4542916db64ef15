// `npm run bench`: measures the participant app in real Chromium against a real local
// server. Prints one line per figure. Needs a build (`npm run build`) and Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIST, launchChromium, startApp } from '../tests/browser/harness';
import { API } from '../src/shared/api';
import { percentile } from './stats';
import { SYNC_BATCH_ITEMS, type Contribution, type EngagementBundle, type Prompt } from '../src/shared';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SAVES = Number(process.env.BENCH_SAVES ?? 300);
const DRAIN_ITEMS = Number(process.env.BENCH_DRAIN ?? 1000);

const ms = (value: number) => `${value.toFixed(1)} ms`;

function answerFor(prompt: Prompt): Contribution['answers'][number] {
  switch (prompt.kind) {
    case 'text': return { prompt: prompt.id, text: 'Appointments closer to home and in the evening' };
    case 'choice': return { prompt: prompt.id, choices: [prompt.choices[0].id] };
    case 'scale': return { prompt: prompt.id, scale: 4 };
    case 'vote': return { prompt: prompt.id, vote: 'agree' };
  }
}

/** Time from navigation start until the first question's answer control and Continue button can be used. */
async function timeToFirstQuestion(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => {
    const control = document.querySelector('main textarea, main input');
    const button = [...document.querySelectorAll('main button')].find((b) => b.textContent?.trim() === 'Continue');
    return control && button && !(button as HTMLButtonElement).disabled ? performance.now() : 0;
  }, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

/** A cold first visit under mobile throttling like Lighthouse's (4× slower CPU, 1.6 Mbps down, 150 ms round trip). */
async function coldMobileVitals(browser: Browser, url: string): Promise<{ lcp: number; cls: number }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.6, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const vitals = { lcp: 0, cls: 0 };
    (window as unknown as { vitals: typeof vitals }).vitals = vitals;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) vitals.cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(500);
  const vitals = await page.evaluate(() => (window as unknown as { vitals: { lcp: number; cls: number } }).vitals);
  await context.close();
  return vitals;
}

async function seriesToFirstQuestion(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeToFirstQuestion(page, url));
  await page.close();
  return times;
}

async function main() {
  const budget = JSON.parse(readFileSync(join(DIST, 'budget.json'), 'utf8')) as { firstLoadJsGzip: number; criticalPathGzip: number; serviceWorkerGzip: number };
  console.log(`first-load JS (gzip): ${budget.firstLoadJsGzip} bytes (${(budget.firstLoadJsGzip / 1024).toFixed(1)} KB, budget 50 KB)`);
  console.log(`critical path (gzip): ${budget.criticalPathGzip} bytes; service worker (gzip): ${budget.serviceWorkerGzip} bytes`);

  const app = await startApp();
  const browser = await launchChromium();
  try {
    const bundle = (await (await fetch(app.url + API.engagement('ahp-strategy'))).json()) as EngagementBundle;
    const phase = bundle.phases[0];
    const firstQuestion = `${app.url}/e/${bundle.slug}/${phase.id}/${phase.prompts[0].id}`;

    const vitals: Array<{ lcp: number; cls: number }> = [];
    for (let i = 0; i < 5; i++) vitals.push(await coldMobileVitals(browser, `${app.url}/e/${bundle.slug}`));
    const lcps = vitals.map((v) => v.lcp);
    console.log(`cold first visit, mobile throttling (4x CPU, 1.6 Mbps, 150 ms RTT): LCP p50 ${ms(percentile(lcps, 50))}, worst ${ms(Math.max(...lcps))}; CLS worst ${Math.max(...vitals.map((v) => v.cls)).toFixed(3)} over 5 loads`);

    // Time to first question: warm the service worker once, then measure online and offline.
    const context = await browser.newContext();
    // A returning person: the language was chosen on an earlier visit (a first visit asks for it first).
    await context.addInitScript(() => localStorage.setItem('heard:preferences', JSON.stringify({ language: 'en' })));
    const warm = await context.newPage();
    await warm.goto(`${app.url}/e/${bundle.slug}`);
    await warm.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await warm.close();
    const online = await seriesToFirstQuestion(context, firstQuestion);
    await context.setOffline(true);
    const offline = await seriesToFirstQuestion(context, firstQuestion);
    await context.close();
    console.log(`first question interactive, online (service worker warm): p50 ${ms(percentile(online, 50))}, p95 ${ms(percentile(online, 95))} over ${RUNS} loads`);
    console.log(`first question interactive, offline: p50 ${ms(percentile(offline, 50))}, p95 ${ms(percentile(offline, 95))} over ${RUNS} loads`);

    // Outbox and drain: the real storage and sync code, bundled, in a blank page of the app's origin.
    const script = await build({ entryPoints: ['bench/in-page.ts'], bundle: true, format: 'iife', write: false, target: 'es2022' });
    const benchContext = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
    const page = await benchContext.newPage();
    await page.route(`${app.url}/bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.goto(`${app.url}/bench.html`);
    await page.addScriptTag({ content: script.outputFiles[0].text });
    const template = {
      engagement: bundle.slug, phase: phase.id, version: bundle.version, answers: phase.prompts.map(answerFor),
      locale: 'en', route: { easyRead: false, readAloud: false, assisted: false, audio: false }, channel: 'online' as const,
    };
    type Bench = { timeSaves(t: unknown, n: number): Promise<number[]>; timeDrain(t: unknown, n: number, maxItems: number): Promise<{ ms: number; confirmed: number; left: number }> };
    const saves = await page.evaluate(([t, n]) => (globalThis as unknown as { heardBench: Bench }).heardBench.timeSaves(t, n), [template, SAVES] as const);
    console.log(`save an answer to the outbox: p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))} over ${SAVES} saves`);
    // Clear what the save test queued so each drain starts from its own items.
    await page.evaluate(() => (globalThis as unknown as { heardBench: Bench }).heardBench.timeDrain({}, 0, 500).catch(() => undefined));
    const drainBatched = await page.evaluate(([t, n, size]) => (globalThis as unknown as { heardBench: Bench }).heardBench.timeDrain(t, n, size), [template, DRAIN_ITEMS, SYNC_BATCH_ITEMS] as const);
    const drainSingle = await page.evaluate(([t, n]) => (globalThis as unknown as { heardBench: Bench }).heardBench.timeDrain(t, n, 1), [template, DRAIN_ITEMS] as const);
    const rate = (r: { ms: number; confirmed: number }) => `${ms(r.ms)} (${Math.round((r.confirmed / r.ms) * 1000)} contributions/s, ${r.confirmed} confirmed)`;
    console.log(`drain ${DRAIN_ITEMS} queued contributions, batches of ${SYNC_BATCH_ITEMS} (the app's): ${rate(drainBatched)}`);
    console.log(`drain ${DRAIN_ITEMS} queued contributions, one request each: ${rate(drainSingle)}`);
    console.log(`batching speed-up: ${(drainSingle.ms / drainBatched.ms).toFixed(1)}×`);
    if (drainBatched.left !== 0 || drainSingle.left !== 0) throw new Error('The drain left contributions behind');
    await benchContext.close();
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
