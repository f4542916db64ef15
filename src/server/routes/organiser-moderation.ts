import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ContributionIdSchema } from '../../shared/contribution';
import { check } from '../../shared/validate';
import { ModerationActionSchema, ModerationStatusSchema, WORKSPACE_API } from '../../shared/workspace-api';
import { organiserOf, slugRoute } from '../organiser/request';
import { auditLog, audit } from '../workspace/audit';
import { BadCursor, decide, moderationItem, moderationPage } from '../workspace/moderation';
import type { OrganiserRouteOptions } from './organiser';

const QueueQuerySchema = v.strictObject({
  status: v.optional(v.union([ModerationStatusSchema, v.literal('all')], 'must be new, hidden, shown or all'), 'new'),
  before: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

const AnswerParamsSchema = v.object({
  slug: v.string(),
  contributionId: ContributionIdSchema,
  position: v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a whole number'), v.transform(Number)),
});

/** The moderation queue, hiding and showing answers, and the audit log. */
export async function organiserModerationRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;

  app.get<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.moderation), async (req, reply) => {
    const query = check(QueueQuerySchema, req.query);
    if (!query.ok) return reply.code(400).send({ error: query.error });
    reply.header('cache-control', 'no-store');
    try {
      return await moderationPage(kysely, req.params.slug, query.value.status, query.value.before);
    } catch (error) {
      if (error instanceof BadCursor) return reply.code(400).send({ error: error.message });
      throw error;
    }
  });

  app.put(
    WORKSPACE_API.answerModeration('SLUG', 'ID', 0).replace('SLUG', ':slug').replace('ID', ':contributionId').replace(/\/0\//, '/:position/'),
    async (req, reply) => {
      const params = check(AnswerParamsSchema, req.params);
      if (!params.ok) return reply.code(400).send({ error: params.error });
      const action = check(ModerationActionSchema, req.body);
      if (!action.ok) return reply.code(400).send({ error: action.error });
      const { slug, contributionId, position } = params.value;
      if (!(await moderationItem(kysely, slug, contributionId, position))) {
        return reply.code(404).send({ error: `no free-text or audio answer ${position} in contribution ${contributionId} of '${slug}'` });
      }
      const reason = action.value.reason || null;
      await decide(kysely, contributionId, position, action.value.action === 'hide' ? 'hidden' : 'shown', reason);
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: action.value.action, target: `answer ${contributionId}#${position}`, reason });
      return moderationItem(kysely, slug, contributionId, position);
    },
  );

  app.get<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.audit), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return auditLog(kysely, req.params.slug);
  });
}
