import type { Kysely, Migration } from 'kysely';

/**
 * Events (a stall, a drop-in, a meeting) an organiser runs for an engagement. The code is
 * what the poster prints and what contributions carry in their `event` field.
 */
export const events: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('events')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text', (c) => c.notNull().references('engagements.slug'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_engagement_date').on('events').columns(['engagement', 'date', 'code']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('events').execute();
  },
};
