import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { UI_PICTURES } from '../src/app/easy-read/ui-pictures';
import { ORGANISER_SUBGROUPS, PER_SUBGROUP } from './pictures-set';

/**
 * Copies the OpenMoji pictures Heard uses into the build as `/pictures/<HEX>.svg`, and no
 * others: those named by engagement content (the seed bundles, their translations and every
 * easy-read file), those the app's own screens use, and a set offered to organisers for new
 * content. `/pictures/index.json` lists them with OpenMoji's names, for the organisers'
 * picker. Being in the build, they are precached by the service worker and show offline.
 * The dev server serves the same files from node_modules.
 */

const OPENMOJI = 'node_modules/openmoji';
const svgPath = (id: string) => join(OPENMOJI, 'color', 'svg', `${id}.svg`);

interface OpenMojiEntry {
  hexcode: string;
  annotation: string;
  subgroups: string;
  skintone: string;
  order: number | string;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Picture ids that engagement content names in `"picture": "<HEX>"` fields, with the file naming each. */
export function contentPictures(roots: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of roots.flatMap(jsonFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/"picture"\s*:\s*"([^"]+)"/g)) {
      if (match[1] && !found.has(match[1])) found.set(match[1], file);
    }
  }
  return found;
}

/** The set offered to organisers: the first few plain pictures (no skin-tone or gender variants) of each chosen subgroup. */
export function organiserPictures(entries: OpenMojiEntry[]): string[] {
  const taken = new Map<string, number>();
  const chosen: string[] = [];
  const plain = entries
    .filter((e) => ORGANISER_SUBGROUPS.includes(e.subgroups) && !e.skintone && !e.hexcode.includes('-200D-'))
    .sort((a, b) => Number(a.order) - Number(b.order));
  for (const entry of plain) {
    const count = taken.get(entry.subgroups) ?? 0;
    if (count >= PER_SUBGROUP || !existsSync(svgPath(entry.hexcode))) continue;
    taken.set(entry.subgroups, count + 1);
    chosen.push(entry.hexcode);
  }
  return chosen;
}

/** Every picture the build ships, with its OpenMoji name; throws when content names a picture OpenMoji lacks. */
export function collectPictures(contentRoots = ['src/server/seed', 'easy-read']): Array<{ id: string; name: string }> {
  const entries = JSON.parse(readFileSync(join(OPENMOJI, 'data', 'openmoji.json'), 'utf8')) as OpenMojiEntry[];
  const names = new Map(entries.map((e) => [e.hexcode, e.annotation]));
  const used = contentPictures(contentRoots);
  const missing = [...used].filter(([id]) => !existsSync(svgPath(id)));
  if (missing.length > 0) throw new Error(`Pictures not in OpenMoji: ${missing.map(([id, file]) => `${id} (${file})`).join(', ')}`);
  const ids = new Set([...used.keys(), ...UI_PICTURES, ...organiserPictures(entries)]);
  return [...ids].sort().map((id) => ({ id, name: names.get(id) ?? id }));
}

/** The Vite plugin: emits the pictures into the build and serves them in development. */
export function pictures(): Plugin {
  return {
    name: 'heard-pictures',
    generateBundle() {
      const list = collectPictures();
      for (const { id } of list) this.emitFile({ type: 'asset', fileName: `pictures/${id}.svg`, source: readFileSync(svgPath(id)) });
      this.emitFile({ type: 'asset', fileName: 'pictures/index.json', source: JSON.stringify(list) });
    },
    configureServer(server) {
      server.middlewares.use('/pictures/', (req, res, next) => {
        const id = decodeURIComponent((req.url ?? '').replace(/^\//, '').replace(/\.svg$/, ''));
        if (!/^[0-9A-F-]+$/.test(id) || !existsSync(svgPath(id))) return next();
        res.setHeader('content-type', 'image/svg+xml');
        createReadStream(svgPath(id)).pipe(res);
      });
    },
  };
}
