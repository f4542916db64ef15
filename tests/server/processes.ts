// Real server processes for the multi-server, fault and load tests: `node --import tsx
// src/server/main.ts`, exactly what `npm run serve` runs (or the bundle `npm start` runs), on a
// free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { API } from '../../src/shared/api';
import { ADMIN, FIXTURE_FILE } from './helpers';

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends SIGTERM (if still running) and waits for the exit. */
  stop(): Promise<number | null>;
  /** Peak resident memory of the process so far, in bytes (Linux /proc), or null. */
  peakRss(): number | null;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `src/server/main.ts` in its own process over `target` (a data folder or a
 * `postgres://` URL) and waits until its health check answers. Seeds the fixture engagement
 * unless `env.HEARD_SEED_FILE` says otherwise; `nodeArgs` go to node (e.g. `--cpu-prof`).
 */
export async function startServerProcess(
  target: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  options: { bundled?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  // `bundled` runs dist-server/main.js as `npm start` does (build it first), not the sources through tsx.
  const entry = options.bundled ? ['dist-server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(target.startsWith('postgres') ? { DATABASE_URL: target, DATA_DIR: '' } : { DATA_DIR: target, DATABASE_URL: '' }),
      STATIC_DIR: join(tmpdir(), 'heard-no-dist'),
      HEARD_ADMIN_EMAIL: ADMIN.email,
      HEARD_ADMIN_PASSWORD: ADMIN.password,
      HEARD_SEED_FILE: FIXTURE_FILE,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let peak: number | null = null;
  const readPeak = (): number | null => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (kb) peak = Number(kb) * 1024;
    } catch {
      // The process has ended; keep the last figure read.
    }
    return peak;
  };
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    child,
    output: () => printed,
    exited,
    peakRss: readPeak,
    stop: async () => {
      readPeak();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${printed}`);
    try {
      if ((await fetch(url + API.health)).ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
