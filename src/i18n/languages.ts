/**
 * The languages Heard ships, each named in its own language and script (its endonym), in
 * the order the language screen lists them. English comes first as the source language.
 */

/** One shipped language: its code and its own name for itself. */
export interface ShippedLanguage {
  code: string;
  endonym: string;
}

/** Every language the participant app offers. */
export const LANGUAGES: readonly ShippedLanguage[] = [
  { code: 'en', endonym: 'English' },
  { code: 'cy', endonym: 'Cymraeg' },
  { code: 'pl', endonym: 'Polski' },
  { code: 'ro', endonym: 'Română' },
  { code: 'pa', endonym: 'ਪੰਜਾਬੀ' },
  { code: 'ur', endonym: 'اردو' },
  { code: 'ar', endonym: 'العربية' },
  { code: 'bn', endonym: 'বাংলা' },
  { code: 'so', endonym: 'Soomaali' },
  { code: 'zh', endonym: '中文（简体）' },
];
