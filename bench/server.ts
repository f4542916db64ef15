// `npm run bench:server`: sync load from simulated devices against a real server process on
// loopback, on SQLite and on PostgreSQL, beside the raw insert rate of the same database
// (the same rows through the server's own multi-row statements, no HTTP) so the server's cost
// is a ratio.
//
// BENCH_DEVICES (500), BENCH_CONCURRENCY (8 requests in flight), BENCH_QUEUE (min-max items
// per device, 50-300), BENCH_BATCH (min-max items per request; the app's SYNC_BATCH_ITEMS, 100),
// HEARD_TEST_DATABASE_URL (postgres://127.0.0.1:5432/test), BENCH_ROUNDS (3: each figure is the
// median of this many rounds, each on a fresh database), BENCH_RATE (5000: the open-loop run's
// offered contributions/s), BENCH_CPU_PROF (a folder: profile
// the server process with --cpu-prof), BENCH_SWEEP=0 (skip the sweeps after the last round's
// main run: the open loop at 2,500, 7,500 and 10,000 contributions/s offered, and batches of
// 50, 200 and 500 with 1, 4 and 8 in flight). `npm run bench:server -- sqlite`
// runs one database. Rates depend on what else the machine runs; CPU per contribution much less.
// The server runs as `npm start` runs it: dist-server/main.js (built first) under plain node.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { openDatabase, type HeardDb } from '../src/server/db/connect';
import { contentHash } from '../src/server/sync/content-hash';
import { ANSWER_INSERT, CONTRIBUTION_INSERT, answerRows, contributionRow } from '../src/server/sync/store-contribution';
import { insertRows } from '../src/server/sync/bulk-insert';
import { drawContributionNumbers } from '../src/server/db/numbers';
import { API } from '../src/shared/api';
import { SYNC_BATCH_ITEMS } from '../src/shared/limits';
import type { Contribution } from '../src/shared/contribution';
import type { EngagementBundle, Prompt } from '../src/shared/engagement';
import { FIXTURE_FILE, sqliteBackend, type Backend } from '../tests/server/helpers';
import { postgresBackend } from '../tests/server/postgres';
import { startServerProcess } from '../tests/server/processes';
import { percentile } from './stats';
import { buildServer } from '../scripts/build-server.mjs';

const range = (text: string | undefined, fallback: [number, number]): [number, number] => {
  const [a, b] = (text ?? '').split('-').map(Number);
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : fallback;
};
const DEVICES = Number(process.env.BENCH_DEVICES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const QUEUE = range(process.env.BENCH_QUEUE, [50, 300]);
// Devices send what the app sends: their queue cut into requests of SYNC_BATCH_ITEMS.
const BATCH = range(process.env.BENCH_BATCH, [SYNC_BATCH_ITEMS, SYNC_BATCH_ITEMS]);
const batchWords = BATCH[0] === BATCH[1] ? `${BATCH[0]}` : `${BATCH[0]}-${BATCH[1]}`;

const bundle = JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as EngagementBundle;
const phase = bundle.phases[0];

// A fixed pseudo-random sequence, so every run and both databases get the same load.
let seed = 42;
const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const between = ([min, max]: [number, number]): number => min + Math.floor(random() * (max - min + 1));

function answerFor(prompt: Prompt): Contribution['answers'][number] {
  switch (prompt.kind) {
    case 'text': return { prompt: prompt.id, text: 'Appointments closer to home and in the evening, please' };
    case 'choice': return { prompt: prompt.id, choices: [prompt.choices[0].id] };
    case 'scale': return { prompt: prompt.id, scale: 4 };
    case 'vote': return { prompt: prompt.id, vote: 'agree' };
  }
}

function makeContribution(event = 'HALL-7'): Contribution {
  return {
    id: randomUUID(),
    engagement: bundle.slug,
    phase: phase.id,
    version: bundle.version,
    answers: phase.prompts.map(answerFor),
    locale: 'en',
    route: { easyRead: false, readAloud: false, assisted: false, audio: false },
    channel: 'event',
    event,
    createdAt: new Date().toISOString(),
  };
}

/** Every device's queue cut into the batches it sends, in the order the devices take turns. */
function makeLoad(): Contribution[][] {
  seed = 42;
  const perDevice = Array.from({ length: DEVICES }, () => {
    const queue = Array.from({ length: between(QUEUE) }, () => makeContribution());
    const batches: Contribution[][] = [];
    for (let i = 0; i < queue.length; ) {
      const size = between(BATCH);
      batches.push(queue.slice(i, i + size));
      i += size;
    }
    return batches;
  });
  // Round robin: each device's first batch, then each one's second, and so on.
  const batches: Contribution[][] = [];
  for (let round = 0; perDevice.some((d) => d.length > round); round++) {
    for (const device of perDevice) if (device[round]) batches.push(device[round]);
  }
  return batches;
}

async function loadServer(url: string, batches: Contribution[][], concurrency = CONCURRENCY): Promise<{ seconds: number; latencies: number[]; accepted: number; clientCpu: number }> {
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  // Request bodies are written before the clock starts, as wrk or autocannon send ready-made
  // bodies: the load generator shares the machine's two cores with the server.
  const bodies = batches.map((batch) => JSON.stringify({ items: batch }));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      const response = await post(agent, url + API.sync, body);
      latencies.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`sync answered ${response.status}: ${response.text.slice(0, 200)}`);
      const reply = JSON.parse(response.text) as { receipts: Array<{ status: string }> };
      accepted += reply.receipts.filter((r) => r.status === 'accepted').length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies, accepted, clientCpu: used.user + used.system };
}

