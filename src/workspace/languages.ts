/** The languages Heard ships, in the order the workspace offers them. */
export const SHIPPED_LANGUAGES = ['en', 'cy', 'pl', 'ro', 'pa', 'ur', 'ar', 'bn', 'so', 'zh'] as const;

/** A shipped language code. */
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

const RTL = new Set(['ar', 'ur']);

/** Text direction of a language, for fields where organisers type it. */
export function directionOf(lng: string): 'ltr' | 'rtl' {
  return RTL.has(lng) ? 'rtl' : 'ltr';
}

/** True for a code the workspace has a name for. */
export function isShipped(lng: string): lng is ShippedLanguage {
  return (SHIPPED_LANGUAGES as readonly string[]).includes(lng);
}
