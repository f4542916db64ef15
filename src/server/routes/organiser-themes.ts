import type { FastifyInstance, FastifyReply } from 'fastify';
import * as v from 'valibot';
import { ContributionIdSchema } from '../../shared/contribution';
import { check } from '../../shared/validate';
import {
  AcceptSuggestionSchema, CodingQuerySchema, ContributionThemesSchema, CrowdsourceSnapshotSchema, QuoteMarkSchema, SuggestionRequestSchema,
  ThemeInputSchema, ThemeOrderSchema, WORKSPACE_API, type Suggestions,
} from '../../shared/workspace-api';
import { readDraft, slugTaken } from '../engagements/versions';
import { organiserOf, slugRoute } from '../organiser/request';
import { SUGGESTION_CAP, CodingConflict, CodingInvalid, CodingNotFound, addToTheme, codingPage, markQuote, setContributionThemes, suggestionInput } from '../themes/coding';
import { SnapshotError, snapshotToCrowdsource } from '../themes/snapshot';
import { ThemeConflict, ThemeInvalid, ThemeNotFound, createTheme, deleteTheme, findTheme, listThemes, reorderThemes, updateTheme } from '../themes/themes';
import { audit } from '../workspace/audit';
import type { OrganiserRouteOptions } from './organiser';

const ThemeParamsSchema = v.object({ slug: v.string(), themeId: v.pipe(v.string(), v.maxLength(100)) });
const ContributionParamsSchema = v.object({ slug: v.string(), contributionId: ContributionIdSchema });
const AnswerParamsSchema = v.object({
  slug: v.string(),
  contributionId: ContributionIdSchema,
  position: v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a whole number'), v.transform(Number)),
});

// Route patterns from the shared paths, with Fastify parameters where the values go.
const themeRoute = WORKSPACE_API.theme('SLUG', 'THEME').replace('SLUG', ':slug').replace('THEME', ':themeId');
const contributionRoute = WORKSPACE_API.contributionThemes('SLUG', 'ID').replace('SLUG', ':slug').replace('ID', ':contributionId');
const quoteRoute = WORKSPACE_API.quote('SLUG', 'ID', 0).replace('SLUG', ':slug').replace('ID', ':contributionId').replace(/\/0\/quote$/, '/:position/quote');

/** Maps the themes module's refusals to HTTP; anything else is a server error. */
function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof ThemeNotFound || error instanceof CodingNotFound) return reply.code(404).send({ error: error.message });
  if (error instanceof ThemeConflict || error instanceof CodingConflict) return reply.code(409).send({ error: error.message });
  if (error instanceof CodingInvalid || error instanceof ThemeInvalid) return reply.code(400).send({ error: error.message });
  if (error instanceof SnapshotError) return reply.code(error.status).send({ error: error.message });
  throw error;
}

/**
 * Themes and theme coding: owners define, order and delete themes, accept suggested ones and
 * send them to a crowdsource phase; owners and analysts code contributions, mark quotes and
 * ask for suggestions (`anyRole`). Every change is in the audit log.
 */
