import type { Kysely, Migration } from 'kysely';

/**
 * "You said, we heard": each engagement's draft page (one row, JSON) and its published
 * versions (immutable JSON snapshots, numbered from 1). Publishing again adds a version; a
 * published row is never changed, so what a device cached can always be told apart by version.
 * Text and integer columns only, the same steps on SQLite and PostgreSQL.
 */
export const findings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('findings_drafts')
      .addColumn('engagement', 'text', (c) => c.primaryKey())
      .addColumn('draft', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('findings_versions')
      .addColumn('engagement', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('page', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('findings_versions_pk', ['engagement', 'version'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('findings_versions').execute();
    await db.schema.dropTable('findings_drafts').execute();
  },
};
