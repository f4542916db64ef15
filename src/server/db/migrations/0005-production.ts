import type { Kysely, Migration } from 'kysely';

/**
 * Retention: the date after which an engagement's contributions are erased, and a ledger of
 * erased ids (no content) so a device replaying one is answered, not stored again.
 * Text and integer columns only, the same steps on SQLite and PostgreSQL.
 */
export const production: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('engagement_retention')
      .addColumn('slug', 'text', (c) => c.primaryKey().references('engagements.slug'))
      .addColumn('delete_after', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('erased_contributions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('erased_contributions').execute();
    await db.schema.dropTable('engagement_retention').execute();
  },
};
