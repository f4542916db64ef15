// Takes the web app manifest's screenshots (a phone and a wide screen) of a running Heard in
// Debian's Chromium: `npm start` in one terminal, then `node scripts/make-screenshots.mjs
// [url]`. Browsers show them in the richer install dialog.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const shots = [
  { file: 'public/screenshots/narrow.png', viewport: { width: 390, height: 844 }, path: '/e/ahp-strategy' },
  { file: 'public/screenshots/wide.png', viewport: { width: 1280, height: 800 }, path: '/e/ahp-strategy' },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport });
    // A device that has chosen English already, so the screenshot shows the engagement itself.
    await page.addInitScript(() => localStorage.setItem('heard:preferences', JSON.stringify({ language: 'en' })));
    await page.goto(base + shot.path);
    await page.locator('h1').first().waitFor();
    await page.screenshot({ path: shot.file });
    await page.close();
    console.log(`wrote ${shot.file}`);
  }
} finally {
  await browser.close();
}
