import type { Vote } from '../shared';
import type { AudioRef } from './audio';
import { getDb } from './db';
import { writing } from './errors';

/** One answer as the form holds it while the person is still answering. */
export type DraftAnswer = { text?: string; choices?: string[]; scale?: number; vote?: Vote; audio?: AudioRef };

/** Answers in progress for one phase, saved on every change so nothing typed is lost. */
export interface Draft {
  /** `${engagement}/${phase}` */
  key: string;
  engagement: string;
  phase: string;
  /** Engagement content version the answers were given against. */
  version: number;
  answers: Record<string, DraftAnswer>;
  /** Prompt id the person was on, or 'check' for the review step. */
  step: string;
  updatedAt: string;
}

/** The key a phase's draft is stored under. */
export function draftKey(engagement: string, phase: string): string {
  return `${engagement}/${phase}`;
}

/** Saves (replaces) the draft of one phase, stamping its key and time. */
export async function saveDraft(d: Omit<Draft, 'key' | 'updatedAt'>): Promise<void> {
  const db = await getDb();
  const draft: Draft = { ...d, key: draftKey(d.engagement, d.phase), updatedAt: new Date().toISOString() };
  await writing(() => db.put('drafts', draft));
}

/** The saved draft of one phase, if any. */
export async function loadDraft(engagement: string, phase: string): Promise<Draft | undefined> {
  const db = await getDb();
  return db.get('drafts', draftKey(engagement, phase));
}

/** Forgets the draft of one phase (the person chose to start again). */
export async function deleteDraft(engagement: string, phase: string): Promise<void> {
  const db = await getDb();
  await db.delete('drafts', draftKey(engagement, phase));
}

/** Every saved draft, most recently changed first. */
export async function listDrafts(): Promise<Draft[]> {
  const db = await getDb();
  return (await db.getAllFromIndex('drafts', 'by-updatedAt')).reverse();
}
