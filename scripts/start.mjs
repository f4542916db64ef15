// `npm start`: builds the page when the build is missing or older than its sources, then
// bundles the server when it is stale, and runs it on the embedded default (SQLite in
// DATA_DIR) unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_BUNDLE, buildServer, serverBundleIsStale } from './build-server.mjs';

const SOURCES = ['index.html', 'vite.config.ts', 'package-lock.json', 'src/app', 'src/shared', 'src/storage', 'src/sync', 'src/i18n', 'sw', 'public', 'locales', 'easy-read'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = join('dist', 'index.html');
if (!existsSync(built) || Math.max(...SOURCES.map(newest)) > statSync(built).mtimeMs) {
  console.log('Building the app…');
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Production runs the bundled server with plain node (see scripts/build-server.mjs).
if (serverBundleIsStale()) {
  console.log('Building the server…');
  await buildServer();
}
const server = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
