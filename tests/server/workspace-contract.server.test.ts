import * as v from 'valibot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  AboutYouCountsSchema, AuditEntrySchema, DashboardSchema, DraftResponseSchema, InvitationCreatedSchema, InvitationSummarySchema,
  ModerationItemSchema, ModerationPageSchema, OrganiserSummarySchema, PublishedSchema, ReferenceSharesSchema, SessionInfoSchema,
  VersionSummarySchema, WORKSPACE_API, WorkspaceEngagementSchema, ThemeSchema, CodingPageSchema,
} from '../../src/shared/workspace-api';
import { FIXTURE_SLUG, contribution, startServer, sync, type TestServer } from './helpers';
import { describeOnBothDatabases } from './backends';
import { signInOrganiser, type Organiser } from './workspace-client';

// The workspace checks every answer against these schemas, so the server must keep to them exactly.
describeOnBothDatabases('workspace answers keep to the shared contract', (backend) => {
  let server: TestServer;
  let owner: Organiser;
  beforeAll(async () => {
    server = await startServer({}, backend);
    owner = await signInOrganiser(server.url);
    await sync(server.url, [contribution(), contribution({ answers: [{ prompt: 'ideas', text: 'call 07700 900123' }] })]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every workspace request in the shape the shared schemas describe', async () => {
    const s = FIXTURE_SLUG;
    const reads: Array<[string, v.GenericSchema]> = [
      [WORKSPACE_API.session, SessionInfoSchema],
      [WORKSPACE_API.organisers, v.array(OrganiserSummarySchema)],
      [WORKSPACE_API.invitations, v.array(InvitationSummarySchema)],
      [WORKSPACE_API.engagements, v.array(WorkspaceEngagementSchema)],
      [WORKSPACE_API.engagement(s), WorkspaceEngagementSchema],
      [WORKSPACE_API.draft(s), DraftResponseSchema],
      [WORKSPACE_API.versions(s), v.array(VersionSummarySchema)],
      [WORKSPACE_API.moderation(s), ModerationPageSchema],
      [WORKSPACE_API.dashboard(s), DashboardSchema],
      [WORKSPACE_API.reference(s), ReferenceSharesSchema],
      [WORKSPACE_API.aboutYouCounts(s), AboutYouCountsSchema],
      [WORKSPACE_API.themes(s), v.array(ThemeSchema)],
      [WORKSPACE_API.coding(s), CodingPageSchema],
    ];
    for (const [path, schema] of reads) {
      const body = await owner.json<unknown>('GET', path);
      const parsed = v.safeParse(schema, body);
      expect(parsed.success, `${path}: ${JSON.stringify(parsed.issues?.[0]?.path?.map((p) => p.key))}`).toBe(true);
    }
    const invited = await owner.json<unknown>('POST', WORKSPACE_API.invitations, { email: 'new@example.org', role: 'owner' }, 201);
    expect(v.safeParse(InvitationCreatedSchema, invited).success).toBe(true);
    const page = v.parse(ModerationPageSchema, await owner.json<unknown>('GET', WORKSPACE_API.moderation(s)));
    expect(page.items.some((i) => i.flags.includes('phone'))).toBe(true);
    const item = page.items[0];
    const hidden = await owner.json<unknown>('PUT', WORKSPACE_API.answerModeration(s, item.contributionId, item.position), { action: 'hide', reason: 'test' });
    expect(v.safeParse(ModerationItemSchema, hidden).success).toBe(true);
    expect(v.safeParse(v.array(AuditEntrySchema), await owner.json<unknown>('GET', WORKSPACE_API.audit(s))).success).toBe(true);
    expect(v.safeParse(PublishedSchema, await owner.json<unknown>('POST', WORKSPACE_API.publish(s), {})).success).toBe(true);
  });
});
