import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { check } from '../../shared/validate';
import { ExportQuerySchema, WORKSPACE_API } from '../../shared/workspace-api';
import { findBundle } from '../engagements/repository';
import { contributionsCsv, contributionsJson } from '../organiser/export';
import { slugRoute } from '../organiser/request';
import { aboutYouCounts } from '../workspace/dashboard';
import type { OrganiserRouteOptions } from './organiser';

type SlugParams = { Params: { slug: string } };

/**
 * Exports: contributions as CSV (one row per answer) or JSON (whole records), filtered by
 * phase, language, event and days; "about you" only as suppressed aggregate counts, never
 * joined to contributions.
 */
export async function organiserExportRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;

  for (const [path, format] of [[WORKSPACE_API.contributionsCsv, 'csv'], [WORKSPACE_API.contributionsJson, 'json']] as const) {
    app.get<SlugParams>(slugRoute(path), async (req, reply) => {
      const { slug } = req.params;
      const filter = check(ExportQuerySchema, req.query);
      if (!filter.ok) return reply.code(400).send({ error: filter.error });
      if (!(await findBundle(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-contributions.${format}"`)
        .header('cache-control', 'no-store');
      const chunks = format === 'csv' ? contributionsCsv(kysely, slug, filter.value) : contributionsJson(kysely, slug, filter.value);
      return reply.send(Readable.from(chunks));
    });
  }

  app.get<SlugParams>(slugRoute(WORKSPACE_API.aboutYouCounts), async (req, reply) => {
    if (!(await findBundle(kysely, req.params.slug))) return reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
    reply.header('cache-control', 'no-store');
    return aboutYouCounts(kysely, req.params.slug);
  });
}
