import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EngagementBundle } from '../../shared/engagement';
import type { CheckPhaseResults, CheckResults, KeyedVoteTally, StatementResult, StatementStatus, VoteTally } from '../../shared/workspace-api';
import { CountTable } from './complement';
import { suppress } from './suppress';

/**
 * Check-and-challenge results: for every statement (a `vote` prompt of a check phase in any
 * published version), its agree / disagree / unsure votes, split by route, language and event.
 * Each deck vote is its own contribution, so a vote is one answer row. Statements withdrawn
 * from the current version (or dropped from it) are listed apart with the votes they had.
 * Counting happens in SQL; every figure is suppressed here, before it leaves the server, with
 * totals and their parts protected together (see `CountTable`).
 */

/** Routes in the order reports show them. */
export const ROUTES = ['easyRead', 'readAloud', 'assisted', 'audio', 'interpreter'] as const;
const VOTES = ['agree', 'disagree', 'unsure'] as const;
type Vote = (typeof VOTES)[number];
type Route = (typeof ROUTES)[number];

interface Statement {
  id: string;
  text: string;
  status: StatementStatus;
}

interface CheckPhase {
  id: string;
  title: string;
  statements: Statement[];
  /** Open prompts (e.g. "what is missing?"): id → text. */
  open: Map<string, string>;
}

/** Raw counts of one statement: by vote, and per route / language / event by vote. */
interface Raw {
  votes: Record<Vote, number>;
  routes: Record<Route, Record<Vote, number>>;
  languages: Map<string, Record<Vote, number>>;
  events: Map<string, Record<Vote, number>>;
}

const none = (): Record<Vote, number> => ({ agree: 0, disagree: 0, unsure: 0 });
const isVote = (value: string): value is Vote => (VOTES as readonly string[]).includes(value);

/**
 * Every check phase of `slug` and its statements, from all published versions: text and title
 * as last published; order as in the current version, then the others as they first appeared.
 */
export async function checkPhases(kysely: Kysely<Database>, slug: string): Promise<CheckPhase[]> {
  const rows = await kysely.selectFrom('engagement_versions').select('bundle').where('slug', '=', slug).orderBy('version').execute();
  const bundles = rows.map((r) => JSON.parse(r.bundle) as EngagementBundle);
  const current = bundles.at(-1);
  const phases = new Map<string, { title: string; order: string[]; texts: Map<string, string>; open: Map<string, string> }>();
  for (const bundle of bundles) {
    for (const phase of bundle.phases) {
      if (phase.kind !== 'check') continue;
      const entry = phases.get(phase.id) ?? { title: phase.title, order: [], texts: new Map<string, string>(), open: new Map<string, string>() };
      entry.title = phase.title;
      for (const prompt of phase.prompts) {
        if (prompt.kind === 'vote') {
          if (!entry.texts.has(prompt.id)) entry.order.push(prompt.id);
          entry.texts.set(prompt.id, prompt.text);
        } else if (prompt.kind === 'text') entry.open.set(prompt.id, prompt.text);
      }
      phases.set(phase.id, entry);
    }
  }
  return [...phases].map(([id, entry]) => {
    const now = current?.phases.find((p) => p.id === id);
    const nowPrompts = new Map((now?.prompts ?? []).map((p) => [p.id, p]));
    const statusOf = (prompt: string): StatementStatus => {
      const p = nowPrompts.get(prompt);
      if (!p || p.kind !== 'vote') return 'removed';
      return p.withdrawn ? 'withdrawn' : 'current';
    };
    const currentOrder = (now?.prompts ?? []).filter((p) => p.kind === 'vote').map((p) => p.id);
    const order = [...currentOrder, ...entry.order.filter((p) => !currentOrder.includes(p))];
    return { id, title: entry.title, statements: order.map((p) => ({ id: p, text: entry.texts.get(p) ?? p, status: statusOf(p) })), open: entry.open };
  });
}

type Grouped = { phase: string; prompt: string; value: string; key?: string | null; n: string | number | bigint };

