import * as v from 'valibot';
import { SlugSchema } from './contribution';
import { AboutYouQuestionSchema, EngagementBundleSchema } from './engagement';
import { ABOUT_YOU_PATH } from './about-you';

// The participants' side of "about you" lives apart, so the page's first load never carries this file.
export * from './about-you';

/**
 * The organisers' workspace API: paths, request bodies and responses. Every state-changing
 * organiser request (POST, PUT, DELETE other than signing in or accepting an invitation)
 * must send the token from `GET session` in the `CSRF_HEADER` header.
 */

const e = encodeURIComponent;
const base = '/api/organiser';
const one = (slug: string): string => `${base}/engagements/${e(slug)}`;

/** URL paths of the workspace API and of the participants' "about you" endpoint. */
export const WORKSPACE_API = {
  /** GET → SessionInfo (401 when signed out); POST SignIn → SessionInfo; DELETE signs out (204). */
  session: `${base}/session`,
  /** GET → OrganiserSummary[] (owners only). */
  organisers: `${base}/organisers`,
  /** GET → InvitationSummary[]; POST CreateInvitation → InvitationCreated (owners only). */
  invitations: `${base}/invitations`,
  /** POST AcceptInvitation → SessionInfo (no session needed; signs the new organiser in). */
  acceptInvitation: `${base}/invitations/accept`,
  /** GET → WorkspaceEngagement[]; POST CreateEngagement → WorkspaceEngagement (owners). */
  engagements: `${base}/engagements`,
  /** GET → WorkspaceEngagement. */
  engagement: (slug: string) => one(slug),
  /** GET → DraftResponse (also the preview); PUT DraftBundle → DraftResponse (owners). */
  draft: (slug: string) => `${one(slug)}/draft`,
  /** POST (empty body `{}`) → Published (owners). */
  publish: (slug: string) => `${one(slug)}/publish`,
  /** GET → VersionSummary[], newest first. */
  versions: (slug: string) => `${one(slug)}/versions`,
  /** GET ?status=new|hidden|shown|all&before=<cursor> → ModerationPage. */
  moderation: (slug: string) => `${one(slug)}/moderation`,
  /** PUT ModerationAction → ModerationItem (owners). */
  answerModeration: (slug: string, contributionId: string, position: number) =>
    `${one(slug)}/answers/${e(contributionId)}/${position}/moderation`,
  /** GET → AuditEntry[], newest first. */
  audit: (slug: string) => `${one(slug)}/audit`,
  /** GET ?from=YYYY-MM-DD&to=YYYY-MM-DD → Dashboard. */
  dashboard: (slug: string) => `${one(slug)}/dashboard`,
  /** GET → ReferenceShares; PUT ReferenceShares → ReferenceShares (owners). */
  reference: (slug: string) => `${one(slug)}/reference`,
  /** GET ExportQuery → CSV, one row per answer. */
  contributionsCsv: (slug: string) => `${one(slug)}/contributions.csv`,
  /** GET ExportQuery → JSON, `{ contributions: ExportedContribution[] }`. */
  contributionsJson: (slug: string) => `${one(slug)}/contributions.json`,
  /** GET → AboutYouCounts (suppressed aggregate counts only). */
  aboutYouCounts: (slug: string) => `${one(slug)}/about-you.json`,
  /** Participants: POST AboutYouRequest → AboutYouResponse. No session, no CSRF token. */
  aboutYou: ABOUT_YOU_PATH,
} as const;

/** Header that carries the CSRF token on state-changing organiser requests. */
export const CSRF_HEADER = 'x-csrf-token';

// ---------- accounts ----------

export const RoleSchema = v.picklist(['owner', 'analyst'], 'must be owner or analyst');

const Email = v.pipe(v.string('must be a string'), v.trim(), v.minLength(3, 'is required'), v.maxLength(254, 'is too long'), v.email('must be an e-mail address'));

/** Shortest password an organiser may choose (NCSC: length over complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;

export const SignInSchema = v.strictObject({
  email: v.pipe(v.string('must be a string'), v.minLength(1, 'is required'), v.maxLength(254, 'is too long')),
  password: v.pipe(v.string('must be a string'), v.minLength(1, 'is required'), v.maxLength(1024, 'is too long')),
});

export const SessionInfoSchema = v.object({
  organiser: v.object({ id: v.string(), email: v.string(), role: RoleSchema }),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: v.string(),
  /** The session ends after this many seconds without a request. */
  idleSeconds: v.number(),
  /** The session ends at this time however busy (ISO 8601). */
  expiresAt: v.string(),
});

