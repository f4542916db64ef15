import { getDb, write } from './db';
import { notifyOutboxChange } from './notify';

/** Proof that the server holds a contribution. It carries NO answer content. */
export interface LedgerEntry {
  id: string;
  engagement: string;
  phase?: string;
  event?: string;
  receipt?: string;
  status: 'accepted' | 'duplicate';
  queuedAt: string;
  confirmedAt: string;
}

/** One server receipt for an entry it now holds. */
export type DeliveredReceipt = { id: string; status: 'accepted' | 'duplicate'; receipt?: string };

/** Moves entries whose receipt arrived from outbox to ledger in one transaction. An entry leaves the outbox ONLY here. */
export async function confirmDelivered(receipts: DeliveredReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  const confirmedAt = new Date().toISOString();
  await write(
    ['outbox', 'ledger'],
    async (tx) => {
      const outbox = tx.objectStore('outbox');
      const ledger = tx.objectStore('ledger');
      for (const { id, status, receipt } of receipts) {
        const entry = await outbox.get(id);
        // Already moved by another context that got the same receipt.
        if (!entry) continue;
        // Copy named fields only, so no answer content can reach the ledger.
        const record: LedgerEntry = { id, engagement: entry.engagement, status, queuedAt: entry.queuedAt, confirmedAt };
        if (entry.phase !== undefined) record.phase = entry.phase;
        if (entry.event !== undefined) record.event = entry.event;
        if (receipt !== undefined) record.receipt = receipt;
        await outbox.delete(id);
        await ledger.put(record);
      }
    },
    'strict',
  );
  notifyOutboxChange();
}

/** Confirmed contributions (of one engagement, or all), oldest confirmation first. */
export async function listLedger(engagement?: string): Promise<LedgerEntry[]> {
  const db = await getDb();
  const entries =
    engagement === undefined ? await db.getAll('ledger') : await db.getAllFromIndex('ledger', 'by-engagement', engagement);
  return entries.sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt) || a.queuedAt.localeCompare(b.queuedAt));
}

/** How many contributions this device has had confirmed, without reading them all. */
export async function countLedger(): Promise<number> {
  return (await getDb()).count('ledger');
}

/** The ledger entry for one contribution, if the server has confirmed it. */
export async function getLedgerEntry(id: string): Promise<LedgerEntry | undefined> {
  return (await getDb()).get('ledger', id);
}
