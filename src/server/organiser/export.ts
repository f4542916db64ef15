import type { Kysely } from 'kysely';
import type { AnswerRow, ContributionRow, Database } from '../db/schema';
import { BOM, csvRow } from '../csv';

/** Columns of the contributions export, in order; one row per answer. */
export const CSV_HEADER = [
  'contribution_id', 'receipt', 'engagement', 'version', 'phase', 'prompt', 'kind', 'answer',
  'locale', 'channel', 'event', 'easy_read', 'read_aloud', 'assisted', 'audio', 'interpreter',
  'created_at', 'received_at',
] as const;

// Read in pages so a large engagement streams out without being held in memory at once.
const PAGE_SIZE = 500;

/**
 * The CSV export of every contribution stored for `slug`, as text chunks: BOM and header,
 * then one row per answer, oldest received first.
 */
export async function* contributionsCsv(kysely: Kysely<Database>, slug: string): AsyncGenerator<string> {
  yield BOM + csvRow([...CSV_HEADER]);
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    let query = kysely
      .selectFrom('contributions')
      .selectAll()
      .where('engagement', '=', slug)
      .orderBy('received_at')
      .orderBy('id')
      .limit(PAGE_SIZE);
    if (after) {
      const { receivedAt, id } = after;
      query = query.where((eb) =>
        eb.or([eb('received_at', '>', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('id', '>', id)])]),
      );
    }
    const page = await query.execute();
    if (page.length === 0) return;
    const answers = await kysely
      .selectFrom('answers')
      .selectAll()
      .where('contribution_id', 'in', page.map((c) => c.id))
      .orderBy('contribution_id')
      .orderBy('position')
      .execute();
    const byContribution = new Map<string, AnswerRow[]>();
    for (const a of answers) {
      const list = byContribution.get(a.contribution_id);
      if (list) list.push(a);
      else byContribution.set(a.contribution_id, [a]);
    }
    let chunk = '';
    for (const contribution of page) {
      for (const answer of byContribution.get(contribution.id) ?? []) chunk += csvRow(answerRecord(contribution, answer));
    }
    yield chunk;
    const last = page[page.length - 1];
    after = { receivedAt: last.received_at, id: last.id };
    if (page.length < PAGE_SIZE) return;
  }
}

function answerRecord(c: ContributionRow, a: AnswerRow): Array<string | number | null> {
  return [
    c.id, c.receipt, c.engagement, c.version, c.phase, a.prompt, a.kind, readableAnswer(a),
    c.locale, c.channel, c.event, yesNo(c.easy_read), yesNo(c.read_aloud), yesNo(c.assisted),
    yesNo(c.audio), c.interpreter === null ? null : yesNo(c.interpreter), c.created_at, c.received_at,
  ];
}

function readableAnswer(a: AnswerRow): string {
  if (a.kind === 'choices') return (JSON.parse(a.value) as string[]).join('; ');
  if (a.kind === 'audio') return (JSON.parse(a.value) as { id: string }).id;
  return a.value;
}

function yesNo(flag: number): string {
  return Number(flag) ? 'yes' : 'no';
}
