import { hash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Object keys sorted at every level (the default sort: UTF-16 code units), undefined members
// left out and every other value written as JSON.stringify writes it. Circular values cannot
// come out of a parsed request; should one ever reach here it throws rather than hash a placeholder.
const stableStringify = configure({ deterministic: true, circularValue: Error });

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so the same
 * contribution always gives the same text whatever order a device wrote its fields in.
 */
export function canonicalJson(value: unknown): string {
  return stableStringify(value) ?? 'null';
}

/** SHA-256 (hex) of the canonical JSON: equal for a replay, different for a changed contribution. */
export function contentHash(value: unknown): string {
  // The one-shot hash skips building a Hash object: half the cost for a short text.
  return hash('sha256', canonicalJson(value), 'hex');
}
