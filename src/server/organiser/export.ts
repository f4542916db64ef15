import type { Kysely } from 'kysely';
import type { AnswerRow, ContributionRow, Database } from '../db/schema';
import type { ExportQuery } from '../../shared/workspace-api';
import { BOM, csvRow } from '../csv';

/** Columns of the contributions export, in order; one row per answer. */
export const CSV_HEADER = [
  'contribution_id', 'receipt', 'engagement', 'version', 'phase', 'prompt', 'kind', 'answer',
  'locale', 'channel', 'event', 'easy_read', 'read_aloud', 'assisted', 'audio', 'interpreter',
  'created_at', 'received_at', 'hidden', 'hidden_reason',
] as const;

// Read in pages so a large engagement streams out without being held in memory at once.
const PAGE_SIZE = 500;

/** An answer with its moderation decision, if any. */
export type ModeratedAnswer = Omit<AnswerRow, 'contribution_seq'> & { contribution_id: string; status: 'hidden' | 'shown' | null; reason: string | null };

/**
 * Every contribution stored for `slug` that matches `filter`, in pages of up to PAGE_SIZE with
 * their answers, oldest received first, so a large engagement streams out without being held
 * in memory at once.
 */
export async function* contributionPages(
  kysely: Kysely<Database>,
  slug: string,
  filter: ExportQuery = {},
): AsyncGenerator<Array<{ contribution: ContributionRow; answers: ModeratedAnswer[] }>> {
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    let query = kysely
      .selectFrom('contributions')
      .selectAll()
      .where('engagement', '=', slug)
      .orderBy('received_at')
      .orderBy('id')
      .limit(PAGE_SIZE);
    if (filter.phase) query = query.where('phase', '=', filter.phase);
    if (filter.language) query = query.where('locale', '=', filter.language);
    if (filter.event) query = query.where('event', '=', filter.event);
    // created_at is ISO 8601 text, so comparing text compares time; `to` takes the whole day.
    if (filter.from) query = query.where('created_at', '>=', filter.from);
    if (filter.to) query = query.where('created_at', '<', `${filter.to}T99`);
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
      .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
      .leftJoin('answer_moderation', (join) =>
        join.onRef('answer_moderation.contribution_id', '=', 'contributions.id').onRef('answer_moderation.position', '=', 'answers.position'),
      )
      .select(['contributions.id as contribution_id', 'answers.position', 'answers.prompt', 'answers.kind', 'answers.value'])
      .select(['answer_moderation.status', 'answer_moderation.reason'])
      .where('answers.contribution_seq', 'in', page.map((c) => c.seq))
      .orderBy('answers.contribution_seq')
      .orderBy('answers.position')
      .execute();
    const byContribution = new Map<string, ModeratedAnswer[]>();
    for (const a of answers) {
      const list = byContribution.get(a.contribution_id);
      if (list) list.push(a);
      else byContribution.set(a.contribution_id, [a]);
    }
    yield page.map((contribution) => ({ contribution, answers: byContribution.get(contribution.id) ?? [] }));
    const last = page[page.length - 1];
    after = { receivedAt: last.received_at, id: last.id };
    if (page.length < PAGE_SIZE) return;
  }
}

/**
 * The CSV export of the contributions stored for `slug` (all, or those matching `filter`), as
 * text chunks: BOM and header, then one row per answer, oldest received first. Hidden answers
 * stay in the export, marked, so the record is complete.
 */
export async function* contributionsCsv(kysely: Kysely<Database>, slug: string, filter: ExportQuery = {}): AsyncGenerator<string> {
  yield BOM + csvRow([...CSV_HEADER]);
  for await (const page of contributionPages(kysely, slug, filter)) {
    let chunk = '';
    for (const { contribution, answers } of page) {
      for (const answer of answers) chunk += csvRow(answerRecord(contribution, answer));
    }
    yield chunk;
  }
}

/**
 * The JSON export: `{ "contributions": [...] }` with whole records (route flags, event,
 * version, each answer with its moderation state), streamed in chunks.
 */
export async function* contributionsJson(kysely: Kysely<Database>, slug: string, filter: ExportQuery = {}): AsyncGenerator<string> {
  yield '{"contributions":[';
  let first = true;
  for await (const page of contributionPages(kysely, slug, filter)) {
    const parts = page.map(({ contribution: c, answers }) =>
      JSON.stringify({
        id: c.id, receipt: c.receipt, engagement: c.engagement, version: c.version === null ? null : Number(c.version), phase: c.phase,
        locale: c.locale, channel: c.channel, event: c.event,
        route: { easyRead: Boolean(Number(c.easy_read)), readAloud: Boolean(Number(c.read_aloud)), assisted: Boolean(Number(c.assisted)), audio: Boolean(Number(c.audio)), interpreter: c.interpreter === null ? null : Boolean(Number(c.interpreter)) },
        createdAt: c.created_at, receivedAt: c.received_at, sealed: Boolean(Number(c.sealed)),
        answers: answers.map((a) => ({ prompt: a.prompt, kind: a.kind, value: JSON.parse(jsonValue(a)) as unknown, hidden: a.status === 'hidden', hiddenReason: a.status === 'hidden' ? a.reason : null })),
      }),
    );
    if (parts.length === 0) continue;
    yield (first ? '' : ',') + parts.join(',');
    first = false;
  }
  yield ']}';
}

// The stored value as JSON: choices and audio are JSON already, scale is a digit, text and vote are strings.
function jsonValue(a: Pick<AnswerRow, 'kind' | 'value'>): string {
  if (a.kind === 'choices' || a.kind === 'audio') return a.value;
  if (a.kind === 'scale') return String(Number(a.value));
  return JSON.stringify(a.value);
}

function answerRecord(c: ContributionRow, a: ModeratedAnswer): Array<string | number | null> {
  return [
    c.id, c.receipt, c.engagement, c.version, c.phase, a.prompt, a.kind, readableAnswer(a),
    c.locale, c.channel, c.event, yesNo(c.easy_read), yesNo(c.read_aloud), yesNo(c.assisted),
    yesNo(c.audio), c.interpreter === null ? null : yesNo(c.interpreter), c.created_at, c.received_at,
    a.status === 'hidden' ? 'yes' : 'no', a.status === 'hidden' ? a.reason : null,
  ];
}

function readableAnswer(a: Pick<AnswerRow, 'kind' | 'value'>): string {
  if (a.kind === 'choices') return (JSON.parse(a.value) as string[]).join('; ');
  if (a.kind === 'audio') return (JSON.parse(a.value) as { id: string }).id;
  return a.value;
}

function yesNo(flag: number): string {
  return Number(flag) ? 'yes' : 'no';
}
