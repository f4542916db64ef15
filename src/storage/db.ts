import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { EngagementBundle } from '../shared';
import type { AboutYouRecord } from './about-you';
import type { AudioRecord } from './audio';
import type { Draft } from './drafts';
import type { CachedFindings } from './findings';
import { writing } from './errors';
import type { LedgerEntry } from './ledger';
import type { OutboxEntry, OutboxState } from './outbox';

/** Name of the one IndexedDB database the app keeps on the device. */
export const DB_NAME = 'heard';

/** Schema version; raise it and add an `if (oldVersion < N)` step below, never edit an old step. */
export const DB_VERSION = 5;

/** A cached engagement bundle with what is needed to revalidate it. */
export interface CachedEngagementRecord {
  slug: string;
  bundle: EngagementBundle;
  etag?: string;
  cachedAt: string;
}

/** The typed shape of the `heard` database. */
export interface HeardDB extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { 'by-updatedAt': string } };
  outbox: {
    key: string;
    value: OutboxEntry;
    // Compound so one index answers "queued, oldest first" and "how many need attention".
    indexes: { 'by-state-queuedAt': [OutboxState, string] };
  };
  ledger: { key: string; value: LedgerEntry; indexes: { 'by-engagement': string } };
  engagements: { key: string; value: CachedEngagementRecord };
  meta: { key: string; value: unknown };
  /** Recorded answers (version 2): bytes and type, until the contribution that uses them is delivered. */
  audio: { key: string; value: AudioRecord };
  /** "About you" records (version 4) waiting to be sent, apart from any contribution. */
  aboutYou: { key: string; value: AboutYouRecord };
  /** The last "you said, we heard" page fetched per engagement (version 5), for offline reading. */
  findings: { key: string; value: CachedFindings & { slug: string } };
}

/** The open database, as stores on top of this file see it. */
export type HeardDatabase = IDBPDatabase<HeardDB>;

let opening: Promise<HeardDatabase> | undefined;

/**
 * Opens (once per context) and returns the database. The connection closes itself when a
 * newer version of the app asks to upgrade, so an update in another tab or the service
 * worker is never blocked by this one; the next call then reopens.
 */
export function getDb(): Promise<HeardDatabase> {
  if (!opening) {
    const attempt = openDB<HeardDB>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('by-updatedAt', 'updatedAt');
          db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-state-queuedAt', ['state', 'queuedAt']);
          db.createObjectStore('ledger', { keyPath: 'id' }).createIndex('by-engagement', 'engagement');
          db.createObjectStore('engagements', { keyPath: 'slug' });
          db.createObjectStore('meta');
        }
        if (oldVersion < 2) {
          db.createObjectStore('audio', { keyPath: 'id' });
        }
        if (oldVersion < 4) {
          db.createObjectStore('aboutYou', { keyPath: 'id' });
        }
        if (oldVersion < 5) {
          db.createObjectStore('findings', { keyPath: 'slug' });
        }
      },
      blocked() {
        // An older app in another tab still holds the database. Its connection closes on the
        // versionchange this open sends (see `blocking`), and the open then goes ahead by itself.
      },
      blocking() {
        // Another context holds a newer app that wants to upgrade: step aside.
        void closeDb();
      },
      terminated() {
        if (opening === attempt) opening = undefined;
      },
    });
    opening = attempt;
    // A failed open (private mode, disk error) must not be cached forever.
    attempt.catch(() => {
      if (opening === attempt) opening = undefined;
    });
  }
  return opening;
}

/** Closes this context's connection; the next storage call reopens it. Used on update and in tests. */
export async function closeDb(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (!current) return;
  try {
    (await current).close();
  } catch {
    // It never opened, so there is nothing to close.
  }
}

/** A read-write transaction over the named stores. */
export type WriteTransaction<N extends StoreNames<HeardDB>> = IDBPTransaction<HeardDB, N[], 'readwrite'>;

/**
 * Runs `body` in one read-write transaction and resolves only once it has committed. If
 * `body` throws, the transaction is aborted so none of its writes land; a full device is
 * rethrown as StorageFullError. `strict` durability waits for the disk, for writes whose
 * loss would lose a person's contribution.
 */
export async function write<N extends StoreNames<HeardDB>, T>(
  stores: N[],
  body: (tx: WriteTransaction<N>) => Promise<T>,
  durability: 'strict' | 'default' = 'default',
): Promise<T> {
  const db = await getDb();
  return writing(async () => {
    const tx = db.transaction(stores, 'readwrite', { durability });
    try {
      const result = await body(tx);
      await tx.done;
      return result;
    } catch (error) {
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by the failing request.
      }
      throw error;
    }
  });
}
