import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_READING_EASE, readingEase, sentenceProblems, sentences, unexplainedAcronyms, wordCount } from './easy-read-rules';

type Strings = { [key: string]: string | Strings };

const read = (path: string): Strings => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Strings;
const standard = read('../../locales/en/translation.json');
const easy = read('../../easy-read/en/translation.json');

function leaves(strings: Strings, prefix = ''): Array<[string, string]> {
  return Object.entries(strings).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('the easy-read rules themselves', () => {
  it('split sentences and count words the way a reader would', () => {
    expect(sentences('Pick a face. A sad face means it is very hard!  Why? Because: yes')).toEqual([
      'Pick a face.',
      'A sad face means it is very hard!',
      'Why?',
      'Because:',
      'yes',
    ]);
    expect(wordCount('It takes about 10 minutes, no more.')).toBe(7);
    expect(sentences('{{count, number}} answers are waiting')).toEqual(['2 answers are waiting']);
  });

  it('catch a long sentence, an unexplained acronym, and hard words', () => {
    expect(sentenceProblems('x', 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.')).toHaveLength(1);
    expect(unexplainedAcronyms('Ask your GP. Your PIN is here.')).toEqual(['GP', 'PIN']);
    expect(unexplainedAcronyms('Your PIN (a secret number) is here. Code LIB-4821.')).toEqual([]);
    expect(readingEase(['Pick a face.', 'We will read all the answers.'])).toBeGreaterThanOrEqual(MIN_READING_EASE);
    expect(readingEase(['Multidisciplinary interprofessional collaboration necessitates organisational commitment.'])).toBeLessThan(MIN_READING_EASE);
  });
});

describe('easy-read English UI strings (easy-read/en/translation.json)', () => {
  it('has exactly the keys of locales/en/translation.json', () => {
    expect(leaves(easy).map(([key]) => key).sort()).toEqual(leaves(standard).map(([key]) => key).sort());
  });

  it('keeps the same {{placeholders}} as the standard strings', () => {
    const standardByKey = new Map(leaves(standard));
    for (const [key, text] of leaves(easy)) {
      const names = (s: string) => [...s.matchAll(/\{\{\s*([\w]+)/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names(standardByKey.get(key) ?? ''));
    }
  });

  it('keeps every sentence to 15 words or fewer, explains every acronym, and reads easily as a whole', () => {
    const texts = leaves(easy);
    expect(texts.flatMap(([key, text]) => sentenceProblems(key, text))).toEqual([]);
    expect(readingEase(texts.map(([, text]) => text))).toBeGreaterThanOrEqual(MIN_READING_EASE);
  });
});
