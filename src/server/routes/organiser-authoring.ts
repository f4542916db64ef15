import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { EngagementBundleSchema, type EngagementBundle } from '../../shared/engagement';
import { check } from '../../shared/validate';
import { CreateEngagementSchema, DraftBundleSchema, WORKSPACE_API, type WorkspaceEngagement } from '../../shared/workspace-api';
import { organiserOf, slugRoute } from '../organiser/request';
import { PublishError, listVersions, publishDraft, readDraft, saveDraft, slugTaken, starterBundle } from '../engagements/versions';
import { audit } from '../workspace/audit';
import type { OrganiserRouteOptions } from './organiser';

type SlugParams = { Params: { slug: string } };

async function summary(kysely: Kysely<Database>, slug: string): Promise<WorkspaceEngagement | null> {
  const draft = await readDraft(kysely, slug);
  if (!draft) return null;
  const { bundle } = draft;
  return { slug, title: bundle.title, organisation: bundle.organisation, publishedVersion: draft.publishedVersion, draftChanged: draft.draftChanged, updatedAt: draft.updatedAt };
}

/**
 * Authoring: engagements, their drafts and published versions. A draft is a whole bundle
 * checked against the same schema devices use, so nothing that would break a device can be
 * saved, let alone published.
 */
export async function organiserAuthoringRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;

  app.get(WORKSPACE_API.engagements, async () => {
    const published = await kysely.selectFrom('engagements').select('slug').execute();
    const drafts = await kysely.selectFrom('engagement_drafts').select('slug').execute();
    const slugs = [...new Set([...published, ...drafts].map((r) => r.slug))].sort();
    const list: WorkspaceEngagement[] = [];
    for (const slug of slugs) {
      const one = await summary(kysely, slug);
      if (one) list.push(one);
    }
    return list;
  });

  app.post(WORKSPACE_API.engagements, async (req, reply) => {
    const input = check(CreateEngagementSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    if (await slugTaken(kysely, input.value.slug)) return reply.code(409).send({ error: `slug: '${input.value.slug}' is already taken` });
    await saveDraft(kysely, starterBundle(input.value));
    await audit(kysely, { engagement: input.value.slug, by: organiserOf(req).email, action: 'create', target: input.value.slug });
    return reply.code(201).send(await summary(kysely, input.value.slug));
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.engagement), async (req, reply) => {
    const one = await summary(kysely, req.params.slug);
    return one ?? reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.draft), async (req, reply) => {
    const draft = await readDraft(kysely, req.params.slug);
    reply.header('cache-control', 'no-store');
    return draft ?? reply.code(404).send({ error: `no engagement '${req.params.slug}'` });
  });

  app.put<SlugParams>(slugRoute(WORKSPACE_API.draft), { bodyLimit: 1024 * 1024 }, async (req, reply) => {
    const { slug } = req.params;
    const current = await readDraft(kysely, slug);
    if (!current) return reply.code(404).send({ error: `no engagement '${slug}'` });
    const input = check(DraftBundleSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    if (input.value.slug !== slug) return reply.code(400).send({ error: `slug: must stay '${slug}'` });
    const bundle = check(EngagementBundleSchema, { ...input.value, version: current.bundle.version, publicKey: null });
    if (!bundle.ok) return reply.code(400).send({ error: bundle.error });
    const problem = consistencyProblem(bundle.value);
    if (problem) return reply.code(400).send({ error: problem });
    await saveDraft(kysely, bundle.value);
    await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: 'edit-draft', target: slug });
    return readDraft(kysely, slug);
  });

  app.post<SlugParams>(slugRoute(WORKSPACE_API.publish), async (req, reply) => {
    const { slug } = req.params;
    const me = organiserOf(req);
    try {
      const published = await publishDraft(kysely, slug, me.email);
      await audit(kysely, { engagement: slug, by: me.email, action: 'publish', target: `version ${published.version}` });
      return { slug, ...published };
    } catch (error) {
      if (error instanceof PublishError) return reply.code(/^no engagement/.test(error.message) ? 404 : 409).send({ error: error.message });
      throw error;
    }
  });

  app.get<SlugParams>(slugRoute(WORKSPACE_API.versions), async (req) => {
    const rows = await listVersions(kysely, req.params.slug);
    return rows.map((r) => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by }));
  });
}

/** What the schema cannot see: ids must be unique where devices look them up by id. */
export function consistencyProblem(bundle: EngagementBundle): string | null {
  if (new Set(bundle.languages).size !== bundle.languages.length) return 'languages: a language is listed twice';
  for (const part of ['translations', 'easyRead'] as const) {
    const stray = Object.keys(bundle[part]).find((language) => !bundle.languages.includes(language));
    if (stray !== undefined) return `${part}.${stray}: add '${stray}' to languages first`;
  }
  const phases = new Set<string>();
  for (const [i, phase] of bundle.phases.entries()) {
    if (phases.has(phase.id)) return `phases.${i}.id: '${phase.id}' is used twice`;
    phases.add(phase.id);
    const prompts = new Set<string>();
    for (const [j, prompt] of phase.prompts.entries()) {
      if (prompts.has(prompt.id)) return `phases.${i}.prompts.${j}.id: '${prompt.id}' is used twice in this phase`;
      prompts.add(prompt.id);
      if (prompt.kind === 'choice') {
        const choices = new Set<string>();
        for (const [k, choice] of prompt.choices.entries()) {
          if (choices.has(choice.id)) return `phases.${i}.prompts.${j}.choices.${k}.id: '${choice.id}' is used twice`;
          choices.add(choice.id);
        }
      }
    }
    for (const end of ['opensAt', 'closesAt'] as const) {
      const at = phase[end];
      if (at !== undefined && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(at)) return `phases.${i}.${end}: must be a date like 2026-01-31 or an ISO 8601 time`;
      if (at !== undefined && Number.isNaN(Date.parse(at))) return `phases.${i}.${end}: is not a real date`;
    }
    if (phase.opensAt && phase.closesAt && Date.parse(phase.opensAt) > Date.parse(phase.closesAt)) return `phases.${i}.closesAt: must be after opensAt`;
  }
  return null;
}