export async function organiserThemeRoutes(app: FastifyInstance, opts: OrganiserRouteOptions): Promise<void> {
  const { kysely } = opts;
  const anyRole = { config: { anyRole: true } };

  // Every route here is about one engagement: an unknown slug is a 404 before anything else.
  app.addHook('preHandler', async (req, reply) => {
    const slug = (req.params as { slug?: string }).slug;
    if (slug !== undefined && !(await slugTaken(kysely, slug))) return reply.code(404).send({ error: `no engagement '${slug}'` });
  });

  app.get<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.themes), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return listThemes(kysely, req.params.slug);
  });

  app.post<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.themes), async (req, reply) => {
    const input = check(ThemeInputSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    try {
      const theme = await createTheme(kysely, req.params.slug, input.value);
      await audit(kysely, { engagement: req.params.slug, by: organiserOf(req).email, action: 'create theme', target: `theme ${theme.slug}` });
      return reply.code(201).send(theme);
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.put(slugRoute(WORKSPACE_API.themeOrder), async (req, reply) => {
    const slug = (req.params as { slug: string }).slug;
    const input = check(ThemeOrderSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    try {
      const themes = await reorderThemes(kysely, slug, input.value.ids);
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: 'reorder themes', target: themes.map((t) => t.slug).join(', ') || 'no themes' });
      return themes;
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.put(themeRoute, async (req, reply) => {
    const params = check(ThemeParamsSchema, req.params);
    if (!params.ok) return reply.code(400).send({ error: params.error });
    const input = check(ThemeInputSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    try {
      const theme = await updateTheme(kysely, params.value.slug, params.value.themeId, input.value);
      await audit(kysely, { engagement: params.value.slug, by: organiserOf(req).email, action: 'change theme', target: `theme ${theme.slug}` });
      return theme;
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.delete(themeRoute, async (req, reply) => {
    const params = check(ThemeParamsSchema, req.params);
    if (!params.ok) return reply.code(400).send({ error: params.error });
    try {
      const theme = await deleteTheme(kysely, params.value.slug, params.value.themeId);
      await audit(kysely, { engagement: params.value.slug, by: organiserOf(req).email, action: 'delete theme', target: `theme ${theme.slug}`, reason: `${theme.count} contributions were coded to it` });
      return reply.code(204).send();
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.get<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.coding), async (req, reply) => {
    const query = check(CodingQuerySchema, req.query);
    if (!query.ok) return reply.code(400).send({ error: query.error });
    if (query.value.filter === 'theme' && !(await findTheme(kysely, req.params.slug, query.value.theme ?? ''))) {
      return reply.code(400).send({ error: `theme: no theme '${query.value.theme ?? ''}' in '${req.params.slug}'` });
    }
    reply.header('cache-control', 'no-store');
    return codingPage(kysely, req.params.slug, query.value);
  });

  app.put(contributionRoute, anyRole, async (req, reply) => {
    const params = check(ContributionParamsSchema, req.params);
    if (!params.ok) return reply.code(400).send({ error: params.error });
    const input = check(ContributionThemesSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const { slug, contributionId } = params.value;
    try {
      const themes = await setContributionThemes(kysely, slug, contributionId, input.value.themes);
      const slugs = (await listThemes(kysely, slug)).filter((t) => themes.includes(t.id)).map((t) => t.slug);
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: 'code', target: `contribution ${contributionId}`, reason: slugs.length ? `themes: ${slugs.join(', ')}` : 'no themes' });
      return { contributionId, themes };
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.put(quoteRoute, anyRole, async (req, reply) => {
    const params = check(AnswerParamsSchema, req.params);
    if (!params.ok) return reply.code(400).send({ error: params.error });
    const input = check(QuoteMarkSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const { slug, contributionId, position } = params.value;
    try {
      const publishable = await markQuote(kysely, slug, contributionId, position, input.value.publishable);
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: publishable ? 'mark quote publishable' : 'mark quote not publishable', target: `answer ${contributionId}#${position}` });
      return { contributionId, position, publishable };
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.suggestions), anyRole, async (req, reply): Promise<Suggestions | FastifyReply> => {
    const input = check(SuggestionRequestSchema, req.body ?? {});
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const answers = await suggestionInput(kysely, req.params.slug, input.value);
    const capped = answers.length > SUGGESTION_CAP;
    const considered = answers.slice(0, SUGGESTION_CAP);
    const byKey = new Map(considered.map((a) => [`${a.contributionId}:${a.position}`, a]));
    // Loaded on first use: the language model behind it is large and most requests never need it.
    const { suggestThemes } = await import('../themes/suggest');
    const groups = suggestThemes(considered.map((a) => ({ key: `${a.contributionId}:${a.position}`, text: a.text })));
    reply.header('cache-control', 'no-store');
    return {
      groups: groups.map((g) => ({ name: g.name, words: g.words, members: g.keys.flatMap((key) => (byKey.has(key) ? [byKey.get(key)!] : [])) })),
      considered: considered.length,
      capped,
    };
  });

  app.post<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.acceptSuggestion), async (req, reply) => {
    const input = check(AcceptSuggestionSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const { slug } = req.params;
    try {
      const theme = await kysely.transaction().execute(async (trx) => {
        const made = await createTheme(trx, slug, { name: input.value.name });
        await addToTheme(trx, slug, made.id, input.value.members);
        return made;
      });
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: 'accept suggested theme', target: `theme ${theme.slug}`, reason: `${input.value.members.length} contributions coded to it` });
      return reply.code(201).send(await findTheme(kysely, slug, theme.id));
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post<{ Params: { slug: string } }>(slugRoute(WORKSPACE_API.crowdsourceSnapshot), async (req, reply) => {
    const input = check(CrowdsourceSnapshotSchema, req.body);
    if (!input.ok) return reply.code(400).send({ error: input.error });
    const { slug } = req.params;
    try {
      const bundle = await snapshotToCrowdsource(kysely, slug, input.value.phase);
      const cards = bundle.phases.find((p) => p.id === input.value.phase)?.prompts.filter((p) => p.kind === 'vote' && p.theme !== undefined).length ?? 0;
      await audit(kysely, { engagement: slug, by: organiserOf(req).email, action: 'send themes to crowdsource', target: `phase ${input.value.phase}`, reason: `${cards} theme cards in the draft` });
      return await readDraft(kysely, slug);
    } catch (error) {
      return refuse(reply, error);
    }
  });
}
