import type { Kysely, Migration } from 'kysely';

/**
 * Recorded answers. The bytes are kept as base64 in a text column: text is the one type that
 * SQLite and PostgreSQL store the same way through the same Kysely steps, and a recording is
 * at most a few MiB, so the third more space costs little. `sha256` is over the media type
 * and the bytes, which is what makes a repeated upload of the same id recognisable.
 */
export const audio: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('audio')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audio').execute();
  },
};
