// Bundled into the benchmark page: times the real storage and sync code in real Chromium.
import { countOutbox, submitContribution } from '../src/storage';
import { drain, httpTransport } from '../src/sync';
import type { Contribution } from '../src/shared';

type Template = Omit<Contribution, 'id' | 'createdAt'>;

const make = (template: Template): Contribution => ({ ...template, id: crypto.randomUUID(), createdAt: new Date().toISOString() });

/** Saves `n` contributions to the outbox one at a time; returns each save's milliseconds. */
async function timeSaves(template: Template, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await submitContribution(make(template));
    times.push(performance.now() - start);
  }
  return times;
}

/** Queues `n` contributions, then drains them with batches of `maxItems`; returns drain milliseconds. */
async function timeDrain(template: Template, n: number, maxItems: number): Promise<{ ms: number; confirmed: number; left: number }> {
  for (let i = 0; i < n; i++) await submitContribution(make(template));
  const start = performance.now();
  let confirmed = 0;
  for (let round = 0; round < 5; round++) {
    const result = await drain({ transport: httpTransport(), maxItems });
    confirmed += result.confirmed;
    if (result.remaining === 0) break;
  }
  const ms = performance.now() - start;
  return { ms, confirmed, left: (await countOutbox()).waiting };
}

Object.assign(globalThis, { heardBench: { timeSaves, timeDrain } });