/** Builds the check-and-challenge results of `slug`. */
export async function checkResults(kysely: Kysely<Database>, slug: string): Promise<CheckResults> {
  const phases = await checkPhases(kysely, slug);
  if (phases.length === 0) return { phases: [] };
  const ids = phases.map((p) => p.id);
  const votes = () =>
    kysely
      .selectFrom('answers')
      .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
      .where('contributions.engagement', '=', slug)
      .where('contributions.phase', 'in', ids)
      .where('answers.kind', '=', 'vote');
  const keys = ['contributions.phase', 'answers.prompt', 'answers.value'] as const;
  const totals = await votes()
    .select((eb) => [
      'contributions.phase as phase',
      'answers.prompt as prompt',
      'answers.value as value',
      eb.fn.countAll().as('n'),
      eb.fn.sum<number>('contributions.easy_read').as('easyRead'),
      eb.fn.sum<number>('contributions.read_aloud').as('readAloud'),
      eb.fn.sum<number>('contributions.assisted').as('assisted'),
      eb.fn.sum<number>('contributions.audio').as('audio'),
      eb.fn.sum<number>(eb.fn.coalesce('contributions.interpreter', sql<number>`0`)).as('interpreter'),
    ])
    .groupBy([...keys])
    .execute();
  const languages = (await votes()
    .select((eb) => ['contributions.phase as phase', 'answers.prompt as prompt', 'answers.value as value', 'contributions.locale as key', eb.fn.countAll().as('n')])
    .groupBy([...keys, 'contributions.locale'])
    .execute()) as Grouped[];
  const events = (await votes()
    .select((eb) => [
      'contributions.phase as phase',
      'answers.prompt as prompt',
      'answers.value as value',
      eb.fn.coalesce('contributions.event', sql<string>`''`).as('key'),
      eb.fn.countAll().as('n'),
    ])
    .groupBy([...keys, 'contributions.event'])
    .execute()) as Grouped[];

  const raw = new Map<string, Raw>();
  const rawOf = (phase: string, prompt: string): Raw => {
    const id = `${phase}\u0000${prompt}`;
    let r = raw.get(id);
    if (!r) {
      r = { votes: none(), routes: Object.fromEntries(ROUTES.map((k) => [k, none()])) as Raw['routes'], languages: new Map(), events: new Map() };
      raw.set(id, r);
    }
    return r;
  };
  for (const t of totals) {
    if (!isVote(t.value)) continue;
    const r = rawOf(t.phase, t.prompt);
    r.votes[t.value] += Number(t.n);
    for (const route of ROUTES) r.routes[route][t.value] += Number(t[route] ?? 0);
  }
  const into = (rows: Grouped[], pick: (r: Raw) => Map<string, Record<Vote, number>>) => {
    for (const row of rows) {
      if (!isVote(row.value)) continue;
      const map = pick(rawOf(row.phase, row.prompt));
      const key = row.key ?? '';
      const tally = map.get(key) ?? none();
      tally[row.value] += Number(row.n);
      map.set(key, tally);
    }
  };
  into(languages, (r) => r.languages);
  into(events, (r) => r.events);

  const missing = await missingCounts(kysely, slug, ids);
  return {
    phases: phases.map((phase): CheckPhaseResults => {
      const known = new Set(phase.statements.map((s) => s.id));
      // A vote for a statement no published version lists (it cannot pass sync today) is still reported.
      const strays = [...raw.keys()]
        .filter((k) => k.startsWith(`${phase.id}\u0000`) && !known.has(k.slice(phase.id.length + 1)))
        .map((k): Statement => ({ id: k.slice(phase.id.length + 1), text: k.slice(phase.id.length + 1), status: 'removed' }));
      const results = [...phase.statements, ...strays].map((s) => statementResult(s, rawOf(phase.id, s.id)));
      return {
        phase: phase.id,
        title: phase.title,
        statements: results.filter((s) => s.status === 'current'),
        withdrawn: results.filter((s) => s.status !== 'current'),
        missing: [...phase.open].map(([prompt, text]) => {
          const m = missing.get(`${phase.id}\u0000${prompt}`) ?? { answers: 0, hidden: 0 };
          return { prompt, text, answers: suppress(m.answers), hidden: suppress(m.hidden) };
        }),
      };
    }),
  };
}

// Answers to the open prompts of the check phases, and how many moderation hid (as the reach dashboard counts them: all kept, hidden ones said apart).
async function missingCounts(kysely: Kysely<Database>, slug: string, phases: string[]): Promise<Map<string, { answers: number; hidden: number }>> {
  const rows = await kysely
    .selectFrom('answers')
    .innerJoin('contributions', 'contributions.seq', 'answers.contribution_seq')
    .leftJoin('answer_moderation', (join) =>
      join.onRef('answer_moderation.contribution_id', '=', 'contributions.id').onRef('answer_moderation.position', '=', 'answers.position'),
    )
    .where('contributions.engagement', '=', slug)
    .where('contributions.phase', 'in', phases)
    .where('answers.kind', 'in', ['text', 'audio'])
    .select((eb) => [
      'contributions.phase as phase',
      'answers.prompt as prompt',
      eb.fn.countAll().as('n'),
      eb.fn.sum<number>(eb.case().when('answer_moderation.status', '=', 'hidden').then(1).else(0).end()).as('hidden'),
    ])
    .groupBy(['contributions.phase', 'answers.prompt'])
    .execute();
  return new Map(rows.map((r) => [`${r.phase}\u0000${r.prompt}`, { answers: Number(r.n), hidden: Number(r.hidden ?? 0) }]));
}

/**
 * One statement's figures, protected together: each row (all votes, a route, a language, an
 * event) adds up to its total, and the language rows and the event rows each add up to the
 * row of all votes. Route rows overlap (one voter may use several), so they add up to nothing.
 */
function statementResult(statement: Statement, raw: Raw): StatementResult {
  const table = new CountTable();
  const addRow = (tally: Record<Vote, number>) => {
    const parts = VOTES.map((v) => table.cell(tally[v]));
    const total = table.cell(VOTES.reduce((a, v) => a + tally[v], 0));
    table.sum(total, parts);
    return [...parts, total];
  };
  const all = addRow(raw.votes);
  const group = (map: Map<string, Record<Vote, number>>) => {
    const rows = [...map.keys()].sort().map((key) => ({ key, cells: addRow(map.get(key)!) }));
    if (rows.length > 0) all.forEach((cell, i) => table.sum(cell, rows.map((r) => r.cells[i])));
    return rows;
  };
  const languages = group(raw.languages);
  const events = group(raw.events);
  const routes = ROUTES.map((key) => ({ key, cells: addRow(raw.routes[key]) }));
  const out = table.protect();
  const tally = (cells: number[]): VoteTally => ({ agree: out[cells[0]], disagree: out[cells[1]], unsure: out[cells[2]], total: out[cells[3]] });
  const keyed = (rows: Array<{ key: string; cells: number[] }>): KeyedVoteTally[] => rows.map((r) => ({ key: r.key, ...tally(r.cells) }));
  return { ...statement, votes: tally(all), byRoute: keyed(routes), byLanguage: keyed(languages), byEvent: keyed(events) };
}
