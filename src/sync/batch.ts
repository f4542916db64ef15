// `{"items":[` + `]}`: the bytes a request carries around its items.
const ENVELOPE_BYTES = '{"items":[]}'.length;

/**
 * Takes from the front of `entries` (oldest first) as many as fit in one request of at
 * most `maxItems` items and `maxBytes` of JSON. An entry bigger than `maxBytes` on its own
 * still goes alone, so the server can answer it rather than it blocking the queue forever.
 */
export function takeBatch<T extends { bytes: number }>(entries: T[], maxItems: number, maxBytes: number): T[] {
  const batch: T[] = [];
  let size = ENVELOPE_BYTES;
  for (const entry of entries) {
    if (batch.length >= maxItems) break;
    const added = entry.bytes + (batch.length > 0 ? 1 : 0); // the comma between items
    if (batch.length > 0 && size + added > maxBytes) break;
    batch.push(entry);
    size += added;
  }
  return batch;
}
