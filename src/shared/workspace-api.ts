import * as v from 'valibot';
import { ContributionIdSchema, SlugSchema } from './contribution';
import { AboutYouQuestionSchema, EngagementBundleSchema, IdeaSchema } from './engagement';
import { ABOUT_YOU_PATH } from './about-you';
import { FindingsPageSchema } from './findings';

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
  // ---- themes and theme coding (issue #6) ----
  /** GET → Theme[] in order; POST ThemeInput → Theme (owners). */
  themes: (slug: string) => `${one(slug)}/themes`,
  /** PUT ThemeInput → Theme; DELETE → 204, removing its coding (owners). */
  theme: (slug: string, id: string) => `${one(slug)}/themes/${e(id)}`,
  /** PUT ThemeOrder → Theme[] (owners). */
  themeOrder: (slug: string) => `${one(slug)}/themes/order`,
  /** GET CodingQuery → CodingPage: the engagement's free-text answers with their themes. */
  coding: (slug: string) => `${one(slug)}/coding`,
  /** PUT ContributionThemes → ContributionThemesResult: replaces the contribution's themes (owners and analysts). */
  contributionThemes: (slug: string, contributionId: string) => `${one(slug)}/coding/${e(contributionId)}/themes`,
  /** PUT QuoteMark → QuoteMarkResult: whether one answer may be published as a quote (owners and analysts; 409 when hidden). */
  quote: (slug: string, contributionId: string, position: number) => `${one(slug)}/coding/${e(contributionId)}/${position}/quote`,
  /** POST SuggestionRequest → Suggestions: groups of untagged, visible answers (owners and analysts; changes nothing). */
  suggestions: (slug: string) => `${one(slug)}/themes/suggestions`,
  /** POST AcceptSuggestion → Theme: a new theme with the group's members coded to it (owners). */
  acceptSuggestion: (slug: string) => `${one(slug)}/themes/accept-suggestion`,
  /** POST CrowdsourceSnapshot → DraftResponse: theme cards written into the draft's crowdsource phase (owners). */
  crowdsourceSnapshot: (slug: string) => `${one(slug)}/themes/crowdsource-snapshot`,
  // ---- "you said, we heard" (issue #6) ----
  /** GET → FindingsWorkspace: the draft page, the themes it may show with their quotes, published versions. */
  findings: (slug: string) => `${one(slug)}/findings`,
  /** PUT FindingsDraft → FindingsWorkspace (owners). */
  findingsDraft: (slug: string) => `${one(slug)}/findings/draft`,
  /** GET → FindingsPreview: the draft as it would be published, or what is missing first. */
  findingsPreview: (slug: string) => `${one(slug)}/findings/preview`,
  /** POST (empty body `{}`) → Published: a new immutable version of the public page (owners). */
  findingsPublish: (slug: string) => `${one(slug)}/findings/publish`,
  /** GET → FindingsPage: one published version as it was published. */
  findingsVersion: (slug: string, version: number) => `${one(slug)}/findings/versions/${version}`,
  // ---- reports: check-and-challenge results, themes by route (issue #6) ----
  /** GET → CheckResults: votes per statement of every check phase, split by route, language and event. */
  checkResults: (slug: string) => `${one(slug)}/check-results`,
  /** GET → ThemesByRoute: contributions coded to each theme, split by route, language and event. */
  themesByRoute: (slug: string) => `${one(slug)}/themes-by-route`,
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
  /**
   * The session ends at this time unless another request comes first (ISO 8601; missing from
   * older servers). Every answer also carries the time left in `SESSION_LEFT_HEADER`.
   */
  idleExpiresAt: v.optional(v.string()),
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

/**
 * A count in a report: a number, `"<10"` for 1–9 (as `Count`), or `"withheld"` for a figure
 * hidden only so that a "<10" beside it cannot be worked out from the figures shown with it.
 * A withheld figure may be any number, 0 included.
 */
export const ReportCountSchema = v.union([v.number(), v.literal('<10'), v.literal('withheld')]);

/** A count of one group on the reach dashboard or in the "about you" export. */
export const KeyedCountSchema = v.object({ key: v.string(), count: ReportCountSchema });

