import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { EventCodeSchema } from '../../shared/contribution';
import {
  ExportEnvelopeSchema,
  MAX_EXPORT_BODY_BYTES,
  MAX_EXPORT_ITEMS,
  NewEventSchema,
  eventLinkPath,
} from '../../shared/events';
import { check } from '../../shared/validate';
import type { Database } from '../db/schema';
import { rotateEngagementKey } from '../engagements/keys';
import { findBundle } from '../engagements/repository';
import { importItems } from '../events/import';
import { eventPosterSvg } from '../events/poster';
import { createEvent, findEvent, listEvents } from '../events/repository';

/** Settings for the event routes. */
export interface EventRouteOptions {
  kysely: Kysely<Database>;
  /** Origin printed on posters (HEARD_PUBLIC_URL); the request's own origin when unset. */
  publicUrl?: string;
}

type SlugParams = { Params: { slug: string } };

// Route patterns of the paths in EVENTS_API (which encodes its arguments, so cannot make them).
const ORGANISER = '/api/organiser/engagements/:slug';

/** `GET /api/events/:code`: the event, public (it is printed on a poster) so a tablet can check a code. */
export function eventPublicRoutes(app: FastifyInstance, opts: Pick<EventRouteOptions, 'kysely'>): void {
  app.get<{ Params: { code: string } }>('/api/events/:code', async (req, reply) => {
    // Codes are typed in by hand on tablets; lower case is the same code.
    const code = check(EventCodeSchema, req.params.code.toUpperCase());
    if (!code.ok) return reply.code(400).send({ error: `code: ${code.error}` });
    const event = await findEvent(opts.kysely, code.value);
    if (!event) return reply.code(404).send({ error: `no event '${code.value}'` });
    reply.header('cache-control', 'no-cache');
    return event;
  });
}

/**
 * What an organiser does around events: list and create an engagement's events, print each
 * event's poster, import a tablet's export file, rotate the engagement's key. Registered
 * inside the organiser guard (routes/organiser.ts), which adds the session, the CSRF token
 * and the owner role for every change.
 */
export async function eventOrganiserRoutes(app: FastifyInstance, opts: EventRouteOptions): Promise<void> {
  const { kysely } = opts;
  const publicUrl = opts.publicUrl ? opts.publicUrl.replace(/\/+$/, '') : undefined;

  app.get<SlugParams>(`${ORGANISER}/events`, async (req, reply) => {
    if (!(await findBundle(kysely, req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return { events: await listEvents(kysely, req.params.slug) };
  });

  app.post<SlugParams>(`${ORGANISER}/events`, async (req, reply) => {
    const input = check(NewEventSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    if (!(await findBundle(kysely, req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    const event = await createEvent(kysely, req.params.slug, input.value);
    return reply.code(201).header('cache-control', 'no-store').send(event);
  });

  app.get<{ Params: { slug: string; code: string } }>(`${ORGANISER}/events/:code/poster.svg`, async (req, reply) => {
    const { slug, code } = req.params;
    const event = await findEvent(kysely, code);
    const bundle = event && event.engagement === slug ? await findBundle(kysely, slug) : null;
    if (!event || !bundle) return reply.code(404).send({ error: `no event '${code}' in engagement '${slug}'` });
    const url = `${publicUrl ?? requestOrigin(req)}${eventLinkPath(slug, event.code)}`;
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="${event.code}-poster.svg"`)
      .header('cache-control', 'no-store')
      .send(eventPosterSvg({ event, title: bundle.title, url }));
  });

  // The guard checks the session before the body is read, so a signed-out upload is never parsed.
  app.post<SlugParams>(`${ORGANISER}/import`, { bodyLimit: MAX_EXPORT_BODY_BYTES }, async (req, reply) => {
    const items = (req.body as { items?: unknown } | null)?.items;
    if (Array.isArray(items) && items.length > MAX_EXPORT_ITEMS) {
      return reply.code(413).send({ error: `items: at most ${MAX_EXPORT_ITEMS} items per file, got ${items.length}` });
    }
    const file = check(ExportEnvelopeSchema, req.body);
    if (!file.ok) return reply.code(400).send({ error: `not a Heard export file: ${file.error}` });
    const { slug } = req.params;
    if (file.value.engagement !== slug) {
      return reply.code(400).send({ error: `engagement: the file is for '${file.value.engagement}', not '${slug}'` });
    }
    if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
    reply.header('cache-control', 'no-store');
    return importItems(kysely, slug, file.value.items);
  });

  app.post<SlugParams>(`${ORGANISER}/keys/rotate`, async (req, reply) => {
    if (!(await findBundle(kysely, req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return rotateEngagementKey(kysely, req.params.slug);
  });
}

// Behind a proxy Fastify reads these from X-Forwarded-* only when trustProxy is on; set
// HEARD_PUBLIC_URL to be sure posters carry the address people can reach.
function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
