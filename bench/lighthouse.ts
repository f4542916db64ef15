// `npm run bench:lighthouse`: Lighthouse's mobile audit (simulated slow 4G and 4× slower CPU)
// of a deep link to the demo engagement, cold, three times; prints the median figures that
// DESIGN.md's quality bars name. Needs a build and Chromium.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { percentile } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireBrowserPrerequisites, startApp } from '../tests/browser/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);


async function main() {
  requireBrowserPrerequisites();
  const app = await startApp();
  const results: Array<{ lcp: number; fcp: number; cls: number; performance: number; accessibility: number }> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A new browser each run, so every visit is a first visit (no service worker, no cache).
      const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
      try {
        const result = await lighthouse(`${app.url}/e/ahp-strategy`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error('Lighthouse returned nothing');
        const { audits, categories } = result.lhr;
        results.push({
          lcp: audits['largest-contentful-paint'].numericValue ?? NaN,
          fcp: audits['first-contentful-paint'].numericValue ?? NaN,
          cls: audits['cumulative-layout-shift'].numericValue ?? NaN,
          performance: Math.round((categories.performance.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
        });
      } finally {
        chrome.kill();
      }
    }
  } finally {
    await app.close();
  }
  // A run where Lighthouse could not compute a metric reports no value; say how many did.
  const pick = (key: keyof (typeof results)[number]) => {
    const values = results.map((r) => r[key]).filter((value) => Number.isFinite(value));
    return values.length ? percentile(values, 50) : NaN;
  };
  const measured = results.filter((r) => Number.isFinite(r.lcp)).length;
  console.log(`Lighthouse mobile, deep link to the engagement, median of ${RUNS} cold runs (${measured} with an LCP value):`);
  console.log(`  performance ${pick('performance')}, accessibility ${pick('accessibility')}`);
  console.log(`  LCP ${pick('lcp').toFixed(0)} ms (bar 1200), FCP ${pick('fcp').toFixed(0)} ms, CLS ${pick('cls').toFixed(3)} (bar 0)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