export const AboutYouCoverageSchema = v.object({
  question: v.string(),
  answers: v.array(
    v.object({
      key: v.string(),
      count: ReportCountSchema,
      /** Share of this question's answers (0–1); null unless the count and the number who answered are both shown. */
      share: v.nullable(v.number()),
      /** The organiser's reference share (0–1), e.g. from the census; null when not entered. */
      reference: v.nullable(v.number()),
    }),
  ),
});

/** The reach dashboard; counts protected together, so no "<10" can be worked out from the totals beside it. */
export const DashboardSchema = v.object({
  total: ReportCountSchema,
  perDay: v.array(v.object({ day: v.string(), count: ReportCountSchema })),
  byPhase: v.array(KeyedCountSchema),
  byLanguage: v.array(KeyedCountSchema),
  /** Keys easyRead, readAloud, assisted, audio, interpreter. */
  byRoute: v.array(KeyedCountSchema),
  byChannel: v.array(KeyedCountSchema),
  /** Key is the event code; `""` for contributions not made at an event. */
  byEvent: v.array(KeyedCountSchema),
  byVersion: v.array(KeyedCountSchema),
  moderation: v.object({ new: ReportCountSchema, hidden: ReportCountSchema }),
  aboutYou: v.object({ responses: ReportCountSchema, questions: v.array(AboutYouCoverageSchema) }),
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
  responses: ReportCountSchema,
  questions: v.array(v.object({ question: v.string(), answers: v.array(KeyedCountSchema) })),
});

// ---------- themes and theme coding ----------

const LanguageCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code like en or pa-Guru'));
const ThemeName = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'is required'), v.maxLength(120, 'must be at most 120 characters'));
const ThemeSummary = v.pipe(v.string('must be a string'), v.trim(), v.maxLength(500, 'must be at most 500 characters'));
/** An OpenMoji hex code, or empty for none. */
const ThemePicture = v.pipe(v.string('must be a string'), v.trim(), v.toUpperCase(), v.regex(/^([0-9A-F]{2,6}(-[0-9A-F]{2,6})*)?$/, 'must be an OpenMoji code like 1F68C'));

/** A theme's name in one language, with an optional summary. */
export const ThemeNameSchema = v.object({ name: ThemeName, summary: v.optional(ThemeSummary) });
/** A theme's easy-read name in one language, with an optional summary and picture. */
export const ThemeEasyReadSchema = v.object({ name: ThemeName, summary: v.optional(ThemeSummary), picture: v.optional(ThemePicture) });

/** A theme as the workspace shows it; `slug` is the id published in bundles (`theme-<slug>` cards). */
export const ThemeSchema = v.object({
  id: v.string(),
  slug: v.string(),
  name: v.string(),
  summary: v.nullable(v.string()),
  picture: v.nullable(v.string()),
  /** Translated names by language code. */
  names: v.record(v.string(), ThemeNameSchema),
  /** Easy-read names (and pictures) by language code, the source language included. */
  easyRead: v.record(v.string(), ThemeEasyReadSchema),
  position: v.number(),
  /** Contributions coded to it. */
  count: v.number(),
});

/** What creating or changing a theme takes; the slug is made from the name when it is created. */
export const ThemeInputSchema = v.strictObject({
  name: ThemeName,
  summary: v.optional(ThemeSummary),
  picture: v.optional(ThemePicture),
  names: v.optional(v.record(LanguageCode, ThemeNameSchema)),
  easyRead: v.optional(v.record(LanguageCode, ThemeEasyReadSchema)),
});

export const ThemeOrderSchema = v.strictObject({ ids: v.pipe(v.array(v.string('must be a theme id'), 'must be a list of theme ids'), v.maxLength(500)) });

/** Which answers the coding list shows: not yet coded, coded to one theme, or all. */
export const CodingFilterSchema = v.picklist(['untagged', 'all', 'theme'], 'must be untagged, all or theme');

