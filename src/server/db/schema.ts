import type { Generated, Insertable, Selectable } from 'kysely';

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
  audio: AudioTable;
  invitations: InvitationTable;
  engagement_versions: EngagementVersionTable;
  engagement_drafts: EngagementDraftTable;
  answer_moderation: AnswerModerationTable;
  audit_log: AuditLogTable;
  about_you: AboutYouTable;
  reference_shares: ReferenceSharesTable;
  engagement_retention: EngagementRetentionTable;
  erased_contributions: ErasedContributionTable;
  receipt_keys: ReceiptKeyTable;
  legacy_receipts: LegacyReceiptTable;
  events: EventTable;
  themes: ThemeTable;
  contribution_themes: ContributionThemeTable;
  quotes: QuoteTable;
  findings_drafts: FindingsDraftTable;
  findings_versions: FindingsVersionTable;
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
  /** The contribution's number through a keyed permutation (sync/receipt.ts); random before migration 0009. */
  receipt: string;
  sealed: number;
  /**
   * Increasing in the order contributions were stored (never shown or exported): answers are
   * keyed by it, so new ones go on the last pages of their index (migration 0008 says why).
   */
  seq: number;
}

/**
 * One answer. `value` is the text itself for `text`, the digit for `scale`, the word for
 * `vote`, and JSON for `choices` (array of ids) and `audio` (the audio reference).
 */
export interface AnswerTable {
  /** The contribution's `seq`. */
  contribution_seq: number;
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
  role: Generated<'owner' | 'analyst'>;
}

/** A signed-in organiser; only the SHA-256 of the cookie value is stored. */
export interface SessionTable {
  id_hash: string;
  organiser_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** An event an organiser runs; `code` is printed on its poster and carried by its contributions. */
export interface EventTable {
  code: string;
  engagement: string;
  name: string;
  place: string;
  /** `YYYY-MM-DD`. */
  date: string;
  created_at: string;
}

/** When an engagement's contributions are to be erased (set by an organiser). */
export interface EngagementRetentionTable {
  slug: string;
  /** `YYYY-MM-DD`: contributions are erased once this day is over (UTC). */
  delete_after: string;
  updated_at: string;
}

/** Ledger of erased contributions, without content: a replayed id is answered from it, never stored again. */
export interface ErasedContributionTable {
  id: string;
  engagement: string;
  content_hash: string;
  receipt: string;
  erased_at: string;
  /** The contribution's number, so it is never drawn again (null for those erased before migration 0009). */
  seq: number | null;
}

/** The one key receipts are drawn with (sync/receipt.ts); made on first use, never changed. */
export interface ReceiptKeyTable {
  /** Always 1. */
  id: number;
  /** 16 bytes, base64. */
  key: string;
}

/** Receipts handed out at random before migration 0009; a new code that is one of them is skipped. */
export interface LegacyReceiptTable {
  receipt: string;
}

/** A one-time invitation to become an organiser; only the SHA-256 of its token is stored. */
export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  role: 'owner' | 'analyst';
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One published, never-changed version of an engagement bundle (JSON, `publicKey: null`). */
export interface EngagementVersionTable {
  slug: string;
  version: number;
  bundle: string;
  published_at: string;
  /** E-mail of the organiser who published it; null for seeded content. */
  published_by: string | null;
}

/** The bundle an organiser is editing; published versions are copies of it. */
export interface EngagementDraftTable {
  slug: string;
  bundle: string;
  created_at: string;
  updated_at: string;
}

/** A moderation decision on one answer; answers without a row are new. Nothing is deleted. */
export interface AnswerModerationTable {
  contribution_id: string;
  position: number;
  status: 'hidden' | 'shown';
  reason: string | null;
  updated_at: string;
}

/** Who did what, when and why in the workspace. */
export interface AuditLogTable {
  id: string;
  engagement: string | null;
  at: string;
  organiser_email: string;
  action: string;
  target: string;
  reason: string | null;
}

/** One person's "about you" answers: no contribution id, only the day. */
export interface AboutYouTable {
  id: string;
  engagement: string;
  /** `YYYY-MM-DD`. */
  day: string;
  age_band: string | null;
  ethnicity: string | null;
  disability: string | null;
  gender: string | null;
  first_language: string | null;
}

/** Reference shares (e.g. census) an organiser entered for an engagement, as JSON. */
export interface ReferenceSharesTable {
  engagement: string;
  shares: string;
  updated_at: string;
}

/** A recorded answer, uploaded before the contribution that refers to it (migration 0002-audio). */
export interface AudioTable {
  /** UUID made on the device; the answer's `audio.id`. */
  id: string;
  /** Media type as uploaded, e.g. `audio/webm;codecs=opus`. */
  type: string;
  /** Length in bytes. */
  size: number;
  /** Hex SHA-256 of the type, a newline and the bytes: same id + same hash is a repeat. */
  sha256: string;
  /** The bytes, base64. */
  data: string;
  received_at: string;
}

/**
 * A theme organisers code contributions to (migration 0006-themes). `slug` is the id used in
 * published bundles (unique per engagement); `picture` is an OpenMoji hex code.
 */
export interface ThemeTable {
  id: string;
  engagement: string;
  slug: string;
  name: string;
  summary: string | null;
  picture: string | null;
  /** JSON `{ [lng]: { name, summary? } }`: translated names. */
  names: string;
  /** JSON `{ [lng]: { name, summary?, picture? } }`: easy-read names and pictures. */
  easy_read: string;
  /** Order in lists and on the crowdsource phase, from 0. */
  position: number;
  created_at: string;
  updated_at: string;
}

/** One contribution coded to one theme; `receipt_code` is `receiptCode(contribution_id)`. */
export interface ContributionThemeTable {
  contribution_id: string;
  theme_id: string;
  receipt_code: string;
  coded_at: string;
}

/** Whether an answer (contribution + answer position) may be published as a quote; 0/1. */
export interface QuoteTable {
  contribution_id: string;
  position: number;
  publishable: number;
  marked_at: string;
}

/** The draft "you said, we heard" page of an engagement (migration 0007-findings): FindingsDraft JSON. */
export interface FindingsDraftTable {
  engagement: string;
  draft: string;
  updated_at: string;
  /** E-mail of the organiser who saved it last. */
  updated_by: string;
}

/** One published, never-changed version of the "you said, we heard" page: FindingsPage JSON. */
export interface FindingsVersionTable {
  engagement: string;
  version: number;
  page: string;
  published_at: string;
  published_by: string;
}

/** Row types, for code that reads or writes whole rows. */
export type ContributionRow = Selectable<ContributionTable>;
export type NewContribution = Insertable<ContributionTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type EngagementRow = Selectable<EngagementTable>;
export type EngagementKeyRow = Selectable<EngagementKeyTable>;
