import * as v from 'valibot';
import { IdeaSchema, PictureIdSchema, QuoteSchema } from './engagement';

/**
 * The public "you said, we heard" page: what organisers published about an engagement (themes,
 * counts, chosen quotes, what happens next) and the receipt-code lookup. A published page is an
 * immutable snapshot with a version; devices keep the last one they fetched for offline use.
 */

const e = encodeURIComponent;

/** Public paths: no session, no CSRF token. */
export const FINDINGS_API = {
  /** GET → FindingsPage (the latest published version) with an ETag; 404 when none is published. */
  findings: (slug: string) => `/api/engagements/${e(slug)}/findings`,
  /**
   * GET → ReceiptLookup: the themes on the published page that the contribution with this
   * receipt code was coded to. 400 for a malformed code, 404 when no coded contribution has it.
   */
  receipt: (slug: string, code: string) => `/api/engagements/${e(slug)}/receipts/${e(code)}`,
} as const;

/** Most themes one page shows, and most quotes per theme. */
export const MAX_FINDINGS_THEMES = 50;
export const MAX_THEME_QUOTES = 5;

const Text = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'is required'), v.maxLength(4000, 'is too long'));
const Ideas = v.pipe(v.array(IdeaSchema, 'must be a list of ideas'), v.minLength(1, 'needs at least one idea'), v.maxLength(40, 'has too many ideas'));

/** A count as published: 1–9 are `"<10"`, as on the dashboard, so no one can be singled out. */
export const PublishedCountSchema = v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.literal('<10')]);

/** The page's own texts in one language; missing ones fall back to the source language. */
export const FindingsTextsSchema = v.object({ title: v.optional(Text), intro: v.optional(Text), next: v.optional(Text) });

/** The page's own texts in easy read in one language: lists of ideas, each with a picture. */
export const FindingsEasyTextsSchema = v.object({ title: v.optional(Text), intro: v.optional(Ideas), next: v.optional(Ideas) });

/** One theme as published. `id` is what a receipt lookup answers with. */
export const FindingsThemeSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  name: Text,
  summary: v.optional(Text),
  picture: v.optional(PictureIdSchema),
  /** Contributions coded to the theme. */
  count: PublishedCountSchema,
  /** Name and summary by language. */
  names: v.record(v.string(), v.object({ name: v.optional(Text), summary: v.optional(Text) })),
  /** Easy-read name, summary and picture by language. */
  easyRead: v.record(v.string(), v.object({ name: v.optional(Text), summary: v.optional(Text), picture: v.optional(PictureIdSchema) })),
  /** Participants' own words, each in the language it was written in. */
  quotes: v.pipe(v.array(QuoteSchema), v.maxLength(MAX_THEME_QUOTES)),
});

/** A published "you said, we heard" page. Source-language texts are the plain fields. */
export const FindingsPageSchema = v.object({
  engagement: v.string(),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  publishedAt: v.string(),
  /** The engagement's languages; the first is the source language. */
  languages: v.pipe(v.array(v.string()), v.minLength(1)),
  title: Text,
  intro: Text,
  /** "What happens next". */
  next: Text,
  translations: v.record(v.string(), FindingsTextsSchema),
  easyRead: v.record(v.string(), FindingsEasyTextsSchema),
  themes: v.pipe(v.array(FindingsThemeSchema), v.maxLength(MAX_FINDINGS_THEMES)),
});

/** The answer to a receipt-code lookup: theme ids of the published page, nothing else. */
export const ReceiptLookupSchema = v.object({ code: v.string(), themes: v.array(v.string()) });

export type PublishedCount = v.InferOutput<typeof PublishedCountSchema>;
export type FindingsTexts = v.InferOutput<typeof FindingsTextsSchema>;
export type FindingsEasyTexts = v.InferOutput<typeof FindingsEasyTextsSchema>;
export type FindingsTheme = v.InferOutput<typeof FindingsThemeSchema>;
export type FindingsPage = v.InferOutput<typeof FindingsPageSchema>;
export type ReceiptLookup = v.InferOutput<typeof ReceiptLookupSchema>;