/**
 * One POST over a kept-alive connection with node:http, which costs the load generator about
 * half the CPU of fetch: the generator shares the machine's cores with the server.
 */
function post(agent: Agent, url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time (user + system) a process has used so far, in µs, from Linux /proc; null elsewhere. */
function cpuMicros(pid: number | undefined): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th, in clock ticks of 1/100 s (USER_HZ on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
  } catch {
    return null;
  }
}

// Request latency is mostly waiting: with one writer, a request waits for the batches ahead
// of it. These runs send batches of one fixed size with a fixed number in flight, so the
// table shows how p99 grows with each.
const SWEEP_BATCHES = [50, 200, 500];
const SWEEP_IN_FLIGHT = [1, 4, 8];

// Open loop at a fixed rate: batches leave on a schedule whether or not earlier ones were
// answered (as devices do, which do not wait for each other), and each latency counts from
// the moment its batch was due, so a server that falls behind cannot hide it (wrk2's method).
const OFFERED_RATE = Number(process.env.BENCH_RATE ?? 5000);
const OFFERED_SECONDS = 10;

async function offeredLoad(url: string, rate: number): Promise<{ latencies: number[]; failed: number }> {
  const saved = seed;
  seed = 7;
  // Bodies and their due times are ready before the clock starts.
  const batches: Array<{ body: string; at: number }> = [];
  for (let items = 0; items < rate * OFFERED_SECONDS; ) {
    const size = between(BATCH);
    batches.push({ body: JSON.stringify({ items: Array.from({ length: size }, () => makeContribution('RATE-1')) }), at: (items / rate) * 1000 });
    items += size;
  }
  seed = saved;
  const agent = new Agent({ keepAlive: true });
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(batches.map(async ({ body, at }) => {
    const wait = started + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const response = await post(agent, url + API.sync, body);
    if (response.status !== 200) failed++;
    latencies.push(performance.now() - (started + at));
  }));
  agent.destroy();
  return { latencies, failed };
}

// The open loop again at other offered rates (last round, with the sweep): where p99 stays
// under 100 ms, and what happens past the server's capacity.
const SWEEP_RATES = [2500, 7500, 10000];

async function rateSweep(url: string): Promise<string> {
  const parts: string[] = [];
  for (const rate of SWEEP_RATES) {
    const { latencies, failed } = await offeredLoad(url, rate);
    parts.push(`${rate}/s ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms${failed ? ` (${failed} of ${latencies.length} NOT ANSWERED 200)` : ''}`);
  }
  return `  open loop by rate      p50 / p99: ${parts.join(', ')}`;
}

