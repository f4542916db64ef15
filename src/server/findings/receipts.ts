import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FindingsPage } from '../../shared/findings';

/**
 * A receipt code's answer: the ids of the published page's themes that the contribution with
 * that code was coded to, in the page's order. Nothing else about the contribution (no text,
 * no date, no theme the page does not show) leaves the server. `null` means no coded
 * contribution of this engagement has the code.
 */
export async function themesForReceipt(kysely: Kysely<Database>, slug: string, code: string, page: FindingsPage): Promise<string[] | null> {
  const rows = await kysely
    .selectFrom('contribution_themes')
    .innerJoin('contributions', 'contributions.id', 'contribution_themes.contribution_id')
    .select('contribution_themes.theme_id')
    .where('contribution_themes.receipt_code', '=', code)
    .where('contributions.engagement', '=', slug)
    .execute();
  if (rows.length === 0) return null;
  const coded = new Set(rows.map((row) => row.theme_id));
  return page.themes.filter((theme) => coded.has(theme.id)).map((theme) => theme.id);
}
