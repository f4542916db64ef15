import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { check } from '../../shared/validate';
import { FindingsDraftSchema, WORKSPACE_API, type FindingsPreview, type FindingsWorkspace, type Published } from '../../shared/workspace-api';
import { engagementOf, draftProblems, readFindingsDraft, saveFindingsDraft } from '../findings/page';
import { themeChoices } from '../findings/themes';
import { FindingsPublishError, listPageVersions, pageVersion, previewPage, publishPage } from '../findings/versions';
import { organiserOf, slugRoute } from '../organiser/request';
import { audit } from '../workspace/audit';
import type { OrganiserRouteOptions } from './organiser';

type SlugParams = { Params: { slug: string } };

const VersionParamsSchema = v.object({
  slug: v.string(),
  version: v.pipe(v.string(), v.regex(/^[1-9]\d{0,8}$/, 'must be a version number'), v.transform(Number)),
});

const noEngagement = (slug: string) => ({ error: `no engagement '${slug}'` });

/**
 * The "you said, we heard" page in the workspace: read and save the draft (owners save),
 * preview it as it would be published, publish it as a new immutable version (owners), and
 * read any published version back.
 */
export async function organiserFindingsRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;

  const workspaceView = async (slug: string): Promise<FindingsWorkspace | null> => {
    const bundle = await engagementOf(kysely, slug);
    if (!bundle) return null;
    const [{ draft, updatedAt }, themes, versions] = await Promise.all([readFindingsDraft(kysely, slug), themeChoices(kysely, slug), listPageVersions(kysely, slug)]);
    return { draft, updatedAt, languages: bundle.languages, themes, versions };
  };

  app.get<SlugParams>(slugRoute(WORKSPACE_API.findings), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return (await workspaceView(req.params.slug)) ?? reply.code(404).send(noEngagement(req.params.slug));
  });

  app.put<SlugParams>(slugRoute(WORKSPACE_API.findingsDraft), async (req, reply) => {
    const { slug } = req.params;
    if (!(await engagementOf(kysely, slug))) return reply.code(404).send(noEngagement(slug));
    const draft = check(FindingsDraftSchema, req.body);
    if (!draft.ok) return reply.code(400).send({ error: draft.error });
    const problems = await draftProblems(kysely, slug, draft.value);
    if (problems.length > 0) return reply.code(400).send({ error: problems.slice(0, 3).join('; ') });
    const by = organiserOf(req).email;
    await saveFindingsDraft(kysely, slug, draft.value, by);
    await audit(kysely, { engagement: slug, by, action: 'findings-draft', target: `${slug} findings` });
    reply.header('cache-control', 'no-store');
    return workspaceView(slug);
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.findingsPreview), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(await engagementOf(kysely, req.params.slug))) return reply.code(404).send(noEngagement(req.params.slug));
    const built = await previewPage(kysely, req.params.slug);
    const preview: FindingsPreview = built.ok ? { page: built.page, problems: [] } : { page: null, problems: built.problems };
    return preview;
  });

  app.post<SlugParams>(slugRoute(WORKSPACE_API.findingsPublish), async (req, reply) => {
    const { slug } = req.params;
    if (!(await engagementOf(kysely, slug))) return reply.code(404).send(noEngagement(slug));
    const by = organiserOf(req).email;
    try {
      const page = await publishPage(kysely, slug, by);
      await audit(kysely, { engagement: slug, by, action: 'findings-publish', target: `${slug} findings version ${page.version}` });
      const published: Published = { slug, version: page.version, publishedAt: page.publishedAt };
      return reply.code(201).send(published);
    } catch (error) {
      if (error instanceof FindingsPublishError) return reply.code(error.status).send({ error: error.message });
      throw error;
    }
  });

  app.get(
    WORKSPACE_API.findingsVersion('SLUG', 1).replace('SLUG', ':slug').replace(/\/1$/, '/:version'),
    async (req, reply) => {
      const params = check(VersionParamsSchema, req.params);
      if (!params.ok) return reply.code(400).send({ error: params.error });
      reply.header('cache-control', 'no-store');
      const page = await pageVersion(kysely, params.value.slug, params.value.version);
      return page ?? reply.code(404).send({ error: `no published version ${params.value.version} of the page of '${params.value.slug}'` });
    },
  );
}
