import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ModerationItem, ModerationPage, ModerationStatus } from '../../shared/workspace-api';
import { flagsFor } from './flags';

/**
 * The moderation queue: free-text and audio answers, newest first, with their decision
 * (none yet = new) and automatic flags. Hiding keeps the answer; it only leaves publication.
 */

const PAGE_SIZE = 50;

function baseQuery(kysely: Kysely<Database>, slug: string) {
  return kysely
    .selectFrom('answers')
    .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
    .leftJoin('answer_moderation', (join) =>
      join.onRef('answer_moderation.contribution_id', '=', 'contributions.id').onRef('answer_moderation.position', '=', 'answers.position'),
    )
    .where('contributions.engagement', '=', slug)
    .where('answers.kind', 'in', ['text', 'audio']);
}

function encodeCursor(item: ModerationItem): string {
  return Buffer.from(JSON.stringify([item.receivedAt, item.contributionId, item.position])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string, number] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && typeof value[2] === 'number') return [value[0], value[1], value[2]];
  } catch {
    // fall through: a cursor that does not parse is a client error
  }
  return null;
}

/** Thrown for a cursor the server did not make. */
export class BadCursor extends Error {}

function itemQuery(kysely: Kysely<Database>, slug: string) {
  return baseQuery(kysely, slug).select([
    'contributions.id as contribution_id', 'answers.position', 'answers.prompt', 'answers.kind', 'answers.value',
    'contributions.phase', 'contributions.locale', 'contributions.version', 'contributions.received_at',
    'answer_moderation.status', 'answer_moderation.reason',
  ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

function toItem(r: ItemRow): ModerationItem {
  const value = r.kind === 'audio' ? (JSON.parse(r.value) as { id: string }).id : r.value;
  return {
    contributionId: r.contribution_id,
    position: Number(r.position),
    phase: r.phase,
    prompt: r.prompt,
    kind: r.kind as 'text' | 'audio',
    value,
    locale: r.locale,
    version: r.version === null ? null : Number(r.version),
    receivedAt: r.received_at,
    status: r.status ?? 'new',
    reason: r.reason ?? null,
    flags: r.kind === 'text' ? flagsFor(value) : [],
  };
}

/** One free-text or audio answer of `slug` as the queue shows it, or null. */
export async function moderationItem(kysely: Kysely<Database>, slug: string, contributionId: string, position: number): Promise<ModerationItem | null> {
  const row = await itemQuery(kysely, slug)
    .where('contributions.id', '=', contributionId)
    .where('answers.position', '=', position)
    .executeTakeFirst();
  return row ? toItem(row) : null;
}

/** One page of the queue for `slug`, filtered by status (`all` for every answer). */
export async function moderationPage(kysely: Kysely<Database>, slug: string, status: ModerationStatus | 'all', before?: string): Promise<ModerationPage> {
  let query = itemQuery(kysely, slug);
  if (status === 'new') query = query.where('answer_moderation.status', 'is', null);
  else if (status !== 'all') query = query.where('answer_moderation.status', '=', status);
  if (before) {
    const cursor = decodeCursor(before);
    if (!cursor) throw new BadCursor('before: not a cursor this server made');
    const [at, id, position] = cursor;
    query = query.where((eb) =>
      eb.or([
        eb('contributions.received_at', '<', at),
        eb.and([eb('contributions.received_at', '=', at), eb('contributions.id', '<', id)]),
        eb.and([eb('contributions.received_at', '=', at), eb('contributions.id', '=', id), eb('answers.position', '>', position)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('contributions.received_at', 'desc')
    .orderBy('contributions.id', 'desc')
    .orderBy('answers.position', 'asc')
    .limit(PAGE_SIZE + 1)
    .execute();
  const items = rows.slice(0, PAGE_SIZE).map(toItem);
  return { items, next: rows.length > PAGE_SIZE ? encodeCursor(items[items.length - 1]) : null, counts: await moderationCounts(kysely, slug) };
}

/** How many answers of `slug` are new, hidden and shown. */
export async function moderationCounts(kysely: Kysely<Database>, slug: string): Promise<{ new: number; hidden: number; shown: number }> {
  const rows = await baseQuery(kysely, slug)
    .select((eb) => ['answer_moderation.status', eb.fn.countAll().as('n')])
    .groupBy('answer_moderation.status')
    .execute();
  const counts = { new: 0, hidden: 0, shown: 0 };
  for (const r of rows) counts[r.status ?? 'new'] += Number(r.n);
  return counts;
}

/** Records a decision on one answer (replacing any earlier one; the audit log keeps history). */
export async function decide(kysely: Kysely<Database>, contributionId: string, position: number, status: 'hidden' | 'shown', reason: string | null, now = new Date().toISOString()): Promise<void> {
  await kysely
    .insertInto('answer_moderation')
    .values({ contribution_id: contributionId, position, status, reason, updated_at: now })
    .onConflict((oc) => oc.columns(['contribution_id', 'position']).doUpdateSet({ status, reason, updated_at: now }))
    .execute();
}
