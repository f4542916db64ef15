// Bundles the server (src/server/main.ts and everything it imports from src/) into
// dist-server/main.js, so production runs plain `node` instead of compiling TypeScript at
// start-up with tsx (which costs about 60 MB of memory per process). Packages stay external:
// node loads them from node_modules as usual, native addons included.
// `node scripts/build-server.mjs` builds; `--if-stale` builds only when a source is newer.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = join(root, 'dist-server', 'main.js');
const SOURCES = ['src/server', 'src/shared', 'package-lock.json'].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** True when the bundle is missing or older than any server source. */
export function serverBundleIsStale() {
  return !existsSync(SERVER_BUNDLE) || Math.max(...SOURCES.map(newest)) > statSync(SERVER_BUNDLE).mtimeMs;
}

// Source files find their data (the demo seed, easy-read files, package.json) relative to
// `import.meta.url`; in the bundle each keeps pointing at its own place in the source tree.
const keepFileUrls = {
  name: 'keep-file-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(SERVER_BUNDLE), args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Builds dist-server/main.js. */
export async function buildServer() {
  await build({
    entryPoints: [join(root, 'src/server/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [keepFileUrls],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv.includes('--if-stale') || serverBundleIsStale()) {
    await buildServer();
    console.log(`Built ${relative(root, SERVER_BUNDLE)}`);
  }
}