export const CodingQuerySchema = v.strictObject({
  filter: v.optional(CodingFilterSchema, 'all'),
  /** Theme id, with `filter=theme`. */
  theme: v.optional(v.pipe(v.string(), v.maxLength(100))),
  phase: v.optional(SlugSchema),
  prompt: v.optional(SlugSchema),
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d{1,7}$/, 'must be a whole number'), v.transform(Number)), '0'),
});

/** One free-text answer in the coding list. Themes belong to the contribution, quotes to the answer. */
export const CodingItemSchema = v.object({
  contributionId: v.string(),
  position: v.number(),
  phase: v.string(),
  prompt: v.string(),
  /** The question as the participant saw it (source language); null when the version is unknown. */
  promptText: v.nullable(v.string()),
  text: v.string(),
  locale: v.string(),
  route: v.object({ easyRead: v.boolean(), readAloud: v.boolean(), assisted: v.boolean(), audio: v.boolean() }),
  event: v.nullable(v.string()),
  /** Hidden by moderation: it can be coded but never published as a quote. */
  hidden: v.boolean(),
  /** Ids of the themes its contribution is coded to. */
  themes: v.array(v.string()),
  publishable: v.boolean(),
});

export const CodingPageSchema = v.object({
  items: v.array(CodingItemSchema),
  /** Answers matching the filter. */
  total: v.number(),
  offset: v.number(),
  /** Offset of the next page, or null at the end. */
  next: v.nullable(v.number()),
  /** Free-text answers of the engagement (of the chosen question, if any) in all, and those whose contribution has no theme yet. */
  counts: v.object({ all: v.number(), untagged: v.number() }),
  /**
   * Every question with free-text answers, by phase and prompt id, with its newest published
   * wording (null when unknown) and how many answers it has: what the list can be narrowed to.
   */
  questions: v.array(v.object({ phase: v.string(), prompt: v.string(), text: v.nullable(v.string()), count: v.number() })),
});

export const ContributionThemesSchema = v.strictObject({ themes: v.pipe(v.array(v.string('must be a theme id'), 'must be a list of theme ids'), v.maxLength(100, 'too many themes')) });
export const ContributionThemesResultSchema = v.object({ contributionId: v.string(), themes: v.array(v.string()) });

export const QuoteMarkSchema = v.strictObject({ publishable: v.boolean('must be true or false') });
export const QuoteMarkResultSchema = v.object({ contributionId: v.string(), position: v.number(), publishable: v.boolean() });

export const SuggestionRequestSchema = v.strictObject({ phase: v.optional(SlugSchema), prompt: v.optional(SlugSchema) });

/** One proposed group: a name made from its distinctive words, and its members' texts. */
export const SuggestedGroupSchema = v.object({
  name: v.string(),
  words: v.array(v.string()),
  members: v.array(v.object({ contributionId: v.string(), position: v.number(), text: v.string(), locale: v.string() })),
});

export const SuggestionsSchema = v.object({
  groups: v.array(SuggestedGroupSchema),
  /** Untagged, visible answers the aid looked at. */
  considered: v.number(),
  /** True when there were more than the aid looks at in one go (the oldest were taken). */
  capped: v.boolean(),
});

export const AcceptSuggestionSchema = v.strictObject({
  name: ThemeName,
  members: v.pipe(v.array(ContributionIdSchema, 'must be a list of contribution ids'), v.minLength(1, 'must name at least one contribution'), v.maxLength(5000, 'too many members')),
});

export const CrowdsourceSnapshotSchema = v.strictObject({ phase: SlugSchema });

export type Theme = v.InferOutput<typeof ThemeSchema>;
export type ThemeInput = v.InferOutput<typeof ThemeInputSchema>;
export type ThemeOrder = v.InferOutput<typeof ThemeOrderSchema>;
export type CodingFilter = v.InferOutput<typeof CodingFilterSchema>;
export type CodingQuery = v.InferOutput<typeof CodingQuerySchema>;
export type CodingItem = v.InferOutput<typeof CodingItemSchema>;
export type CodingPage = v.InferOutput<typeof CodingPageSchema>;
export type ContributionThemes = v.InferOutput<typeof ContributionThemesSchema>;
export type QuoteMark = v.InferOutput<typeof QuoteMarkSchema>;
export type SuggestedGroup = v.InferOutput<typeof SuggestedGroupSchema>;
export type Suggestions = v.InferOutput<typeof SuggestionsSchema>;
export type AcceptSuggestion = v.InferOutput<typeof AcceptSuggestionSchema>;
export type CrowdsourceSnapshot = v.InferOutput<typeof CrowdsourceSnapshotSchema>;

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

