import * as v from 'valibot';
import { EventCodeSchema, ReceiptSchema, SealedContributionSchema, SlugSchema } from './contribution';

/**
 * Events (a drop-in, a library table, a community meeting) and the file a shared tablet
 * exports for the organiser at the end of the day. The tablet writes that file; the server
 * imports it through the same path as `POST /api/sync`, so importing it twice stores nothing twice.
 */

/** URL paths of the event API. */
export const EVENTS_API = {
  /** Public: `GET` one event by its code, so a tablet can check a code before the day. */
  event: (code: string) => `/api/events/${encodeURIComponent(code)}`,
  /** Organiser: `GET` lists, `POST` creates the events of an engagement. */
  events: (slug: string) => `/api/organiser/engagements/${encodeURIComponent(slug)}/events`,
  /** Organiser: `GET` the printable poster (SVG) of one event. */
  poster: (slug: string, code: string) =>
    `/api/organiser/engagements/${encodeURIComponent(slug)}/events/${encodeURIComponent(code)}/poster.svg`,
  /** Organiser: `POST` a tablet's export file; answers an {@link ImportSummary}. */
  import: (slug: string) => `/api/organiser/engagements/${encodeURIComponent(slug)}/import`,
  /** Organiser: `POST` makes a new key pair current; the old one still opens its seals. */
  rotateKey: (slug: string) => `/api/organiser/engagements/${encodeURIComponent(slug)}/keys/rotate`,
} as const;

/** Path of the participant page an event poster opens: `/e/<slug>?event=<CODE>`. */
export function eventLinkPath(slug: string, code: string): string {
  return `/e/${encodeURIComponent(slug)}?event=${encodeURIComponent(code)}`;
}

/** Most contributions in one export file. */
export const MAX_EXPORT_ITEMS = 5000;

/** Largest export file the import endpoint takes, in bytes (32 MiB). */
export const MAX_EXPORT_BODY_BYTES = 32 * 1024 * 1024;

const Line = (max: number) =>
  v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const EventDateSchema = v.pipe(
  v.string('must be a string'),
  v.isoDate('must be a date like 2026-03-14'),
  // The ISO pattern alone lets 2026-02-30 through.
  v.check((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'must be a date that exists'),
);

/** What an organiser sends to create an event. */
export const NewEventSchema = v.strictObject({
  name: Line(120),
  place: Line(200),
  date: EventDateSchema,
});

/** An event as the server stores and answers it. */
export const EventSchema = v.strictObject({
  code: EventCodeSchema,
  /** SlugSchema of the engagement the event belongs to. */
  engagement: SlugSchema,
  name: v.string(),
  place: v.string(),
  date: EventDateSchema,
});

/** Answer of `GET /api/events/:code`: the event, public because it is printed on a poster. */
export const PublicEventSchema = EventSchema;

/** Answer of the organiser event list. */
export const EventListSchema = v.object({ events: v.array(EventSchema) });

/** Tag of the export file format. */
export const EXPORT_FORMAT = 'heard-export';
/** Version of the export file format this code writes and reads. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The export file's envelope, as the server first reads it: items stay unknown here and are
 * checked one by one, so one damaged item never sinks the rest of the day.
 */
export const ExportEnvelopeSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT, `must be "${EXPORT_FORMAT}"`),
  formatVersion: v.literal(EXPORT_FORMAT_VERSION, `must be ${EXPORT_FORMAT_VERSION}`),
  engagement: SlugSchema,
  event: v.optional(EventCodeSchema),
  exportedAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
  items: v.pipe(v.array(v.unknown(), 'items must be a list'), v.maxLength(MAX_EXPORT_ITEMS, `at most ${MAX_EXPORT_ITEMS} items per file`)),
});

/** The export file a tablet writes: only sealed contributions, never readable answers. */
export const ExportFileSchema = v.strictObject({
  ...ExportEnvelopeSchema.entries,
  items: v.pipe(v.array(SealedContributionSchema), v.maxLength(MAX_EXPORT_ITEMS)),
});

/** Answer of the import endpoint: counts, and one receipt per item in file order. */
export const ImportSummarySchema = v.object({
  accepted: v.number(),
  duplicate: v.number(),
  rejected: v.number(),
  receipts: v.array(ReceiptSchema),
});

/** Answer of key rotation: the key id now current (public keys are in the engagement bundle). */
export const RotateKeyResultSchema = v.object({ kid: v.string(), retired: v.array(v.string()) });

export type NewEvent = v.InferOutput<typeof NewEventSchema>;
export type HeardEvent = v.InferOutput<typeof EventSchema>;
export type PublicEvent = v.InferOutput<typeof PublicEventSchema>;
export type ExportFile = v.InferOutput<typeof ExportFileSchema>;
export type ImportSummary = v.InferOutput<typeof ImportSummarySchema>;
export type RotateKeyResult = v.InferOutput<typeof RotateKeyResultSchema>;
