import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../src/shared';
import { confirmDelivered, countLedger, countOutbox, getLedgerEntry, listLedger, listQueued, submitContribution } from '../../src/storage';
import { makeContribution, useFreshDatabase } from './fixtures';

useFreshDatabase();

const SECRET = 'My carer cannot get me to the clinic on Tuesdays';

function contribution(engagement = 'ahp-strategy'): Contribution {
  return makeContribution({ engagement, answers: [{ prompt: 'support', text: SECRET }, { prompt: 'feeling', scale: 2 }], route: { easyRead: true, readAloud: false, assisted: false, audio: false } });
}

describe('confirmDelivered', () => {
  it('moves confirmed entries from the outbox to the ledger, keeping the receipt', async () => {
    const a = await submitContribution(contribution());
    const b = await submitContribution(contribution());
    const c = await submitContribution(contribution());

    await confirmDelivered([
      { id: a.id, status: 'accepted', receipt: 'r-a' },
      { id: b.id, status: 'duplicate', receipt: 'r-b' },
    ]);

    expect((await listQueued()).map((e) => e.id)).toEqual([c.id]);
    const ledger = await listLedger();
    expect(ledger.map(({ id, status, receipt }) => ({ id, status, receipt })).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: a.id, status: 'accepted', receipt: 'r-a' },
        { id: b.id, status: 'duplicate', receipt: 'r-b' },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('keeps no answer content in the ledger', async () => {
    const entry = await submitContribution(contribution());
    await confirmDelivered([{ id: entry.id, status: 'accepted', receipt: 'r-1' }]);

    const [record] = await listLedger();
    expect(JSON.stringify(record)).not.toContain(SECRET);
    expect(Object.keys(record!).sort()).toEqual(['confirmedAt', 'engagement', 'event', 'id', 'phase', 'queuedAt', 'receipt', 'status']);
    expect(record).toMatchObject({ id: entry.id, engagement: 'ahp-strategy', phase: 'conversation', event: 'LIB-4821', queuedAt: entry.queuedAt });
  });

  it('records a receipt once even when it arrives twice', async () => {
    const entry = await submitContribution(contribution());
    await confirmDelivered([{ id: entry.id, status: 'accepted', receipt: 'r-1' }]);
    await confirmDelivered([{ id: entry.id, status: 'duplicate', receipt: 'r-1' }]);

    const ledger = await listLedger();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.status).toBe('accepted');
    expect(await countOutbox()).toEqual({ waiting: 0, needsAttention: 0 });
  });

  it('lists the ledger of one engagement', async () => {
    const a = await submitContribution(contribution('ahp-strategy'));
    const b = await submitContribution(contribution('parks-plan'));
    await confirmDelivered([
      { id: a.id, status: 'accepted' },
      { id: b.id, status: 'accepted' },
    ]);

    expect((await listLedger('parks-plan')).map((e) => e.id)).toEqual([b.id]);
    expect(await listLedger()).toHaveLength(2);
  });
});

describe('countLedger and getLedgerEntry', () => {
  it('count confirmed contributions and find one by id, and nothing before its receipt', async () => {
    const a = await submitContribution(contribution());
    const b = await submitContribution(contribution());
    expect(await countLedger()).toBe(0);
    expect(await getLedgerEntry(a.id)).toBeUndefined();
    await confirmDelivered([{ id: a.id, status: 'accepted', receipt: 'HRD-AAAA1111' }]);
    expect(await countLedger()).toBe(1);
    expect(await getLedgerEntry(a.id)).toMatchObject({ id: a.id, receipt: 'HRD-AAAA1111' });
    expect(await getLedgerEntry(b.id)).toBeUndefined();
  });
});