// ---------- "you said, we heard" (findings) ----------
// The public page itself (FindingsPage) and its paths are in findings.ts.

const FindingsDraftText = v.optional(v.pipe(v.string('must be a string'), v.trim(), v.maxLength(4000, 'is too long')), '');
const FindingsDraftIdeas = v.optional(v.pipe(v.array(IdeaSchema, 'must be a list of ideas'), v.maxLength(40, 'has too many ideas')));
const FindingsLanguage = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code like en or pa-Guru'));

/** One quote chosen for a theme: an answer, by contribution and position. */
export const FindingsQuoteRefSchema = v.strictObject({
  contribution: ContributionIdSchema,
  position: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more')),
});

/**
 * The draft of an engagement's "you said, we heard" page. Texts may be empty while drafting;
 * publishing needs the source-language intro and "what happens next" and at least one theme.
 */
export const FindingsDraftSchema = v.strictObject({
  intro: FindingsDraftText,
  next: FindingsDraftText,
  /** Intro and "what happens next" by language code. */
  translations: v.optional(v.record(FindingsLanguage, v.strictObject({ intro: FindingsDraftText, next: FindingsDraftText })), {}),
  /** Easy-read intro and "what happens next" (ideas with pictures) by language code. */
  easyRead: v.optional(v.record(FindingsLanguage, v.strictObject({ intro: FindingsDraftIdeas, next: FindingsDraftIdeas })), {}),
  /** The themes shown, in order, each with its chosen quotes. */
  themes: v.optional(
    v.pipe(
      v.array(v.strictObject({ id: v.pipe(v.string('must be a theme id'), v.maxLength(100)), quotes: v.optional(v.pipe(v.array(FindingsQuoteRefSchema), v.maxLength(5, 'at most 5 quotes per theme')), []) })),
      v.maxLength(50, 'at most 50 themes'),
    ),
    [],
  ),
});

/** An answer that may be quoted: marked publishable, not hidden by moderation, coded to the theme. */
export const FindingsQuoteChoiceSchema = v.object({ contribution: v.string(), position: v.number(), text: v.string(), locale: v.string() });

/** A theme the page may show, with the count as it would be published and the quotes to choose from. */
export const FindingsThemeChoiceSchema = v.object({
  id: v.string(),
  name: v.string(),
  summary: v.nullable(v.string()),
  picture: v.nullable(v.string()),
  count: CountSchema,
  /** Languages with a translated name, and with an easy-read name. */
  namedIn: v.array(v.string()),
  easyReadIn: v.array(v.string()),
  quotes: v.array(FindingsQuoteChoiceSchema),
});

/** What the workspace's findings screen shows. */
export const FindingsWorkspaceSchema = v.object({
  draft: FindingsDraftSchema,
  /** When the draft was last saved; null before the first save. */
  updatedAt: v.nullable(v.string()),
  /** The engagement's languages; the first is the source language. */
  languages: v.array(v.string()),
  themes: v.array(FindingsThemeChoiceSchema),
  /** Published versions, newest first. */
  versions: v.array(VersionSummarySchema),
});

/** The draft as it would be published now (`page`), or null with the problems to fix first. */
export const FindingsPreviewSchema = v.object({ page: v.nullable(FindingsPageSchema), problems: v.array(v.string()) });

export type FindingsQuoteRef = v.InferOutput<typeof FindingsQuoteRefSchema>;
export type FindingsDraft = v.InferOutput<typeof FindingsDraftSchema>;
export type FindingsQuoteChoice = v.InferOutput<typeof FindingsQuoteChoiceSchema>;
export type FindingsThemeChoice = v.InferOutput<typeof FindingsThemeChoiceSchema>;
export type FindingsWorkspace = v.InferOutput<typeof FindingsWorkspaceSchema>;
export type FindingsPreview = v.InferOutput<typeof FindingsPreviewSchema>;

