import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { PNG } from 'pngjs';
import { axeViolations } from './axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireBrowserPrerequisites, startApp, waitForServiceWorkerControl, type RunningApp } from './harness';

// A device that has already chosen English, so the home page (where the install help is) shows at once.
const CHOSE_ENGLISH = () => localStorage.setItem('heard:preferences', JSON.stringify({ language: 'en' }));

interface ManifestImage {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
  form_factor?: string;
}

describe('install to the home screen', () => {
  let app: RunningApp;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    requireBrowserPrerequisites();
    app = await startApp();
    // Installability is only judged in a real profile: a default (incognito) context reports `in-incognito`.
    profile = mkdtempSync(join(tmpdir(), 'heard-profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    await context.addInitScript(CHOSE_ENGLISH);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('is installable: Chromium reports no installability errors and reads a complete manifest', async () => {
    const page = await context.newPage();
    await page.goto(app.url + '/');
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);

    const { errors, data } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data: string };
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data) as Record<string, unknown> & { icons: ManifestImage[]; screenshots: ManifestImage[] };
    expect(manifest).toMatchObject({ name: expect.any(String), short_name: 'Heard', start_url: '/', display: 'standalone', theme_color: expect.any(String), background_color: expect.any(String) });
    for (const size of ['192x192', '512x512']) {
      expect(manifest.icons.filter((icon) => icon.sizes === size).map((icon) => icon.purpose).sort()).toEqual(['any', 'maskable']);
    }
    expect(manifest.screenshots.map((shot) => shot.form_factor).sort()).toEqual(['narrow', 'wide']);

    // Every picture the manifest names is served, is a PNG, and has the size it claims.
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await fetch(new URL(image.src, app.url));
      expect(response.status, image.src).toBe(200);
      expect(response.headers.get('content-type'), image.src).toBe('image/png');
      const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
      expect(`${png.width}x${png.height}`, image.src).toBe(image.sizes);
    }
    await page.close();
  });

  it('offers an install button once Chromium offers installing', async () => {
    // In a real profile Chromium decides the app is installable and fires `beforeinstallprompt` itself.
    const page = await context.newPage();
    await page.goto(app.url + '/');
    await expect.poll(() => page.getByRole('button', { name: 'Add Heard to this device' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('hands the choice to the browser, and says so when Heard was installed', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      // An incognito context is never offered installing, so the only offer is the one made here.
      const incognito = await browser.newContext();
      await incognito.addInitScript(CHOSE_ENGLISH);
      const page = await incognito.newPage();
      await page.goto(app.url + '/');
      await page.locator('h1').first().waitFor();
      expect(await page.locator('[data-testid=install-panel]').count()).toBe(0);
      const prevented = await page.evaluate(() => {
        const offer = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: string }> };
        offer.prompt = async () => {
          (window as unknown as { prompted: number }).prompted = ((window as unknown as { prompted?: number }).prompted ?? 0) + 1;
        };
        offer.userChoice = Promise.resolve({ outcome: 'dismissed' });
        window.dispatchEvent(offer);
        return offer.defaultPrevented;
      });
      expect(prevented).toBe(true);
      await page.getByRole('button', { name: 'Add Heard to this device' }).click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(1);
      await expect.poll(() => page.locator('main').innerText()).toContain('Heard was not added');

      await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
      await expect.poll(() => page.locator('[data-testid=install-panel]').innerText()).toContain('Heard is on this device');
    } finally {
      await browser.close();
    }
  });

  it('shows the steps on an iPhone, where browsers offer no install button', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      const iphone = await browser.newContext({
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        viewport: { width: 320, height: 640 },
        hasTouch: true,
      });
      await iphone.addInitScript(CHOSE_ENGLISH);
      const page = await iphone.newPage();
      await page.goto(app.url + '/');
      const summary = page.getByText('How to add Heard to the home screen of an iPhone or iPad');
      await summary.click();
      await expect.poll(() => page.locator('details').innerText()).toContain('Add to Home Screen');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
