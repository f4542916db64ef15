import type { FastifyInstance } from 'fastify';
import { WORKSPACE_API } from '../../shared/workspace-api';
import { findBundle } from '../engagements/repository';
import { readDraft } from '../engagements/versions';
import { slugRoute } from '../organiser/request';
import { checkResults } from '../workspace/check-results';
import { themesByRoute } from '../workspace/themes-by-route';
import type { OrganiserRouteOptions } from './organiser';

type SlugParams = { Params: { slug: string } };

/** Reports after the engagement cycle: check-and-challenge results and themes by route. Read-only, so analysts may read them too. */
export async function organiserReportRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;
  const exists = async (slug: string) => Boolean((await findBundle(kysely, slug)) ?? (await readDraft(kysely, slug)));

  app.get<SlugParams>(slugRoute(WORKSPACE_API.checkResults), async (req, reply) => {
    if (!(await exists(req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return checkResults(kysely, req.params.slug);
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.themesByRoute), async (req, reply) => {
    if (!(await exists(req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return themesByRoute(kysely, req.params.slug);
  });
}
