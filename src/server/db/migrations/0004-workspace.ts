import type { Kysely, Migration } from 'kysely';

/**
 * The organisers' workspace: roles and invitations, drafts and immutable published versions,
 * moderation with its audit log, "about you" answers kept apart from contributions, and the
 * reference shares they are compared with. Text and integer columns only, the same steps on
 * SQLite and PostgreSQL.
 */
export const workspace: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Whoever could sign in before roles existed ran the engagement, so they become owners.
    await db.schema.alterTable('organisers').addColumn('role', 'text', (c) => c.notNull().defaultTo('owner')).execute();

    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();

    await db.schema
      .createTable('engagement_versions')
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text')
      .addPrimaryKeyConstraint('engagement_versions_pk', ['slug', 'version'])
      .execute();

    await db.schema
      .createTable('engagement_drafts')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('answer_moderation')
      .addColumn('contribution_id', 'text', (c) => c.notNull().references('contributions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('answer_moderation_pk', ['contribution_id', 'position'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('organiser_email', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('audit_log_engagement_at').on('audit_log').columns(['engagement', 'at']).execute();

    await db.schema
      .createTable('about_you')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('age_band', 'text')
      .addColumn('ethnicity', 'text')
      .addColumn('disability', 'text')
      .addColumn('gender', 'text')
      .addColumn('first_language', 'text')
      .execute();
    await db.schema.createIndex('about_you_engagement').on('about_you').column('engagement').execute();

    await db.schema
      .createTable('reference_shares')
      .addColumn('engagement', 'text', (c) => c.primaryKey())
      .addColumn('shares', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // What was live before versions existed becomes each engagement's first published version.
    const kysely = db as Kysely<{ engagements: { slug: string; version: number; bundle: string; updated_at: string }; engagement_versions: { slug: string; version: number; bundle: string; published_at: string; published_by: string | null } }>;
    const rows = await kysely.selectFrom('engagements').select(['slug', 'version', 'bundle', 'updated_at']).execute();
    for (const row of rows) {
      await kysely
        .insertInto('engagement_versions')
        .values({ slug: row.slug, version: row.version, bundle: row.bundle, published_at: row.updated_at, published_by: null })
        .execute();
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['reference_shares', 'about_you', 'audit_log', 'answer_moderation', 'engagement_drafts', 'engagement_versions', 'invitations']) {
      await db.schema.dropTable(table).execute();
    }
    await db.schema.alterTable('organisers').dropColumn('role').execute();
  },
};
