import type { Receipt } from '../shared';

/**
 * True when receipt i answers item i for every item. The server may answer an item whose
 * id it could not read with `id: null`, but only to reject it.
 */
export function receiptsMatch(items: { id: string }[], receipts: Receipt[]): boolean {
  return (
    receipts.length === items.length &&
    receipts.every((r, i) => r.id === items[i]?.id || (r.id === null && r.status === 'rejected'))
  );
}
