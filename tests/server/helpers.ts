// Shared set-up for the server tests: a real server on loopback over a real database
// (a SQLite file in a temporary folder by default), and small builders for valid contributions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../src/server/app';
import { openDatabase, type HeardDb } from '../../src/server/db/connect';
import { API } from '../../src/shared/api';
import type { Contribution, SyncResponse } from '../../src/shared/contribution';

export const FIXTURE_FILE = join(import.meta.dirname, 'fixtures', 'engagement.json');
export const FIXTURE_SLUG = 'fixture-talk';
export const ADMIN = { email: 'Organiser@Example.org', password: 'correct horse battery staple' };

/** A server under test, with the database it writes to. */
export interface TestServer {
  url: string;
  db: HeardDb;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Where a test server keeps its data: opens a fresh, empty database and removes it afterwards. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ db: HeardDb; dispose(): Promise<void> }>;
  /**
   * A fresh, empty place for a database without opening it: what `buildServer({ db })`,
   * `openDatabase` and DATABASE_URL / DATA_DIR take, so a test can open it again and again.
   */
  location(): Promise<{ target: string; dispose(): Promise<void> }>;
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'heard-server-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The default: a SQLite file in a fresh temporary folder. */
export const sqliteBackend: Backend = {
  name: 'sqlite',
  async location() {
    const dir = tempDir();
    return { target: dir.path, dispose: async () => dir.remove() };
  },
  async open() {
    const dir = tempDir();
    const db = await openDatabase(dir.path);
    return {
      db,
      dispose: async () => {
        await db.close();
        dir.remove();
      },
    };
  },
};

/** Starts a server on a free loopback port over a fresh database seeded with the fixture engagement. */
export async function startServer(options: Omit<ServerOptions, 'db' | 'dataDir'> = {}, backend: Backend = sqliteBackend): Promise<TestServer> {
  const { db, dispose } = await backend.open();
  const app = await buildServer({ seedFile: FIXTURE_FILE, admin: ADMIN, staticDir: join(tmpdir(), 'heard-no-dist'), ...options, db });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    db,
    app,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

/** A valid contribution to the fixture engagement, with `overrides` applied. */
export function contribution(overrides: Partial<Contribution> = {}): Contribution {
  return {
    id: randomUUID(),
    engagement: FIXTURE_SLUG,
    phase: 'conversation',
    version: 2,
    answers: [
      { prompt: 'ideas', text: 'A drop-in clinic near the bus station' },
      { prompt: 'feeling', scale: 4 },
    ],
    locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: false, audio: false },
    channel: 'online',
    createdAt: '2025-03-01T09:30:00.000Z',
    ...overrides,
  };
}

/** The parsed answer of `POST /api/sync`. */
export type SyncReply = { status: number; body: SyncResponse & { error?: string } };

/** POSTs `{ items }` to the sync endpoint and returns the status and parsed body. */
export async function sync(url: string, items: unknown[]): Promise<SyncReply> {
  const response = await fetch(url + API.sync, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  return { status: response.status, body: (await response.json()) as SyncReply['body'] };
}

/** How many rows `table` holds. */
export async function countRows(db: HeardDb, table: 'contributions' | 'answers' | 'engagements' | 'engagement_keys' | 'organisers' | 'sessions' | 'receipt_keys'): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stored answers of contribution `id`, in order. */
export async function answersOf(db: HeardDb, id: string): Promise<Array<{ position: number; prompt: string; kind: string; value: string }>> {
  return db.kysely
    .selectFrom('answers')
    .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
    .select(['answers.position', 'answers.prompt', 'answers.kind', 'answers.value'])
    .where('contributions.id', '=', id)
    .orderBy('answers.position')
    .execute();
}

/** Signs in as the test organiser and returns the `name=value` cookie pair. */
export async function signIn(url: string): Promise<string> {
  const response = await fetch(url + API.organiserSession, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}
