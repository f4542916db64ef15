/**
 * CSV writing per RFC 4180: fields holding a comma, a double quote, CR or LF are quoted, a
 * quote inside is doubled, and lines end with CRLF. The file starts with a UTF-8 byte order
 * mark so spreadsheet programs read accents and non-Latin scripts correctly.
 */

/** The UTF-8 byte order mark, written once at the start of the file. */
export const BOM = '\uFEFF';

/** Line end required by RFC 4180. */
export const CRLF = '\r\n';

// Formula injection guard: a spreadsheet treats a cell starting with = + - @ (or a tab or CR
// before one) as a formula, so a participant could type `=HYPERLINK(...)` and have it run on
// an organiser's computer. Such cells get a leading apostrophe, which spreadsheets show as
// text. This changes what the cell reads as, and is the OWASP-recommended trade-off.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, guarded against formulas and quoted when needed. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return values.map(csvCell).join(',') + CRLF;
}
