import type { Flag } from '../../shared/workspace-api';

/**
 * Automatic moderation flags for a free-text answer: likely personal data (e-mail addresses,
 * phone numbers, UK postcodes, a name after "my name is" in any shipped language) and abuse
 * words. Flags only put an answer in front of a person first; they never hide anything.
 * Pure functions: no database, no I/O.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

// A run of at least 10 digits, optionally broken by spaces, dashes, dots or brackets, that
// starts like a phone number: a leading 0, or + and a country code. Years and amounts are shorter.
const PHONE = /(?<![\p{N}])(?:\+\s?\d|0)(?:[\s.()-]*\d){9,13}(?![\p{N}])/u;

// UK postcodes (outward and inward code, space optional), e.g. "SW1A 1AA", "m1 1ae", "B33 8TH".
const POSTCODE = /(?<![\p{L}\p{N}])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/iu;

/**
 * "My name is …" in each shipped language. A flag needs a letter after the phrase, so the
 * phrase on its own ("what is my name is not the point") is less likely to trip it.
 */
export const NAME_PHRASES: Readonly<Record<string, readonly string[]>> = {
  en: ["my name is", "my name's", 'i am called', "i'm called"],
  cy: ['fy enw i yw', 'fy enw yw', 'fy enw i ydy', 'enw fi yw'],
  pl: ['nazywam się', 'nazywam sie', 'mam na imię', 'mam na imie', 'moje imię to', 'moje imie to'],
  ro: ['numele meu este', 'numele meu e', 'mă numesc', 'ma numesc', 'mă cheamă', 'ma cheama'],
  pa: ['ਮੇਰਾ ਨਾਮ', 'ਮੇਰਾ ਨਾਂ'],
  ur: ['میرا نام'],
  ar: ['اسمي', 'إسمي'],
  bn: ['আমার নাম'],
  so: ['magacaygu waa', 'magaceygu waa', 'magacayga waa', 'magacaygu', 'waxaa la i yiraahdaa'],
  zh: ['我叫', '我的名字是', '我的名字叫', '我名叫'],
};

/**
 * A short list of unmistakable abuse words per language: whole words, except that a word
 * ending in `*` is a stem and matches any ending (Polish and Romanian inflect heavily).
 * Kept small on purpose: it points a moderator at an answer, it does not judge it.
 */
export const ABUSE_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['fuck*', 'shit', 'shite', 'shitty', 'bullshit', 'cunt*', 'bastard', 'bitch', 'wanker', 'twat', 'dickhead', 'retard', 'kill yourself'],
  cy: ['cachu', 'ffwc*', 'bastad', 'coc oen'],
  pl: ['kurw*', 'chuj*', '*pierdal*', '*pierdol*', 'jeba*', 'skurwysyn*'],
  ro: ['pizd*', 'muie', 'futu-*', 'căcat', 'cacat'],
  pa: ['ਕੁੱਤੀ', 'ਹਰਾਮੀ'],
  ur: ['حرامی', 'کمینہ', 'کتی'],
  ar: ['شرموط', 'منيوك', 'كس امك', 'ابن الكلب'],
  bn: ['চোদ*', 'খানকি', 'মাগি', 'শুয়োরের বাচ্চা'],
  so: ['dhilo', 'nacas', 'wasmo'],
  zh: ['他妈的', '操你', '傻逼', '妈的', '贱人'],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Scripts written without spaces between words match anywhere; others need a word start.
const unspaced = (s: string) => /[\p{Script=Han}]/u.test(s);

const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{M}])';

function namePattern(phrases: readonly string[]): RegExp {
  const parts = phrases.map((p) => `${unspaced(p) ? '' : START}${escape(p)}`);
  return new RegExp(`(?:${parts.join('|')})[\\s:,-]*\\p{L}`, 'iu');
}

function wordPattern(words: readonly string[]): RegExp {
  const parts = words.map((w) => {
    if (unspaced(w)) return escape(w);
    const core = escape(w.replace(/^\*|\*$/g, ''));
    return `${w.startsWith('*') ? '' : START}${core}${w.endsWith('*') ? '' : END}`;
  });
  return new RegExp(parts.join('|'), 'iu');
}

const NAME = namePattern(Object.values(NAME_PHRASES).flat());
const ABUSE = wordPattern(Object.values(ABUSE_WORDS).flat());

/** The flags a free-text answer earns, in a fixed order, each at most once. */
export function flagsFor(text: string): Flag[] {
  const t = text.normalize('NFKC');
  const flags: Flag[] = [];
  if (EMAIL.test(t)) flags.push('email');
  if (PHONE.test(t)) flags.push('phone');
  if (POSTCODE.test(t)) flags.push('postcode');
  if (NAME.test(t)) flags.push('name');
  if (ABUSE.test(t)) flags.push('abuse');
  return flags;
}
