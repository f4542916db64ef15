// Shared by the storage and sync unit tests: a valid contribution and a fresh database per test.
import { deleteDB } from 'idb';
import { beforeEach } from 'vitest';
import type { Contribution } from '../../src/shared';
import { closeDb, DB_NAME } from '../../src/storage';

/** A valid contribution to the demo conversation; `overrides` replace any field. */
export function makeContribution(overrides: Partial<Contribution> = {}): Contribution {
  return {
    id: crypto.randomUUID(),
    engagement: 'ahp-strategy',
    phase: 'conversation',
    answers: [{ prompt: 'support', text: 'More evening clinics' }],
    locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: false, audio: false },
    channel: 'event',
    event: 'LIB-4821',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Gives every test in the file an empty `heard` database. */
export function useFreshDatabase(): void {
  beforeEach(async () => {
    await closeDb();
    await deleteDB(DB_NAME);
  });
}
