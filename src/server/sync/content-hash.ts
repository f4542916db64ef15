import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so the same
 * contribution always gives the same text whatever order a device wrote its fields in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops and string appends: this runs for every item of every sync batch.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as `<` on strings.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(member);
    first = false;
  }
  return out + '}';
}

/** SHA-256 (hex) of the canonical JSON: equal for a replay, different for a changed contribution. */
export function contentHash(value: unknown): string {
  // The one-shot hash skips building a Hash object: half the cost for a short text.
  return hash('sha256', canonicalJson(value), 'hex');
}
