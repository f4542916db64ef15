// The completeness gate for translations: every shipped language has every English key
// (with its own plural forms), the same {{placeholders}}, and every text of the demo
// engagement; English keeps no key that no source file uses. While translators are still
// working this fails, listing exactly what each file lacks or has too much of.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages';

const ROOT = join(import.meta.dirname, '../..');
const SOURCE_BUNDLE = 'src/server/seed/ahp-strategy.json';
const codes = LANGUAGES.map((language) => language.code);
const others = codes.filter((code) => code !== 'en');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const read = (file: string): Json => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Json;

/** Every string leaf of a JSON tree as dotted path → value. */
function leaves(tree: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) leaves(value, prefix ? `${prefix}.${key}` : key).forEach((v, k) => out.set(k, v));
  } else out.set(prefix, `<not a string: ${JSON.stringify(tree)}>`);
  return out;
}

/** The names inside {{…}}, without a format (`{{count, number}}` → `count`), sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const english = leaves(read('locales/en/translation.json'));
// English plural keys grouped by base key ("status.waiting" → its _one/_other forms).
const pluralBases = new Map<string, string>();
for (const [key, text] of english) if (PLURAL_SUFFIX.test(key)) pluralBases.set(key.replace(PLURAL_SUFFIX, ''), text);

/** The keys a language must have: English's, with each plural in the language's own categories. */
function expectedKeys(lng: string): Map<string, string> {
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const expected = new Map<string, string>();
  for (const [key, text] of english) if (!PLURAL_SUFFIX.test(key)) expected.set(key, text);
  for (const [base] of pluralBases) for (const category of categories) expected.set(`${base}_${category}`, english.get(`${base}_other`) ?? '');
  return expected;
}

/** What is wrong with one UI strings file, one line per problem. */
function uiProblems(file: string, lng: string): string[] {
  return existsSync(join(ROOT, file)) ? stringProblems(read(file), lng) : [`${file} does not exist`];
}

function stringProblems(strings: Json, lng: string): string[] {
  const have = leaves(strings);
  const want = expectedKeys(lng);
  const problems: string[] = [];
  for (const key of want.keys()) if (!have.has(key)) problems.push(`missing key ${key}`);
  for (const key of have.keys()) if (!want.has(key)) problems.push(`key English does not have: ${key}`);
  for (const [key, text] of have) {
    const source = want.get(key);
    if (source === undefined) continue;
    if (text.trim() === '') problems.push(`empty text: ${key}`);
    const mine = placeholders(text);
    const theirs = placeholders(source);
    // A plural form may say its number in words ("two questions"), so {{count}} may be left out.
    const plural = PLURAL_SUFFIX.test(key);
    const same = plural ? sameIgnoring(mine, theirs, 'count') : mine.join() === theirs.join();
    if (!same) problems.push(`placeholders of ${key}: {{${mine.join('}}, {{')}}} but English has {{${theirs.join('}}, {{')}}}`);
  }
  return problems;
}

function sameIgnoring(a: string[], b: string[], name: string): boolean {
  const strip = (list: string[]) => list.filter((item) => item !== name).join();
  return strip(a) === strip(b) && a.filter((item) => item === name).length <= 1;
}

/** Every text of the source bundle, as the path an overlay gives it (`phases.<id>.prompts.<id>.hint`…). */
function sourceTexts(): Set<string> {
  const bundle = read(SOURCE_BUNDLE) as {
    phases: Array<{ id: string; prompts: Array<{ id: string; hint?: string; choices?: Array<{ id: string }> }> }>;
  };
  const paths = new Set(['title', 'intro']);
  for (const phase of bundle.phases) {
    paths.add(`phases.${phase.id}.title`).add(`phases.${phase.id}.intro`);
    for (const prompt of phase.prompts) {
      const at = `phases.${phase.id}.prompts.${prompt.id}`;
      paths.add(`${at}.text`);
      if (prompt.hint !== undefined) paths.add(`${at}.hint`);
      for (const choice of prompt.choices ?? []) paths.add(`${at}.choices.${choice.id}`);
    }
  }
  return paths;
}

/** The text paths of an overlay; an easy-read list of ideas counts as one text. */
function overlayTexts(tree: Json, prefix = ''): Map<string, Json> {
  const out = new Map<string, Json>();
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) overlayTexts(value, prefix ? `${prefix}.${key}` : key).forEach((v, k) => out.set(k, v));
  } else out.set(prefix, tree);
  return out;
}

/** What is wrong with one content overlay, one line per problem. */
function contentProblems(file: string, easyRead: boolean): string[] {
  return existsSync(join(ROOT, file)) ? overlayProblems(read(file), easyRead) : [`${file} does not exist`];
}

