import type { Kysely, Migration } from 'kysely';

/**
 * The first schema. Portable on purpose: text and integer columns only, no dialect-specific
 * defaults, so SQLite and PostgreSQL run the very same steps.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('engagements')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('engagement_keys')
      .addColumn('kid', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().references('engagements.slug'))
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('private_jwk', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .execute();
    await db.schema.createIndex('engagement_keys_slug').on('engagement_keys').column('slug').execute();

    await db.schema
      .createTable('contributions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text', (c) => c.notNull().references('engagements.slug'))
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('version', 'integer')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('easy_read', 'integer', (c) => c.notNull())
      .addColumn('read_aloud', 'integer', (c) => c.notNull())
      .addColumn('assisted', 'integer', (c) => c.notNull())
      .addColumn('audio', 'integer', (c) => c.notNull())
      .addColumn('interpreter', 'integer')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('event', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('receipt', 'text', (c) => c.notNull().unique())
      .addColumn('sealed', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('contributions_engagement_received')
      .on('contributions')
      .columns(['engagement', 'received_at', 'id'])
      .execute();

    await db.schema
      .createTable('answers')
      .addColumn('contribution_id', 'text', (c) => c.notNull().references('contributions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('prompt', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('answers_pk', ['contribution_id', 'position'])
      .execute();

    await db.schema
      .createTable('organisers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('organiser_id', 'text', (c) => c.notNull().references('organisers.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['sessions', 'organisers', 'answers', 'contributions', 'engagement_keys', 'engagements']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