async function latencySweep(url: string): Promise<string[]> {
  const lines = [`  p50 / p99 by load      ${SWEEP_BATCHES.map((b) => `batches of ${b}`.padEnd(20)).join('')}`];
  for (const inFlight of SWEEP_IN_FLIGHT) {
    let line = `    ${String(inFlight).padStart(2)} in flight          `;
    for (const size of SWEEP_BATCHES) {
      const count = Math.max(40, inFlight * 10);
      const batches = Array.from({ length: count }, () => Array.from({ length: size }, () => makeContribution('SWEEP-1')));
      const { latencies } = await loadServer(url, batches, inFlight);
      line += `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms`.padEnd(20);
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The same rows written straight to the database with the server's own statements (the
 * fixed-size multi-row inserts of bulk-insert.ts, one transaction per request's batch), rows
 * built before the clock starts: the database's own speed on this machine, with no HTTP,
 * checking, hashing or receipts.
 */
async function rawInserts(db: HeardDb, batches: Contribution[][]): Promise<{ rate: number; cpu: number }> {
  const receivedAt = new Date().toISOString();
  let n = 0;
  // The server's own row builders, from items as prepareItem leaves them.
  // Numbered in the transaction, as the server numbers them (rows made with 0, filled in).
  const rows = batches.map((batch) => {
    const items = batch.map((c) => ({ id: c.id, contribution: c, sealed: false, hash: contentHash(c) }));
    const answersOf = items.map((item) => answerRows(item, 0));
    return {
      contributions: items.map((item) => contributionRow(item, `RAW-${(n++).toString(36)}`, receivedAt, 0)),
      answersOf,
      answers: answersOf.flat(),
    };
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const batch of rows) {
    await db.kysely.transaction().execute(async (trx) => {
      const numbers = await drawContributionNumbers(trx, batch.contributions.length);
      batch.contributions.forEach((row, i) => {
        row.seq = numbers[i];
        for (const answer of batch.answersOf[i]) answer.contribution_seq = numbers[i];
      });
      await insertRows(db.kysely, trx, CONTRIBUTION_INSERT, batch.contributions);
      await insertRows(db.kysely, trx, ANSWER_INSERT, batch.answers);
    });
  }
  const used = process.cpuUsage(cpu);
  return { rate: n / ((performance.now() - started) / 1000), cpu: (used.user + used.system) / n };
}

/** One round: a fresh database and server process, the main load, and the raw inserts. */
interface Round {
  rate: number;
  rawRate: number;
  cpu: number | null;
  clientCpu: number;
  rawCpu: number;
  latencies: number[];
  /** The open loop at OFFERED_RATE: its latencies, and how many requests were not answered 200. */
  offered: { latencies: number[]; failed: number };
  rss: number | null;
  exact: boolean;
  stored: number;
  expected: number;
  extra: string[];
}

async function round(backend: Backend, last: boolean): Promise<Round> {
  const batches = makeLoad();
  const total = batches.reduce((sum, b) => sum + b.length, 0);
  const place = await backend.location();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startServerProcess(place.target, { HEARD_SEED_FILE: FIXTURE_FILE }, profile, { bundled: true });
  let result: Awaited<ReturnType<typeof loadServer>>;
  let warm: Awaited<ReturnType<typeof loadServer>>;
  let rss: number | null;
  let rssTimer: NodeJS.Timeout | undefined;
  let cpu: number | null = null;
  let offered: Round['offered'];
  const extra: string[] = [];
  try {
    // A short warm-up (JIT, connection pool, page cache) that is not counted.
    warm = await loadServer(server.url, makeLoad().slice(0, 20));
    rssTimer = setInterval(() => server.peakRss(), 200);
    const cpuBefore = cpuMicros(server.child.pid);
    result = await loadServer(server.url, batches);
    const cpuAfter = cpuMicros(server.child.pid);
    if (cpuBefore !== null && cpuAfter !== null) cpu = (cpuAfter - cpuBefore) / total;
    // Every round: one 10-second run meets a stall or a quiet spell more by luck than a minute would.
    offered = await offeredLoad(server.url, OFFERED_RATE);
    if (last && process.env.BENCH_SWEEP !== '0') extra.push(await rateSweep(server.url), ...(await latencySweep(server.url)));
    // The high-water mark over the whole life of the process, the runs above included.
    rss = server.peakRss();
  } finally {
    clearInterval(rssTimer);
    await server.stop();
  }
  const check = await openDatabase(place.target);
  // The other runs' contributions carry other event codes and are not part of this count.
  const stored = Number((await check.kysely.selectFrom('contributions').where('event', '=', 'HALL-7').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  await check.close();
  await place.dispose();

  const raw = await backend.open();
  let rawRate: { rate: number; cpu: number };
  try {
    await raw.db.kysely.insertInto('engagements').values({ slug: bundle.slug, version: bundle.version, bundle: '{}', status: 'open', created_at: '', updated_at: '' }).execute();
    rawRate = await rawInserts(raw.db, makeLoad());
  } finally {
    await raw.dispose();
  }
  const expected = total + warm.accepted;
  return {
    rate: result.accepted / result.seconds,
    rawRate: rawRate.rate,
    cpu,
    clientCpu: result.clientCpu / total,
    rawCpu: rawRate.cpu,
    latencies: result.latencies,
    offered,
    rss,
    exact: stored === expected && result.accepted === total,
    stored,
    expected,
    extra,
  };
}

// Rates on a shared virtual machine move by a fifth or more from one minute to the next, so
// each figure is the median of BENCH_ROUNDS rounds (3), each on a fresh database and process,
// with the range beside it.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

async function measure(backend: Backend): Promise<void> {
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round(backend, r === ROUNDS - 1));
  const median = (values: number[]): number => percentile(values, 50);
  const spread = (values: number[], digits = 0): string => {
    const text = `${median(values).toFixed(digits)}`;
    return values.length > 1 ? `${text} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})` : text;
  };
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  const batches = makeLoad();
  console.log(`\n${backend.name}: ${DEVICES} devices, ${batches.length} requests of up to ${batchWords} items, ${CONCURRENCY} in flight, ${phase.prompts.length} answers per contribution; median of ${ROUNDS} rounds (range)`);
  const exact = rounds.every((r) => r.exact);
  console.log(`  stored                 ${rounds.map((r) => r.stored).join(', ')} rows for ${rounds[0].expected} distinct contributions sent each round${exact ? ', each once' : '  <-- MISMATCH'}`);
  const rates = rounds.map((r) => r.rate);
  const raws = rounds.map((r) => r.rawRate);
  console.log(`  contributions/s        ${spread(rates)} through HTTP`);
  console.log(`  raw insert rate        ${spread(raws)} contributions/s (same statements, no HTTP); server reaches ${spread(rounds.map((r) => (r.rate / r.rawRate) * 100))} % of it in the same round`);
  // CPU time does not depend on what else runs on the machine the way rates do.
  const where = backend.name === 'postgres' ? ' (PostgreSQL\'s own work not counted)' : '';
  const cpus = rounds.map((r) => r.cpu).filter((c): c is number => c !== null);
  console.log(`  CPU per contribution   server ${cpus.length ? `${spread(cpus)} µs` : 'n/a'}, load generator ${median(rounds.map((r) => r.clientCpu)).toFixed(0)} µs, raw inserts ${spread(rounds.map((r) => r.rawCpu))} µs${where}`);
  console.log(`  request latency        p50 ${spread(rounds.map((r) => percentile(r.latencies, 50)))} ms, p99 ${spread(rounds.map((r) => percentile(r.latencies, 99)))} ms (closed loop: the server as busy as it can be)`);
  const unanswered = rounds.reduce((n, r) => n + r.offered.failed, 0);
  console.log(`  at ${OFFERED_RATE}/s offered   p50 ${spread(rounds.map((r) => percentile(r.offered.latencies, 50)))} ms, p99 ${spread(rounds.map((r) => percentile(r.offered.latencies, 99)))} ms (open loop, ${rounds[0].offered.latencies.length} requests of up to ${batchWords} items over ${OFFERED_SECONDS} s${unanswered ? `, ${unanswered} NOT ANSWERED 200` : ''})`);
  for (const line of rounds[rounds.length - 1].extra) console.log(line);
  console.log(`  server peak RSS        ${mb(Math.max(...rounds.map((r) => r.rss ?? 0)))} (highest of the rounds, over every run above)`);
}

const os = await import('node:os');
const only = process.argv[2];
// Measure what `npm start` runs: the bundled server under plain node.
await buildServer();
for (const backend of [sqliteBackend, postgresBackend()]) {
  if (!only || only === backend.name) await measure(backend);
}
console.log(`\nFigures depend on what else runs on this machine's ${os.cpus().length} cores (load average now ${os.loadavg()[0].toFixed(2)}).`);
