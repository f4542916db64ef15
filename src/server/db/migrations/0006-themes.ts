import type { Kysely, Migration } from 'kysely';

/**
 * Theme coding: the themes an engagement's organisers define, which contributions are coded to
 * which theme (with the contribution's receipt code beside it, so the public page can answer a
 * code without touching the sync path), and which answers are publishable quotes.
 * Text and integer columns only, the same steps on SQLite and PostgreSQL.
 */
export const themes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('themes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('engagement', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('picture', 'text')
      .addColumn('names', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('easy_read', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('themes_engagement_slug', ['engagement', 'slug'])
      .execute();

    await db.schema
      .createTable('contribution_themes')
      .addColumn('contribution_id', 'text', (c) => c.notNull().references('contributions.id').onDelete('cascade'))
      .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
      .addColumn('receipt_code', 'text', (c) => c.notNull())
      .addColumn('coded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('contribution_themes_pk', ['contribution_id', 'theme_id'])
      .execute();
    await db.schema.createIndex('contribution_themes_receipt_code').on('contribution_themes').column('receipt_code').execute();
    await db.schema.createIndex('contribution_themes_theme').on('contribution_themes').column('theme_id').execute();

    await db.schema
      .createTable('quotes')
      .addColumn('contribution_id', 'text', (c) => c.notNull().references('contributions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('publishable', 'integer', (c) => c.notNull())
      .addColumn('marked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('quotes_pk', ['contribution_id', 'position'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('quotes').execute();
    await db.schema.dropTable('contribution_themes').execute();
    await db.schema.dropTable('themes').execute();
  },
};
