import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ContributionSchema, SealedContributionSchema, type Contribution } from '../../shared/contribution';
import type { EngagementBundle } from '../../shared/engagement';
import { unsealContribution } from '../../shared/seal';
import { check } from '../../shared/validate';
import { findOpenBundle, openVersion } from '../engagements/repository';
import { privateKeyFor } from '../engagements/keys';
import { bundleForVersion } from '../engagements/versions';
import { checkFits } from './fit';
import { contentHash } from './content-hash';

/** A contribution that passed every check and is ready to store. */
export interface Prepared {
  id: string;
  contribution: Contribution;
  sealed: boolean;
  hash: string;
}

/** An item refused before reaching the database, with the reason to send back. */
export interface Refused {
  error: string;
}

/** Message for any seal that cannot be opened; it does not say why, so it leaks nothing. */
export const SEAL_ERROR = 'seal could not be opened';

/** Published versions never change, so the process keeps the last few it parsed. */
const PUBLISHED_KEPT = 32;
const published = new Map<string, Promise<EngagementBundle | null>>();

/**
 * Looks up engagements and keys once per request, however many items name them. Whether an
 * engagement is open is asked of the database on every request (another process may have
 * closed it); the content of a published version, which never changes, is parsed once per
 * process rather than once per request (each is a few hundred KB of JSON with every
 * language in it).
 */
export class EngagementLookup {
  private readonly bundles = new Map<string, Promise<EngagementBundle | null>>();
  private readonly open = new Map<string, Promise<number | null>>();
  private readonly keys = new Map<string, Promise<JsonWebKey | null>>();

  constructor(private readonly kysely: Kysely<Database>) {}

  /** The open engagement's bundle, or null. */
  bundle(slug: string): Promise<EngagementBundle | null> {
    let found = this.bundles.get(slug);
    if (!found) this.bundles.set(slug, (found = findOpenBundle(this.kysely, slug)));
    return found;
  }

  /** The version of the open engagement, or null when it is not open. */
  openVersion(slug: string): Promise<number | null> {
    let found = this.open.get(slug);
    if (!found) this.open.set(slug, (found = openVersion(this.kysely, slug)));
    return found;
  }

  /** Published `version` of `slug`, or null (the caller falls back to the latest). */
  version(slug: string, version: number): Promise<EngagementBundle | null> {
    const name = `${slug}\n${version}`;
    const kept = published.get(name);
    if (kept) return kept;
    const found = bundleForVersion(this.kysely, slug, version);
    published.set(name, found);
    if (published.size > PUBLISHED_KEPT) published.delete(published.keys().next().value as string);
    // Only a version that exists is kept: one not published yet may be by another process.
    found.then(
      (bundle) => bundle === null && published.get(name) === found && published.delete(name),
      () => published.get(name) === found && published.delete(name),
    );
    return found;
  }

  /** The private key for `kid` of `slug`, or null. */
  privateKey(slug: string, kid: string): Promise<JsonWebKey | null> {
    const name = `${slug}\n${kid}`;
    let found = this.keys.get(name);
    if (!found) this.keys.set(name, (found = privateKeyFor(this.kysely, slug, kid)));
    return found;
  }
}

/**
 * Validates one untrusted item on its own: the wire schema, the seal (opened with the
 * engagement's private key), then the engagement itself. Never throws for bad input.
 */
export async function prepareItem(item: unknown, lookup: EngagementLookup): Promise<Prepared | Refused> {
  const sealed = isObject(item) && 'sealed' in item;
  let contribution: Contribution;
  if (sealed) {
    const outer = check(SealedContributionSchema, item);
    if (!outer.ok) return { error: outer.error };
    if ((await lookup.openVersion(outer.value.engagement)) === null) return { error: noEngagement(outer.value.engagement) };
    const key = await lookup.privateKey(outer.value.engagement, outer.value.sealed.kid);
    if (!key) return { error: SEAL_ERROR };
    let inner: unknown;
    try {
      inner = await unsealContribution(outer.value, key);
    } catch {
      return { error: SEAL_ERROR };
    }
    const checked = check(ContributionSchema, inner);
    if (!checked.ok) return { error: `sealed: ${checked.error}` };
    if (checked.value.id !== outer.value.id || checked.value.engagement !== outer.value.engagement) {
      return { error: 'sealed: id and engagement inside the seal must match the outside' };
    }
    contribution = checked.value;
  } else {
    const checked = check(ContributionSchema, item);
    if (!checked.ok) return { error: checked.error };
    contribution = checked.value;
  }
  const current = await lookup.openVersion(contribution.engagement);
  if (current === null) return { error: noEngagement(contribution.engagement) };
  // Checked against the version the device answered, so a device that cached an older version
  // still syncs; otherwise against the open version (its stored bundle if it has no version record).
  const declared = contribution.version === undefined ? null : await lookup.version(contribution.engagement, contribution.version);
  const bundle = declared ?? (await lookup.version(contribution.engagement, current)) ?? (await lookup.bundle(contribution.engagement));
  if (!bundle) return { error: noEngagement(contribution.engagement) };
  const misfit = checkFits(bundle, contribution);
  if (misfit) return { error: misfit };
  return { id: contribution.id, contribution, sealed, hash: contentHash(contribution) };
}

/** True when prepareItem refused the item. */
export function isRefused(result: Prepared | Refused): result is Refused {
  return 'error' in result;
}

function noEngagement(slug: string): string {
  return `engagement: no open engagement '${slug}'`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The item's id as sent (the route echoes it in the receipt so the device can match the answer); null unless it looks like one. */
export function idOf(item: unknown): string | null {
  if (!isObject(item) || typeof item.id !== 'string') return null;
  return item.id.length <= 64 ? item.id : null;
}
