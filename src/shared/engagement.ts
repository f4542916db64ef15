import * as v from 'valibot';
import { MAX_ID_LENGTH } from './limits';

/**
 * The engagement bundle: everything a device needs to show an engagement, offline too.
 * Plain string fields are the engagement's source language (English); other languages and
 * easy-read versions are overlays of the same shape keyed by language code.
 */

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'), v.maxLength(MAX_ID_LENGTH));
const Text = v.pipe(v.string(), v.minLength(1), v.maxLength(2000));

/** A pictogram id from the picture set, e.g. `"1F46A"`; resolved to an image by the app. */
const Picture = v.optional(v.pipe(v.string(), v.maxLength(64)));

export const ChoiceSchema = v.object({
  id: Id,
  label: Text,
  picture: Picture,
});

/** Most example quotes one theme card carries. */
export const MAX_CARD_QUOTES = 5;

/** A participant's words, published as an example of a theme; `locale` is the language it was written in. */
export const QuoteSchema = v.object({
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
  locale: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code like en or pa-Guru')),
});

const PromptBase = {
  id: Id,
  /** The question, as a page heading. */
  text: Text,
  /** Hint shown under the question. */
  hint: v.optional(Text),
  required: v.boolean(),
  picture: Picture,
};

/** The four prompt kinds. `scale` is the five-face scale (1 = very unhappy … 5 = very happy). */
export const PromptSchema = v.variant('kind', [
  v.object({ ...PromptBase, kind: v.literal('text'), maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
  v.object({
    ...PromptBase,
    kind: v.literal('choice'),
    multiple: v.boolean(),
    choices: v.pipe(v.array(ChoiceSchema), v.minLength(2)),
  }),
  v.object({ ...PromptBase, kind: v.literal('scale') }),
  /**
   * A statement to agree with, disagree with or be unsure about. In a crowdsource phase it may
   * present a theme coded from what citizens said (`theme`, with example `quotes` in their
   * own words) and offer an optional comment (`comment`): the comment travels as a second
   * answer to the same prompt, `{ prompt, text }`. In a check-and-challenge phase each vote
   * prompt is one statement of the deck; a `withdrawn` statement is no longer shown, but votes
   * already cast for it are kept and reported apart.
   */
  v.object({
    ...PromptBase,
    kind: v.literal('vote'),
    theme: v.optional(Id),
    quotes: v.optional(v.pipe(v.array(QuoteSchema), v.maxLength(MAX_CARD_QUOTES))),
    comment: v.optional(v.boolean()),
    withdrawn: v.optional(v.boolean()),
  }),
]);

export const PhaseKindSchema = v.picklist(['conversation', 'crowdsource', 'check']);

export const PhaseSchema = v.object({
  id: Id,
  kind: PhaseKindSchema,
  title: Text,
  intro: Text,
  /** Who the phase is for, shown on the engagement page. */
  audience: v.picklist(['public', 'professionals', 'everyone']),
  opensAt: v.optional(v.string()),
  closesAt: v.optional(v.string()),
  prompts: v.pipe(v.array(PromptSchema), v.minLength(1)),
});

const PromptOverlay = v.object({
  text: v.optional(Text),
  hint: v.optional(Text),
  choices: v.optional(v.record(v.string(), Text)),
});

/** Text of one language (or of easy read in one language), overlaying the source text by id. */
export const ContentOverlaySchema = v.object({
  title: v.optional(Text),
  intro: v.optional(Text),
  phases: v.optional(
    v.record(
      v.string(),
      v.object({
        title: v.optional(Text),
        intro: v.optional(Text),
        prompts: v.optional(v.record(v.string(), PromptOverlay)),
      }),
    ),
  ),
});

/** An OpenMoji hex code, the file name of its picture, e.g. `1F3E0` or `1F469-200D-1F4BB`. */
export const PictureIdSchema = v.pipe(v.string(), v.regex(/^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$/, 'must be an OpenMoji hex code like 1F3E0'));

/** One easy-read idea: a sentence or two about one thing, with the picture shown beside it. */
export const IdeaSchema = v.object({ text: Text, picture: PictureIdSchema });
const Ideas = v.pipe(v.array(IdeaSchema), v.minLength(1), v.maxLength(40));

/** Easy-read text of one language: like a content overlay, but intros and hints are lists of ideas. */
export const EasyReadOverlaySchema = v.object({
  title: v.optional(Text),
  intro: v.optional(Ideas),
  phases: v.optional(
    v.record(
      v.string(),
      v.object({
        title: v.optional(Text),
        intro: v.optional(Ideas),
        prompts: v.optional(
          v.record(v.string(), v.object({ text: v.optional(Text), hint: v.optional(Ideas), choices: v.optional(v.record(v.string(), Text)) })),
        ),
      }),
    ),
  ),
});

/** The optional "about you" (equality monitoring) questions; answers are kept apart from contributions. */
export const AboutYouQuestionSchema = v.picklist(['ageBand', 'ethnicity', 'disability', 'gender', 'firstLanguage']);

export const EngagementBundleSchema = v.object({
  slug: Id,
  title: Text,
  /** Short intro, shown before the first question; says answers are anonymous. */
  intro: Text,
  organisation: Text,
  /** Published content version; a contribution records the version it answered. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Language codes this engagement is offered in; the first is the source language. */
  languages: v.pipe(v.array(v.string()), v.minLength(1)),
  phases: v.pipe(v.array(PhaseSchema), v.minLength(1)),
  /** Translations keyed by language code. */
  translations: v.record(v.string(), ContentOverlaySchema),
  /** Easy-read versions keyed by language code (`en` included). */
  easyRead: v.record(v.string(), EasyReadOverlaySchema),
  /** The engagement's public key (JWK, RSA-OAEP-256) that shared devices seal contributions with. */
  publicKey: v.nullable(v.record(v.string(), v.unknown())),
  /** "About you" questions offered after taking part, in order; absent or empty means none. */
  aboutYou: v.optional(v.object({ questions: v.array(AboutYouQuestionSchema) })),
});

/** One entry of `GET /api/engagements`. */
export const EngagementSummarySchema = v.object({
  slug: Id,
  title: Text,
  organisation: Text,
  languages: v.array(v.string()),
  version: v.number(),
});

export type Choice = v.InferOutput<typeof ChoiceSchema>;
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type Prompt = v.InferOutput<typeof PromptSchema>;
export type PromptKind = Prompt['kind'];
export type Phase = v.InferOutput<typeof PhaseSchema>;
export type PhaseKind = v.InferOutput<typeof PhaseKindSchema>;
export type ContentOverlay = v.InferOutput<typeof ContentOverlaySchema>;
export type Idea = v.InferOutput<typeof IdeaSchema>;
export type EasyReadOverlay = v.InferOutput<typeof EasyReadOverlaySchema>;
export type AboutYouQuestion = v.InferOutput<typeof AboutYouQuestionSchema>;
export type EngagementBundle = v.InferOutput<typeof EngagementBundleSchema>;
export type EngagementSummary = v.InferOutput<typeof EngagementSummarySchema>;
