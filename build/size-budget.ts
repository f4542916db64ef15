import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rollup';

/** Byte budgets (gzip) checked on every production build. */
export interface Budgets {
  /** JavaScript the page downloads before the first screen: entry chunks and their static imports. */
  firstLoadJs: number;
  /** Everything on the critical path: index.html, first-load JS and CSS. */
  criticalPath: number;
  /** The built service worker. */
  serviceWorker: number;
}

const gzipSize = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Figures one build produced; also written to dist/budget.json for the benchmark. */
export interface BudgetReport {
  firstLoadJsGzip: number;
  criticalPathGzip: number;
  serviceWorkerGzip: number;
  files: string[];
}

/** Walks the entry chunks' static imports; dynamic imports load later and are not counted. */
export function firstLoadChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = new Map<string, OutputChunk>();
  const visit = (fileName: string) => {
    const item = bundle[fileName];
    if (!item || item.type !== 'chunk' || chunks.has(fileName)) return;
    chunks.set(fileName, item);
    item.imports.forEach(visit);
  };
  Object.values(bundle)
    .filter((item): item is OutputChunk => item.type === 'chunk' && item.isEntry)
    .forEach((entry) => visit(entry.fileName));
  return [...chunks.values()];
}

/**
 * Fails the build when the page's first-load JavaScript, its critical path or the service
 * worker grows past its budget, and prints each figure so a change's cost is visible.
 */
export function sizeBudget(budgets: Budgets): Plugin {
  let outDir = 'dist';
  let report: Omit<BudgetReport, 'serviceWorkerGzip'> | undefined;
  return {
    name: 'heard:size-budget',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      const chunks = firstLoadChunks(bundle);
      const js = chunks.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0);
      const cssFiles = new Set(chunks.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
      const css = [...cssFiles].reduce((sum, file) => {
        const asset = bundle[file];
        return asset && asset.type === 'asset' ? sum + gzipSize(asset.source) : sum;
      }, 0);
      const html = bundle['index.html'];
      const htmlSize = html && html.type === 'asset' ? gzipSize(html.source) : 0;
      report = { firstLoadJsGzip: js, criticalPathGzip: js + css + htmlSize, files: [...chunks.map((c) => c.fileName), ...cssFiles] };
    },
    // The worker is built by vite-plugin-pwa in its own closeBundle, so this runs after it.
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (!report) return;
        const swPath = join(outDir, 'sw.js');
        const sw = existsSync(swPath) ? gzipSize(readFileSync(swPath)) : 0;
        const full: BudgetReport = { ...report, serviceWorkerGzip: sw };
        const rows: Array<[string, number, number]> = [
          ['first-load JavaScript', full.firstLoadJsGzip, budgets.firstLoadJs],
          ['critical path (HTML + JS + CSS)', full.criticalPathGzip, budgets.criticalPath],
          ['service worker', full.serviceWorkerGzip, budgets.serviceWorker],
        ];
        for (const [name, size, budget] of rows) {
          console.log(`size budget: ${name} ${kb(size)} gzip (${size} bytes) of ${kb(budget)}`);
        }
        writeFileSync(join(outDir, 'budget.json'), JSON.stringify(full, null, 2));
        const over = rows.filter(([, size, budget]) => size > budget);
        if (over.length > 0) {
          throw new Error(`Size budget exceeded: ${over.map(([name, size, budget]) => `${name} ${kb(size)} > ${kb(budget)}`).join(', ')}`);
        }
        if (sw === 0) throw new Error('Size budget: dist/sw.js was not built');
      },
    },
  };
}
