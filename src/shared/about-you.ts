import * as v from 'valibot';
import { ContributionIdSchema, SlugSchema } from './contribution';

/**
 * "About you" (equality monitoring) as participants send it: a record of its own, with an id
 * that only makes a resend harmless. It carries no contribution id and no time finer than the
 * server's day, so it can never be linked to anyone's answers.
 */

/** Participants POST AboutYouRequest here and get AboutYouResponse; no session, no CSRF token. */
export const ABOUT_YOU_PATH = '/api/about-you';


export const ABOUT_YOU_OPTIONS = {
  ageBand: ['under-16', '16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus', 'prefer-not-to-say'],
  ethnicity: ['asian', 'black', 'mixed', 'white', 'arab', 'other', 'prefer-not-to-say'],
  disability: ['yes', 'no', 'prefer-not-to-say'],
  gender: ['woman', 'man', 'non-binary', 'other', 'prefer-not-to-say'],
  /** Language codes the engagement offers, plus these two. */
  firstLanguage: ['other', 'prefer-not-to-say'],
} as const;

const LanguageAnswer = v.union([
  v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be a language code')),
  v.picklist(ABOUT_YOU_OPTIONS.firstLanguage),
]);

export const AboutYouAnswersSchema = v.strictObject({
  ageBand: v.optional(v.picklist(ABOUT_YOU_OPTIONS.ageBand)),
  ethnicity: v.optional(v.picklist(ABOUT_YOU_OPTIONS.ethnicity)),
  disability: v.optional(v.picklist(ABOUT_YOU_OPTIONS.disability)),
  gender: v.optional(v.picklist(ABOUT_YOU_OPTIONS.gender)),
  firstLanguage: v.optional(LanguageAnswer),
});

/** One "about you" record; `id` only makes a resend harmless, it links to nothing. */
export const AboutYouItemSchema = v.strictObject({ id: ContributionIdSchema, engagement: SlugSchema, answers: AboutYouAnswersSchema });

export const AboutYouRequestSchema = v.strictObject({
  items: v.pipe(v.array(v.unknown(), 'items must be a list'), v.maxLength(100, 'at most 100 items per request')),
});

export const AboutYouResponseSchema = v.object({
  receipts: v.array(v.object({ id: v.nullable(v.string()), status: v.picklist(['accepted', 'duplicate', 'rejected']), error: v.optional(v.string()) })),
});

export type AboutYouAnswers = v.InferOutput<typeof AboutYouAnswersSchema>;
export type AboutYouItem = v.InferOutput<typeof AboutYouItemSchema>;
export type AboutYouRequest = v.InferOutput<typeof AboutYouRequestSchema>;
export type AboutYouResponse = v.InferOutput<typeof AboutYouResponseSchema>;