// ---------- reports: check-and-challenge results, themes by route ----------

/** Agree, disagree and unsure votes and their total. */
export const VoteTallySchema = v.object({ agree: ReportCountSchema, disagree: ReportCountSchema, unsure: ReportCountSchema, total: ReportCountSchema });

/** A vote tally of one group of voters: a route, a language or an event. */
export const KeyedVoteTallySchema = v.object({ key: v.string(), ...VoteTallySchema.entries });

/** Where a statement stands in the current published version. */
export const StatementStatusSchema = v.picklist(['current', 'withdrawn', 'removed']);

/** One check-and-challenge statement and the votes it has had, from every version it was in. */
export const StatementResultSchema = v.object({
  id: v.string(),
  /** The statement as most recently published. */
  text: v.string(),
  /** `withdrawn`: marked withdrawn in the current version; `removed`: no longer in it. */
  status: StatementStatusSchema,
  votes: VoteTallySchema,
  /** Keys easyRead, readAloud, assisted, audio, interpreter; one voter may count under several. */
  byRoute: v.array(KeyedVoteTallySchema),
  /** Key is the language code. */
  byLanguage: v.array(KeyedVoteTallySchema),
  /** Key is the event code; `""` for votes not made at an event. */
  byEvent: v.array(KeyedVoteTallySchema),
});

/** An open prompt of a check phase ("what is missing?"): answers received and how many moderation hid. */
export const MissingAnswersSchema = v.object({ prompt: v.string(), text: v.string(), answers: ReportCountSchema, hidden: ReportCountSchema });

export const CheckPhaseResultsSchema = v.object({
  phase: v.string(),
  title: v.string(),
  /** Statements shown in the current published version, in its order. */
  statements: v.array(StatementResultSchema),
  /** Statements withdrawn from the current version or no longer in it; their votes are kept. */
  withdrawn: v.array(StatementResultSchema),
  missing: v.array(MissingAnswersSchema),
});

export const CheckResultsSchema = v.object({ phases: v.array(CheckPhaseResultsSchema) });

/** One figure of the themes-by-route table, with its share (0–1) of the column's contributions; null when either is not shown. */
export const ThemeCellSchema = v.object({ key: v.string(), count: ReportCountSchema, share: v.nullable(v.number()) });

export const ThemeRowSchema = v.object({
  /** The theme's id; null in the rows of all contributions and of those not coded. */
  theme: v.nullable(v.string()),
  name: v.string(),
  total: ThemeCellSchema,
  /** Keys easyRead, readAloud, assisted, audio, interpreter. */
  byRoute: v.array(ThemeCellSchema),
  byLanguage: v.array(ThemeCellSchema),
  /** Key is the event code; `""` for contributions not made at an event. */
  byEvent: v.array(ThemeCellSchema),
});

export const ThemesByRouteSchema = v.object({
  /** Every contribution with a written answer or a theme: what each share is a share of. */
  all: ThemeRowSchema,
  themes: v.array(ThemeRowSchema),
  notCoded: ThemeRowSchema,
});

export type ReportCount = v.InferOutput<typeof ReportCountSchema>;
export type VoteTally = v.InferOutput<typeof VoteTallySchema>;
export type KeyedVoteTally = v.InferOutput<typeof KeyedVoteTallySchema>;
export type StatementStatus = v.InferOutput<typeof StatementStatusSchema>;
export type StatementResult = v.InferOutput<typeof StatementResultSchema>;
export type MissingAnswers = v.InferOutput<typeof MissingAnswersSchema>;
export type CheckPhaseResults = v.InferOutput<typeof CheckPhaseResultsSchema>;
export type CheckResults = v.InferOutput<typeof CheckResultsSchema>;
export type ThemeCell = v.InferOutput<typeof ThemeCellSchema>;
export type ThemeRow = v.InferOutput<typeof ThemeRowSchema>;
export type ThemesByRoute = v.InferOutput<typeof ThemesByRouteSchema>;
