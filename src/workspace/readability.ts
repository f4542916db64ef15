import readability from 'text-readability';

/**
 * The English easy-read checks the demo content is held to, run as the organiser types:
 * Flesch reading ease (80 or more reads easily) and sentences of at most 15 words.
 */

/** Longest sentence easy read allows, in words. */
export const MAX_SENTENCE_WORDS = 15;
/** Lowest Flesch reading ease easy read aims for. */
export const MIN_READING_EASE = 80;

/** The score of some text and the sentences in it that are too long. */
export interface ReadabilityReport {
  /** Flesch reading ease, rounded; undefined for no text. */
  score: number | undefined;
  longSentences: string[];
}

/** Splits text into sentences at full stops, question and exclamation marks, and line ends. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Words in a sentence, counted as the demo-content check counts them. */
export function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Scores texts together and lists each sentence over the limit. */
export function readabilityOf(texts: string[]): ReadabilityReport {
  const all = texts.map((t) => t.trim()).filter(Boolean);
  if (all.length === 0) return { score: undefined, longSentences: [] };
  // One sentence per text at least, so a title without a full stop is not run into the next.
  const joined = all.map((t) => (/[.!?]$/.test(t) ? t : `${t}.`)).join(' ');
  const longSentences = all.flatMap(sentences).filter((s) => wordCount(s) > MAX_SENTENCE_WORDS);
  return { score: Math.round(readability.fleschReadingEase(joined)), longSentences };
}
