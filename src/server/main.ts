import { setFlagsFromString } from 'node:v8';
import { buildServer } from './app';

// V8 lets the heap grow to up to four times what survived the last full collection before it
// collects again. A sync batch makes a lot of short-lived garbage, so under load the heap grew
// to ~130 MB for ~30 MB of live data and the process peaked above 200 MB. Growing by at most
// half keeps the peak near 170 MB; the extra collections cost no measurable CPU (a full
// collection's cost follows the live data, which is small). Read by V8 at every collection,
// so setting it here, before the server starts, takes effect.
setFlagsFromString('--heap-growing-percent=50');

/**
 * `npm run serve` / `npm start`: reads the environment, starts the server and shuts it down
 * gracefully on SIGTERM or SIGINT (stop taking connections, let requests in flight finish,
 * close the database).
 *
 * PORT (8080), HOST (127.0.0.1; 0.0.0.0 for a local network at an event), DATA_DIR (./data),
 * DATABASE_URL (postgres://… switches to PostgreSQL), STATIC_DIR (./dist),
 * HEARD_ADMIN_EMAIL / HEARD_ADMIN_PASSWORD, HEARD_TRUST_PROXY=1 behind a reverse proxy,
 * HEARD_PUBLIC_URL (the address printed on event posters), HEARD_SEED_FILE (an engagement
 * bundle to seed instead of the demo), HEARD_SHUTDOWN_GRACE_MS (25000), LOG_LEVEL (info).
 */

// Long enough for a full 500-item batch on a busy database, short of the 30 s most process
// managers wait before killing.
const SHUTDOWN_GRACE_MS = Number(process.env.HEARD_SHUTDOWN_GRACE_MS) || 25_000;

async function main(): Promise<void> {
  const env = process.env;
  const app = await buildServer({
    db: env.DATABASE_URL || env.DATA_DIR || './data',
    staticDir: env.STATIC_DIR || './dist',
    logger: true,
    admin: { email: env.HEARD_ADMIN_EMAIL, password: env.HEARD_ADMIN_PASSWORD },
    // Straight to stdout, never through the logger, so the password is not kept in log files.
    announce: (message) => process.stdout.write(`\n${message}\n\n`),
    trustProxy: env.HEARD_TRUST_PROXY === '1',
    publicUrl: env.HEARD_PUBLIC_URL || undefined,
    seedFile: env.HEARD_SEED_FILE || undefined,
  });

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      app.log.error('requests still running after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: Number(env.PORT) || 8080, host: env.HOST || '127.0.0.1' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