export const OrganiserSummarySchema = v.object({ id: v.string(), email: v.string(), role: RoleSchema, createdAt: v.string() });

export const CreateInvitationSchema = v.strictObject({ email: Email, role: RoleSchema });

export const InvitationCreatedSchema = v.object({
  /** One-time token; shown once, only its hash is stored. The UI builds the link from it. */
  token: v.string(),
  email: v.string(),
  role: RoleSchema,
  expiresAt: v.string(),
});

export const InvitationSummarySchema = v.object({ id: v.string(), email: v.string(), role: RoleSchema, expiresAt: v.string(), createdAt: v.string() });

export const AcceptInvitationSchema = v.strictObject({
  token: v.pipe(v.string('must be a string'), v.minLength(1, 'is required'), v.maxLength(200, 'is too long')),
  password: v.pipe(
    v.string('must be a string'),
    v.minLength(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`),
    v.maxLength(1024, 'is too long'),
  ),
});

// ---------- authoring ----------

const Text = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'is required'), v.maxLength(2000, 'is too long'));

/** A new engagement: the server makes a starter draft (one phase, one text prompt) to edit. */
export const CreateEngagementSchema = v.strictObject({ slug: SlugSchema, title: Text, organisation: Text, intro: Text });

/**
 * What `PUT draft` takes: a whole bundle. `version` and `publicKey` may be left out; the
 * server sets them (next version, the engagement's key). `slug` must match the path.
 */
export const DraftBundleSchema = v.object({
  ...EngagementBundleSchema.entries,
  version: v.optional(v.number()),
  publicKey: v.optional(v.unknown()),
});

export const WorkspaceEngagementSchema = v.object({
  slug: v.string(),
  title: v.string(),
  organisation: v.string(),
  /** Latest published version, or null before the first publish. */
  publishedVersion: v.nullable(v.number()),
  /** True when the draft differs from the latest published version. */
  draftChanged: v.boolean(),
  updatedAt: v.string(),
});

export const DraftResponseSchema = v.object({
  /** The draft as devices would get it once published (version = the next version). */
  bundle: EngagementBundleSchema,
  publishedVersion: v.nullable(v.number()),
  draftChanged: v.boolean(),
  updatedAt: v.string(),
});

export const PublishedSchema = v.object({ slug: v.string(), version: v.number(), publishedAt: v.string() });

export const VersionSummarySchema = v.object({ version: v.number(), publishedAt: v.string(), publishedBy: v.nullable(v.string()) });

// ---------- moderation ----------

/** Automatic flags on a free-text answer: likely personal data or abuse. */
export const FlagSchema = v.picklist(['email', 'phone', 'postcode', 'name', 'abuse']);

export const ModerationStatusSchema = v.picklist(['new', 'hidden', 'shown']);

export const ModerationItemSchema = v.object({
  contributionId: v.string(),
  position: v.number(),
  phase: v.string(),
  prompt: v.string(),
  kind: v.picklist(['text', 'audio']),
  /** The text, or the audio reference id. */
  value: v.string(),
  locale: v.string(),
  version: v.nullable(v.number()),
  receivedAt: v.string(),
  status: ModerationStatusSchema,
  reason: v.nullable(v.string()),
  flags: v.array(FlagSchema),
});

export const ModerationPageSchema = v.object({
  items: v.array(ModerationItemSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: v.nullable(v.string()),
  counts: v.object({ new: v.number(), hidden: v.number(), shown: v.number() }),
});

/** Hide needs a reason; show (un-hide, or mark a new answer as checked) may give one. */
export const ModerationActionSchema = v.variant('action', [
  v.strictObject({ action: v.literal('hide'), reason: v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'say why this answer is hidden'), v.maxLength(500, 'is too long')) }),
  v.strictObject({ action: v.literal('show'), reason: v.optional(v.pipe(v.string('must be a string'), v.trim(), v.maxLength(500, 'is too long'))) }),
], 'action must be hide or show');

export const AuditEntrySchema = v.object({
  at: v.string(),
  /** E-mail of the organiser who acted (organisers are staff, not participants). */
  by: v.string(),
  action: v.string(),
  target: v.string(),
  reason: v.nullable(v.string()),
});

// ---------- dashboard ----------

/** A count; any count from 1 to 9 is sent as `"<10"` so no one can be singled out (0 stays 0). */
export const CountSchema = v.union([v.number(), v.literal('<10')]);

export const KeyedCountSchema = v.object({ key: v.string(), count: CountSchema });

export const AboutYouCoverageSchema = v.object({
  question: v.string(),
  answers: v.array(
    v.object({
      key: v.string(),
      count: CountSchema,
      /** Share of this question's answers (0–1); null when the count is suppressed. */
      share: v.nullable(v.number()),
      /** The organiser's reference share (0–1), e.g. from the census; null when not entered. */
      reference: v.nullable(v.number()),
    }),
  ),
});

export const DashboardSchema = v.object({
  total: CountSchema,
  perDay: v.array(v.object({ day: v.string(), count: CountSchema })),
  byPhase: v.array(KeyedCountSchema),
  byLanguage: v.array(KeyedCountSchema),
  /** Keys easyRead, readAloud, assisted, audio, interpreter. */
  byRoute: v.array(KeyedCountSchema),
  byChannel: v.array(KeyedCountSchema),
  /** Key is the event code; `""` for contributions not made at an event. */
  byEvent: v.array(KeyedCountSchema),
  byVersion: v.array(KeyedCountSchema),
  moderation: v.object({ new: CountSchema, hidden: CountSchema }),
  aboutYou: v.object({ responses: CountSchema, questions: v.array(AboutYouCoverageSchema) }),
});

/** Reference shares per question and answer key, 0–1, e.g. `{ ageBand: { "16-24": 0.12 } }`. */
export const ReferenceSharesSchema = v.record(
  AboutYouQuestionSchema,
  v.record(v.pipe(v.string(), v.maxLength(64)), v.pipe(v.number('must be a number'), v.minValue(0, 'must be from 0 to 1'), v.maxValue(1, 'must be from 0 to 1'))),
);

// ---------- exports ----------

/** Query parameters of both contribution exports; all optional. Dates are inclusive days. */
export const ExportQuerySchema = v.strictObject({
  phase: v.optional(SlugSchema),
  language: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code'))),
  event: v.optional(v.pipe(v.string(), v.maxLength(16))),
  from: v.optional(v.pipe(v.string(), v.isoDate('must be a date like 2026-01-31'))),
  to: v.optional(v.pipe(v.string(), v.isoDate('must be a date like 2026-01-31'))),
});

export const AboutYouCountsSchema = v.object({
  engagement: v.string(),
  responses: CountSchema,
  questions: v.array(v.object({ question: v.string(), answers: v.array(KeyedCountSchema) })),
});

export type Role = v.InferOutput<typeof RoleSchema>;
export type SignIn = v.InferOutput<typeof SignInSchema>;
export type SessionInfo = v.InferOutput<typeof SessionInfoSchema>;
export type OrganiserSummary = v.InferOutput<typeof OrganiserSummarySchema>;
export type CreateInvitation = v.InferOutput<typeof CreateInvitationSchema>;
export type InvitationCreated = v.InferOutput<typeof InvitationCreatedSchema>;
export type InvitationSummary = v.InferOutput<typeof InvitationSummarySchema>;
export type AcceptInvitation = v.InferOutput<typeof AcceptInvitationSchema>;
export type CreateEngagement = v.InferOutput<typeof CreateEngagementSchema>;
export type DraftBundle = v.InferOutput<typeof DraftBundleSchema>;
export type WorkspaceEngagement = v.InferOutput<typeof WorkspaceEngagementSchema>;
export type DraftResponse = v.InferOutput<typeof DraftResponseSchema>;
export type Published = v.InferOutput<typeof PublishedSchema>;
export type VersionSummary = v.InferOutput<typeof VersionSummarySchema>;
export type Flag = v.InferOutput<typeof FlagSchema>;
export type ModerationStatus = v.InferOutput<typeof ModerationStatusSchema>;
export type ModerationItem = v.InferOutput<typeof ModerationItemSchema>;
export type ModerationPage = v.InferOutput<typeof ModerationPageSchema>;
export type ModerationAction = v.InferOutput<typeof ModerationActionSchema>;
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
export type Count = v.InferOutput<typeof CountSchema>;
export type KeyedCount = v.InferOutput<typeof KeyedCountSchema>;
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
export type ReferenceShares = v.InferOutput<typeof ReferenceSharesSchema>;
export type ExportQuery = v.InferOutput<typeof ExportQuerySchema>;
export type AboutYouCounts = v.InferOutput<typeof AboutYouCountsSchema>;
