import * as v from 'valibot';
import { MAX_ANSWERS, MAX_BATCH_ITEMS, MAX_ID_LENGTH, MAX_SEALED_LENGTH, MAX_TEXT_ANSWER } from './limits';

/**
 * A Contribution on the wire: one person's answers to one phase. It carries no name, email,
 * IP address or device fingerprint, and strict objects refuse any field not listed here so
 * none can be slipped in.
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** An engagement slug, phase or prompt id: lower-case letters, digits and dashes. */
export const SlugSchema = v.pipe(v.string('must be a string'), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'), v.maxLength(MAX_ID_LENGTH, 'is too long'));
const Base64 = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'));

/** A UUID v4, in either case; stored in lower case so an id written either way is one contribution. */
export const ContributionIdSchema = v.pipe(v.string('must be a string'), v.toLowerCase(), v.regex(UUID_V4, 'must be a UUID v4'));

export const VoteSchema = v.picklist(['agree', 'disagree', 'unsure'], 'must be agree, disagree or unsure');

/** A recorded answer uploaded separately; the contribution refers to it by id. */
export const AudioRefSchema = v.strictObject({
  id: ContributionIdSchema,
  type: v.pipe(v.string(), v.regex(/^audio\/[a-z0-9.+-]+(;.*)?$/, 'must be an audio MIME type'), v.maxLength(100)),
  seconds: v.pipe(v.number(), v.minValue(0), v.maxValue(600)),
});

const ANSWER_KEYS = ['text', 'choices', 'scale', 'vote', 'audio'] as const;

/** One answer: the prompt id and exactly one of text, choices, scale, vote or audio. */
export const AnswerSchema = v.pipe(
  v.strictObject({
    prompt: SlugSchema,
    text: v.optional(v.pipe(v.string('must be a string'), v.maxLength(MAX_TEXT_ANSWER, `must be at most ${MAX_TEXT_ANSWER} characters`))),
    choices: v.optional(v.pipe(v.array(SlugSchema, 'must be a list of choice ids'), v.minLength(1, 'must name at least one choice'), v.maxLength(50))),
    scale: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be from 1 to 5'), v.maxValue(5, 'must be from 1 to 5'))),
    vote: v.optional(VoteSchema),
    audio: v.optional(AudioRefSchema),
  }),
  v.check(
    (a) => ANSWER_KEYS.filter((k) => a[k] !== undefined).length === 1,
    'an answer must have exactly one of text, choices, scale, vote or audio',
  ),
);

/** How the person took part; used to show who was heard through which route. */
export const RouteSchema = v.strictObject({
  easyRead: v.boolean(),
  readAloud: v.boolean(),
  assisted: v.boolean(),
  audio: v.boolean(),
  interpreter: v.optional(v.boolean()),
});

export const ChannelSchema = v.picklist(['online', 'event'], 'must be online or event');

/** Event codes are short upper-case codes printed on posters, e.g. `LIB-4821`. */
export const EventCodeSchema = v.pipe(v.string(), v.regex(/^[A-Z0-9][A-Z0-9-]{2,15}$/, 'must be an event code like LIB-4821'));

export const ContributionSchema = v.strictObject({
  id: ContributionIdSchema,
  engagement: SlugSchema,
  phase: SlugSchema,
  /** Engagement content version the person answered. */
  version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  answers: v.pipe(v.array(AnswerSchema, 'must be a list'), v.minLength(1, 'must hold at least one answer'), v.maxLength(MAX_ANSWERS, 'has too many answers')),
  locale: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code like en or pa-Guru')),
  route: RouteSchema,
  channel: ChannelSchema,
  event: v.optional(EventCodeSchema),
  createdAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
});

/** A contribution encrypted on a shared device: AES-GCM content, key wrapped with RSA-OAEP-256. */
export const SealSchema = v.strictObject({
  alg: v.literal('RSA-OAEP-256+A256GCM'),
  /** Key id of the engagement public key used. */
  kid: v.pipe(v.string(), v.maxLength(MAX_ID_LENGTH)),
  key: v.pipe(Base64, v.maxLength(2048)),
  iv: v.pipe(Base64, v.maxLength(64)),
  data: v.pipe(Base64, v.maxLength(MAX_SEALED_LENGTH)),
});

export const SealedContributionSchema = v.strictObject({
  id: ContributionIdSchema,
  engagement: SlugSchema,
  sealed: SealSchema,
});

/** What the sync endpoint takes; items are validated one by one so a bad one never sinks the rest. */
export const SyncRequestSchema = v.strictObject({
  items: v.pipe(v.array(v.unknown(), 'items must be a list'), v.maxLength(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items per request`)),
});

export const ReceiptSchema = v.object({
  id: v.nullable(v.string()),
  status: v.picklist(['accepted', 'duplicate', 'rejected']),
  receipt: v.optional(v.string()),
  error: v.optional(v.string()),
});

export const SyncResponseSchema = v.object({ receipts: v.array(ReceiptSchema) });

export type Vote = v.InferOutput<typeof VoteSchema>;
export type Answer = v.InferOutput<typeof AnswerSchema>;
export type Route = v.InferOutput<typeof RouteSchema>;
export type Contribution = v.InferOutput<typeof ContributionSchema>;
export type Seal = v.InferOutput<typeof SealSchema>;
export type SealedContribution = v.InferOutput<typeof SealedContributionSchema>;
/** Either form a device may send. */
export type WireContribution = Contribution | SealedContribution;
export type Receipt = v.InferOutput<typeof ReceiptSchema>;
export type ReceiptStatus = Receipt['status'];
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;

/** True when the item is the sealed form (it has a `sealed` member). */
export function isSealed(item: WireContribution): item is SealedContribution {
  return 'sealed' in item;
}
