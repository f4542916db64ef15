/**
 * Names for the suggest-themes aid's groups (suggest.ts): the words far more common in a
 * group than in all answers, and a short name from the best two ("Waiting times, appointments").
 * Words are shown as people most often wrote them, not as lemmas ("appointments", not
 * "appointment"; "centre", not the model's American "center").
 */

/** One answer's content words, as suggest.ts analysed them. */
export interface AnalysedText {
  key: string;
  /** Lemmas, lower case: what answers are matched on. */
  lemmas: string[];
  /** The same words as written, lower case: what names are made of. */
  forms: string[];
  /** Each word's position among all the answer's tokens, so neighbours can form a phrase. */
  positions: number[];
}

const MAX_WORDS = 6;
const MIN_WORDS = 3;
/** Top words considered for a two-word phrase in the name. */
const PHRASE_WORDS = 4;

/** Most frequent value, ties to the alphabetically first. */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

/** Each lemma as the group's answers most often wrote it. */
function writtenForms(lemmas: readonly string[], members: readonly AnalysedText[]): Map<string, string> {
  return new Map(lemmas.map((lemma) => [lemma, mostCommon(members.flatMap((m) => m.forms.filter((_, k) => m.lemmas[k] === lemma)))]));
}

/**
 * A group's words and name. Lemmas are scored by share in the group × log(share in group ÷
 * share in all `total` answers; `documentFrequency` counts the answers using each): frequent
 * in the group and rare elsewhere. Lemmas two or more members share come first: at least
 * MIN_WORDS of them when the group has them, then those scoring at least a quarter of the
 * best, at most MAX_WORDS; the name is made from these. A small group with fewer shared
 * lemmas is made up to MIN_WORDS with its best single-answer ones. Two lemmas written alike
 * ("waiting" the noun, "waiting" of "wait") count once.
 */
export function describeGroup(members: readonly AnalysedText[], documentFrequency: ReadonlyMap<string, number>, total: number): { name: string; words: string[] } {
  const inGroup = new Map<string, number>();
  for (const m of members) for (const lemma of new Set(m.lemmas)) inGroup.set(lemma, (inGroup.get(lemma) ?? 0) + 1);
  const scored: { lemma: string; score: number; count: number }[] = [];
  for (const [lemma, count] of inGroup) {
    const share = count / members.length;
    const overall = (documentFrequency.get(lemma) ?? count) / total;
    // Not rarer in the group than overall; a group that is all the answers still gets words.
    if (share >= overall) scored.push({ lemma, score: share * Math.log(share / overall), count });
  }
  scored.sort((a, b) => b.score - a.score || b.count - a.count || (a.lemma < b.lemma ? -1 : 1));
  const forms = writtenForms(scored.map((s) => s.lemma), members);
  const seen = new Set<string>();
  const distinct = scored.filter((s) => {
    const form = forms.get(s.lemma) as string;
    if (seen.has(form)) return false;
    seen.add(form);
    return true;
  });
  const common = distinct.filter((s) => s.count >= 2);
  const best = common.length > 0 ? common[0].score : 0;
  const shared = common.filter((s, i) => i < MIN_WORDS || s.score >= best / 4).slice(0, MAX_WORDS).map((s) => s.lemma);
  const lemmas = [...shared];
  for (const s of distinct) if (lemmas.length < MIN_WORDS && s.count < 2) lemmas.push(s.lemma);
  return { name: groupName(shared.length > 0 ? shared : lemmas, forms, members), words: lemmas.map((l) => forms.get(l) as string) };
}

/**
 * A name of two parts from the best words, in order; when two of the top words stand side by
 * side in at least a fifth of the answers ("mental health", "waiting times"), that phrase is one part.
 */
function groupName(lemmas: readonly string[], forms: ReadonlyMap<string, string>, members: readonly AnalysedText[]): string {
  const top = new Set(lemmas.slice(0, PHRASE_WORDS));
  const pairs = new Map<string, { lemmas: [string, string]; written: string[] }>();
  for (const m of members) {
    for (let i = 1; i < m.lemmas.length; i++) {
      const [a, b] = [m.lemmas[i - 1], m.lemmas[i]];
      if (m.positions[i] !== m.positions[i - 1] + 1 || a === b || !top.has(a) || !top.has(b)) continue;
      const pair = pairs.get(`${a} ${b}`) ?? { lemmas: [a, b], written: [] };
      pair.written.push(`${m.forms[i - 1]} ${m.forms[i]}`);
      pairs.set(`${a} ${b}`, pair);
    }
  }
  const phraseAt = Math.max(2, members.length / 5);
  const phrases = [...pairs.values()]
    .filter((p) => p.written.length >= phraseAt)
    .sort((x, y) => y.written.length - x.written.length || (x.written[0] < y.written[0] ? -1 : 1));

  const parts: string[] = [];
  const used = new Set<string>();
  for (const lemma of lemmas) {
    if (parts.length === 2) break;
    if (used.has(lemma)) continue;
    const phrase = phrases.find((p) => p.lemmas.includes(lemma) && p.lemmas.every((l) => !used.has(l)));
    if (phrase) {
      parts.push(mostCommon(phrase.written));
      for (const l of phrase.lemmas) used.add(l);
    } else {
      parts.push(forms.get(lemma) ?? lemma);
      used.add(lemma);
    }
  }
  const name = parts.join(', ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
