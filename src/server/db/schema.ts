import type { Insertable, Selectable } from 'kysely';

/**
 * The database as Kysely sees it. Columns use only text and integer so the same queries and
 * migrations run on SQLite and PostgreSQL: timestamps are ISO 8601 text (which sorts in time
 * order), flags are 0/1 integers, JSON is text.
 */
export interface Database {
  engagements: EngagementTable;
  engagement_keys: EngagementKeyTable;
  contributions: ContributionTable;
  answers: AnswerTable;
  organisers: OrganiserTable;
  sessions: SessionTable;
}

/** One engagement; `bundle` is the EngagementBundle JSON with `publicKey: null`. */
export interface EngagementTable {
  slug: string;
  version: number;
  bundle: string;
  status: 'open' | 'closed';
  created_at: string;
  updated_at: string;
}

/** RSA-OAEP key pairs that devices seal with; retired keys still open old seals. */
export interface EngagementKeyTable {
  kid: string;
  slug: string;
  public_jwk: string;
  /** Never leaves the server. */
  private_jwk: string;
  created_at: string;
  retired_at: string | null;
}

/** One stored contribution. No IP address, user agent or header is ever kept. */
export interface ContributionTable {
  id: string;
  engagement: string;
  phase: string;
  version: number | null;
  locale: string;
  easy_read: number;
  read_aloud: number;
  assisted: number;
  audio: number;
  interpreter: number | null;
  channel: string;
  event: string | null;
  /** When the device made it (client clock). */
  created_at: string;
  /** When the server stored it, truncated to the minute so it cannot be matched to a request. */
  received_at: string;
  /** SHA-256 of the canonical JSON of the validated contribution: tells a replay from a conflict. */
  content_hash: string;
  receipt: string;
  sealed: number;
}

/**
 * One answer. `value` is the text itself for `text`, the digit for `scale`, the word for
 * `vote`, and JSON for `choices` (array of ids) and `audio` (the audio reference).
 */
export interface AnswerTable {
  contribution_id: string;
  position: number;
  prompt: string;
  kind: 'text' | 'choices' | 'scale' | 'vote' | 'audio';
  value: string;
}

/** An organiser account; `password_hash` is an Argon2id PHC string. */
export interface OrganiserTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: string;
}

/** A signed-in organiser; only the SHA-256 of the cookie value is stored. */
export interface SessionTable {
  id_hash: string;
  organiser_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** Row types, for code that reads or writes whole rows. */
export type ContributionRow = Selectable<ContributionTable>;
export type NewContribution = Insertable<ContributionTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type EngagementRow = Selectable<EngagementTable>;
export type EngagementKeyRow = Selectable<EngagementKeyTable>;
