import fastifyCookie from '@fastify/cookie';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { openDatabase, type HeardDb } from './db/connect';
import { ensureFirstOrganiser, type AdminSetting } from './organiser/organisers';
import { aboutYouRoutes } from './routes/about-you';
import { audioRoutes } from './routes/audio';
import { engagementRoutes } from './routes/engagements';
import { eventPublicRoutes } from './routes/events';
import { findingsRoutes } from './routes/findings';
import { healthRoutes } from './routes/health';
import { organiserRoutes } from './routes/organiser';
import { staticRoutes } from './routes/static';
import { syncRoutes, type SyncLimits } from './routes/sync';
import { retentionSweep } from './retention/routes';
import { DEFAULT_SEED_FILE, seedFromFile } from './seed/seed';
import { helmetOptions, loggerOptions } from './security';
import { closeConnectionsOnShutdown } from './shutdown';
import type { StoreFaults } from './sync/store-contribution';
import { packageVersion } from './version';

/** Everything `buildServer` needs; all optional (SQLite in ./data by default). */
export interface ServerOptions {
  /** An open database, or where to open one: a `postgres://` URL or a data folder for SQLite. */
  db?: HeardDb | string;
  /** Data folder for SQLite when `db` is not given (DATA_DIR, default `./data`). */
  dataDir?: string;
  /** Folder of the built app (default `./dist`). */
  staticDir?: string;
  /** Log requests (method, path, status; never addresses). Off by default. */
  logger?: boolean;
  /** Where log lines go when logging (default stdout); tests read them here. */
  logStream?: { write(line: string): void };
  /** Version reported by the health check (default: package.json). */
  version?: string;
  /** Engagement bundle seeded on start (default: the demo); null seeds nothing. */
  seedFile?: string | null;
  /** First organiser (HEARD_ADMIN_EMAIL / HEARD_ADMIN_PASSWORD). */
  admin?: AdminSetting;
  /** Receives the one-time admin password on first start; nothing else is passed here. */
  announce?: (message: string) => void;
  /** Trust X-Forwarded-For from a reverse proxy (only the rate limiter reads the address). */
  trustProxy?: boolean;
  /** Sign-in attempts allowed per client per minute (default 10). */
  signInPerMinute?: number;
  /** Test seam to fail a sync batch partway. */
  faults?: StoreFaults;
  /** Limits on `POST /api/sync` (same batch per minute, requests in progress). */
  syncLimits?: SyncLimits;
  /** Public address printed on event posters (HEARD_PUBLIC_URL); the request's origin when unset. */
  publicUrl?: string;
  /** Receipt-code lookups on the "you said, we heard" page allowed per client per minute (default 30). */
  receiptsPerMinute?: number;
}

/**
 * Builds the Heard server: opens the database (running migrations), seeds the demo
 * engagement and the first organiser, and registers the API and the static app. The caller
 * listens; closing the server closes a database it opened.
 */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const target = options.db ?? options.dataDir ?? './data';
  const ownsDb = typeof target === 'string';
  const db = typeof target === 'string' ? await openDatabase(target) : target;
  const app = Fastify({
    logger: loggerOptions(options.logger ?? false, options.logStream),
    trustProxy: options.trustProxy ?? false,
    // Keep-alive connections that sit idle are closed on shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
  });
  if (ownsDb) app.addHook('onClose', () => db.close());
  closeConnectionsOnShutdown(app);

  try {
    if (options.seedFile !== null) {
      await seedFromFile(db.kysely, options.seedFile ?? DEFAULT_SEED_FILE, (m) => app.log.warn(m));
    }
    await ensureFirstOrganiser(db.kysely, options.admin ?? {}, options.announce ?? (() => {}));

    app.setErrorHandler(errorHandler);
    // JSON only: a text/plain POST is one a page on another site can send without a CORS
    // preflight, so refusing it (415) shuts that door on the API.
    app.removeContentTypeParser('text/plain');
    await app.register(fastifyHelmet, helmetOptions);
    // API answers and any file the build did not precompress. Brotli at a low quality: on the
    // fly, speed matters more than the last few bytes.
    await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } } });
    await app.register(fastifyCookie);
    await app.register(fastifyRateLimit, { global: false });

    healthRoutes(app, { db, version: options.version ?? packageVersion() });
    engagementRoutes(app, { kysely: db.kysely });
    syncRoutes(app, { db, faults: options.faults, limits: options.syncLimits });
    aboutYouRoutes(app, { kysely: db.kysely });
    eventPublicRoutes(app, { kysely: db.kysely });
    findingsRoutes(app, { kysely: db.kysely, receiptsPerMinute: options.receiptsPerMinute });
    await app.register(organiserRoutes, { kysely: db.kysely, signInPerMinute: options.signInPerMinute ?? 10, publicUrl: options.publicUrl });
    await app.register(audioRoutes, { kysely: db.kysely });
    await app.register(retentionSweep, { kysely: db.kysely });
    await app.register(staticRoutes, { staticDir: options.staticDir ?? 'dist' });
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/**
 * Every error becomes `{ error }` JSON. Client errors say what was wrong; server errors are
 * logged and say nothing about internals.
 */
function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    req.log.error({ err: error }, 'request failed');
    void reply.code(500).send({ error: 'the server could not handle this request; try again later' });
    return;
  }
  void reply.code(status).send({ error: clientMessage(error, status, req.routeOptions.bodyLimit) });
}

function clientMessage(error: FastifyError, status: number, bodyLimit = 1024 * 1024): string {
  // Routes set their own limit (an event's export file may be far larger than a sync batch).
  if (status === 413) return `request body is too large (at most ${Math.round(bodyLimit / (1024 * 1024))} MiB)`;
  if (status === 415) return 'send JSON with Content-Type: application/json';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'request body is empty';
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'request body is not valid JSON';
  return error.message;
}
