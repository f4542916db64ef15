import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { SESSION_COOKIE } from '../../shared/api';
import { isAcceptedAudioType, MAX_AUDIO_BYTES } from '../../shared/audio';
import { ContributionIdSchema } from '../../shared/contribution';
import { check } from '../../shared/validate';
import { getAudio, putAudio } from '../audio/store';
import type { Database } from '../db/schema';
import { findSession } from '../organiser/sessions';
import { rateLimitKey } from '../security';

/** Settings for the audio routes. */
export interface AudioRouteOptions {
  kysely: Kysely<Database>;
  /** Uploads allowed per client per minute (default 120). */
  uploadsPerMinute?: number;
}

const TYPES_HINT = 'send the recording as the raw bytes with an audio Content-Type (audio/webm, audio/mp4, audio/ogg)';

/**
 * Recorded answers. `PUT /api/audio/:id` takes the raw bytes and is idempotent by id: the same
 * bytes again are a duplicate, other bytes under a used id a 409, so a device that lost the
 * answer can simply send again. Organisers play them at `GET /api/organiser/audio/:id`.
 * Registered as its own plugin so its body parser and limits apply to these routes only.
 */
export async function audioRoutes(app: FastifyInstance, opts: AudioRouteOptions): Promise<void> {
  const { kysely } = opts;

  // Any body is read as bytes here, up to the recording limit; the handler then checks the type,
  // so a wrong one gets a message about audio rather than the JSON parser's.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error.statusCode === 413) return reply.code(413).send({ error: `the recording is too large (at most ${MAX_AUDIO_BYTES / 1024 / 1024} MiB)` });
    if (error.statusCode === 415) return reply.code(415).send({ error: TYPES_HINT });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'the server could not handle this request; try again later' });
  });

  app.put<{ Params: { id: string } }>(
    '/api/audio/:id',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      config: { rateLimit: { max: opts.uploadsPerMinute ?? 120, timeWindow: 60_000, keyGenerator: rateLimitKey } },
    },
    async (req, reply) => {
      const id = check(ContributionIdSchema, req.params.id);
      if (!id.ok) return reply.code(400).send({ error: `id ${id.error}` });
      const type = req.headers['content-type'];
      if (!isAcceptedAudioType(type) || type === undefined || type.length > 100) return reply.code(415).send({ error: TYPES_HINT });
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) return reply.code(400).send({ error: 'the recording is empty' });
      const outcome = await putAudio(kysely, id.value, type, body);
      reply.header('cache-control', 'no-store');
      if (outcome === 'conflict') {
        return reply.code(409).send({ error: 'conflict: a different recording was already sent with this id' });
      }
      return reply.code(outcome === 'accepted' ? 201 : 200).send({ id: id.value, status: outcome });
    },
  );

  const requireOrganiser = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const value = req.cookies[SESSION_COOKIE];
    const session = value ? await findSession(kysely, value) : null;
    if (!session) await reply.code(401).send({ error: 'sign in as an organiser first' });
  };

  app.get<{ Params: { id: string } }>('/api/organiser/audio/:id', { preHandler: requireOrganiser }, async (req, reply) => {
    const id = check(ContributionIdSchema, req.params.id);
    if (!id.ok) return reply.code(400).send({ error: `id ${id.error}` });
    const stored = await getAudio(kysely, id.value);
    if (!stored) return reply.code(404).send({ error: `no recording '${id.value}'` });
    return reply
      .type(stored.type)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${id.value}"`)
      .send(stored.bytes);
  });
}