function overlayProblems(overlay: Json, easyRead: boolean): string[] {
  const have = overlayTexts(overlay);
  const want = sourceTexts();
  const problems: string[] = [];
  for (const path of want) if (!have.has(path)) problems.push(`missing text ${path}`);
  for (const [path, value] of have) {
    if (!want.has(path)) problems.push(`text the source does not have: ${path}`);
    else if (Array.isArray(value) ? !easyRead || value.length === 0 : typeof value !== 'string' || value.trim() === '') {
      problems.push(`not a text${easyRead ? ' or list of ideas' : ''}: ${path}`);
    }
  }
  return problems;
}

/** Easy read in another language keeps English easy read's pictures, in the same order. */
function pictureProblems(file: string): string[] {
  const source = 'easy-read/en/ahp-strategy.json';
  if (!existsSync(join(ROOT, file)) || !existsSync(join(ROOT, source))) return [];
  const pictures = (tree: Json) =>
    [...overlayTexts(tree)].filter(([, v]) => Array.isArray(v)).map(([path, v]) => `${path}: ${(v as Array<{ picture?: string }>).map((idea) => idea.picture).join(' ')}`);
  const mine = new Set(pictures(read(file)));
  return pictures(read(source))
    .filter((line) => !mine.has(line))
    .map((line) => `pictures differ from English easy read at ${line.split(':')[0]} (English: ${line.split(': ')[1]})`);
}

/** Every .ts/.tsx file under src/, as one text to search for keys. */
function sourceText(dir = join(ROOT, 'src')): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : /\.tsx?$/.test(path) ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

describe('UI strings are complete in every shipped language', () => {
  const files = [
    ...others.map((lng) => [`locales/${lng}/translation.json`, lng] as const),
    ...codes.map((lng) => [`easy-read/${lng}/translation.json`, lng] as const),
  ];
  it.each(files)('%s has every English key, its own plural forms and the same placeholders', (file, lng) => {
    expect(uiProblems(file, lng)).toEqual([]);
  });
});

describe('the demo engagement is complete in every shipped language', () => {
  it.each(others.map((lng) => `src/server/seed/translations/${lng}/ahp-strategy.json`))('%s has every text of the source bundle, nothing more', (file) => {
    expect(contentProblems(file, false)).toEqual([]);
  });
  it.each(codes.map((lng) => `easy-read/${lng}/ahp-strategy.json`))('%s has every text of the source bundle, nothing more', (file) => {
    expect([...contentProblems(file, true), ...(file.includes('/en/') ? [] : pictureProblems(file))]).toEqual([]);
  });
});

describe('English is the source of keys', () => {
  it('uses every English key somewhere in src/', () => {
    const text = sourceText();
    // Keys picked at run time (`t(\`scale.${value}\`)`) count as used for every key below that prefix.
    const prefixes = [...text.matchAll(/[`'"]([A-Za-z0-9_.]+)\.\$\{/g)].map((m) => `${m[1] ?? ''}.`);
    const used = (key: string) => {
      const base = key.replace(PLURAL_SUFFIX, '');
      return new RegExp(`[\`'"]${base.replace(/\./g, '\\.')}[\`'"]`).test(text) || prefixes.some((prefix) => base.startsWith(prefix));
    };
    const unused = [...new Set([...english.keys()].filter((key) => !used(key)).map((key) => key.replace(PLURAL_SUFFIX, '')))];
    expect(unused, `English keys no file in ${relative(ROOT, join(ROOT, 'src'))}/ uses`).toEqual([]);
  });

  it('finds a missing key, a key too many, a wrong placeholder and plural forms by language', () => {
    // The checks themselves, on strings made for the purpose, so the gate cannot pass by checking nothing.
    const complete = JSON.parse(readFileSync(join(ROOT, 'locales/en/translation.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(stringProblems(complete, 'en')).toEqual([]);
    const broken = structuredClone(complete);
    delete broken.app?.name;
    if (broken.app) broken.app.extra = 'x';
    if (broken.errors) broken.errors.textTooLong = 'Too long: {{maximum}}';
    expect(stringProblems(broken, 'en')).toEqual([
      'missing key app.name',
      'key English does not have: app.extra',
      'placeholders of errors.textTooLong: {{maximum}} but English has {{max}}',
    ]);
    // Welsh needs six plural forms, Chinese one.
    expect(stringProblems(complete, 'cy')).toContain('missing key status.waiting_two');
    expect(stringProblems(complete, 'zh')).toContain('key English does not have: status.waiting_one');
    expect(overlayProblems({ title: 'T', extra: 'x' }, false)).toEqual(expect.arrayContaining(['missing text intro', 'text the source does not have: extra']));
  });
});
