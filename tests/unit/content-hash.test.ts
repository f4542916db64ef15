import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/server/sync/content-hash';

// Stored contributions keep the hash they were stored with; a replay is told apart from a
// conflict by comparing with it, so the hash of the same content must never change.
const contribution = {
  id: '0b7f3c1e-9d2a-4c1b-8e3f-2a1b3c4d5e6f',
  engagement: 'fixture-talk',
  phase: 'talk',
  version: 3,
  answers: [
    { prompt: 'a', text: 'Ça va — \u{1F600} "quoted"\n' },
    { prompt: 'b', choices: ['x', 'y'] },
    { prompt: 'c', scale: 4 },
    { prompt: 'd', vote: 'agree' },
  ],
  locale: 'en',
  route: { readAloud: true, easyRead: false, audio: false, assisted: false },
  channel: 'event',
  createdAt: '2026-01-01T10:00:00.000Z',
};

describe('contentHash', () => {
  it('gives the same hash as every earlier release for the same contribution', () => {
    expect(contentHash(contribution)).toBe('cbf2bab77dd6e85a92ce555639d76e89905da92c5183436143d55d01109d79c4');
  });

  it('does not depend on the order a device wrote the fields in, or on undefined members', () => {
    const reordered = { ...contribution, route: { assisted: false, audio: false, easyRead: false, readAloud: true }, event: undefined };
    expect(contentHash(Object.fromEntries(Object.entries(reordered).reverse()))).toBe(contentHash(contribution));
    expect(canonicalJson(reordered)).toBe(canonicalJson(contribution));
  });

  it('writes any JSON exactly as the first releases did: keys sorted by code unit, undefined members dropped', () => {
    // Arbitrary JSON with lone surrogates, control characters, integer-like keys, -0 and
    // undefined members, against the first releases' own canonical form.
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(-0)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(fc.oneof(tie('node'), fc.constant(undefined))), fc.dictionary(fc.oneof(text, fc.nat().map(String)), fc.oneof(tie('node'), fc.constant(undefined)))),
    })).node;
    fc.assert(fc.property(value, (v) => canonicalJson(v) === firstReleases(v)), { numRuns: 2000 });
  });

  it('changes when any answer changes', () => {
    const changed = { ...contribution, answers: [...contribution.answers.slice(0, 2), { prompt: 'c', scale: 5 }, contribution.answers[3]] };
    expect(contentHash(changed)).not.toBe(contentHash(contribution));
  });
});

// The canonical form as the first releases wrote it by hand; stored hashes depend on it.
function firstReleases(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : firstReleases(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record).sort().filter((key) => record[key] !== undefined);
  return `{${members.map((key) => `${JSON.stringify(key)}:${firstReleases(record[key])}`).join(',')}}`;
}
