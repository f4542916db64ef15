// The rules every English easy-read text is held to, shared by the content and UI checks.
import readability from 'text-readability';

/** Longest easy-read sentence, in words. */
export const MAX_SENTENCE_WORDS = 15;

/** Lowest Flesch reading ease (text-readability) for the whole of a body of easy-read text. */
export const MIN_READING_EASE = 80;

/**
 * Capitalised abbreviations easy read may use, each with the explanation a reader needs; a
 * text using one must carry its explanation too (or it is a name a reader meets as a word).
 */
export const EXPLAINED_ACRONYMS: Record<string, RegExp> = {
  PIN: /secret number/i,
  CC: /Creative Commons/,
  BY: /Creative Commons/,
  SA: /Creative Commons/,
};

/** Placeholders read as the short words a reader will see in their place. */
export function fillPlaceholders(text: string): string {
  return text.replace(/\{\{\s*(count|current|total|max|minutes)[^}]*\}\}/g, '2').replace(/\{\{[^}]*\}\}/g, 'it');
}

/** Sentences as a reader meets them: ends at . ! ? : or the end of the text. */
export function sentences(text: string): string[] {
  return fillPlaceholders(text)
    .split(/(?<=[.!?:])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Words in a sentence: runs with a letter or digit in them. */
export function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Flesch reading ease of many short texts read as one, each ending a sentence. */
export function readingEase(texts: string[]): number {
  const joined = texts
    .map((text) => fillPlaceholders(text).trim())
    .filter(Boolean)
    .map((text) => (/[.!?]$/.test(text) ? text : `${text}.`))
    .join(' ');
  return readability.fleschReadingEase(joined);
}

// Event codes on posters (LIB-4821) are read as codes, not as words to explain.
const EVENT_CODE = /\b[A-Z]{2,}-\d+\b/g;

/** Acronyms in `text` that are neither explained in it nor in the allowed list. */
export function unexplainedAcronyms(text: string): string[] {
  const found = fillPlaceholders(text).replace(EVENT_CODE, '').match(/\b[A-Z]{2,}\b/g) ?? [];
  return [...new Set(found)].filter((acronym) => {
    const explanation = EXPLAINED_ACRONYMS[acronym];
    return !explanation || !explanation.test(text);
  });
}

/** Every problem with one text under the easy-read rules, as readable lines. */
export function sentenceProblems(where: string, text: string): string[] {
  const problems = sentences(text)
    .filter((sentence) => wordCount(sentence) > MAX_SENTENCE_WORDS)
    .map((sentence) => `${where}: ${wordCount(sentence)} words in "${sentence}"`);
  for (const acronym of unexplainedAcronyms(text)) problems.push(`${where}: unexplained acronym ${acronym}`);
  return problems;
}
