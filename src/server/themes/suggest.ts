/**
 * The "suggest themes" aid: groups untagged free-text answers by what they talk about and
 * proposes a name for each group from the words that set it apart, for an organiser to
 * accept, rename or reject. It only suggests; nothing is stored here.
 *
 * How, in five steps, all local (no text leaves the server) and all deterministic:
 * 1. wink-nlp with its English lite model splits each answer into words and lemmas, dropping
 *    stop words, punctuation, numbers and words used by only one answer;
 * 2. wink-nlp's BM25 vectoriser weighs each lemma by how rare it is across all answers (a
 *    TF-IDF variant made for short texts);
 * 3. short answers share few words ("bus" and "journey" never meet in one answer), so every
 *    answer is projected onto the strongest directions of word co-occurrence (latent.ts,
 *    latent semantic analysis); answers those directions barely explain are left out. Below
 *    about 50 answers there is too little to learn from, and words are compared directly;
 * 4. average-link clustering on cosine similarity (average-link.ts) finds seed groups; the
 *    largest `maxGroups` of at least `minGroupSize` answers are refined by spherical
 *    k-means: every answer moves to the group whose centre it is closest to, or out when it
 *    is close to none;
 * 5. each group is named from its words far more common in it than in all answers
 *    (suggest-names.ts).
 * The same input gives the same output, in whatever order the answers come.
 *
 * The model is large (about 4 MB of JavaScript), so it loads on the first call, not when the
 * server starts. Text in other languages never throws; it just groups less well.
 * Precision and recall on tests/server/fixtures/suggest-topics.json are printed by
 * tests/server/suggest.server.test.ts.
 */
import { createRequire } from 'node:module';
import type { Bow, ItsHelpers, Model, WinkMethods } from 'wink-nlp';
import type { BM25Vectorizer, BM25VectorizerConfig } from 'wink-nlp/utilities/bm25-vectorizer';
import { MAX_TEXT_ANSWER } from '../../shared/limits';
import { averageLink, dot } from './average-link';
import { latentVectors, type SparseVector } from './latent';
import { describeGroup, type AnalysedText } from './suggest-names';

/** One proposed theme: its member answers' keys, its distinctive words and a name from them. */
export interface SuggestedGroup {
  name: string;
  words: string[];
  keys: string[];
}

/** Knobs for a call; the defaults suit a few hundred to a few thousand answers. */
export interface SuggestOptions {
  /** Most groups returned, largest first (default 8). */
  maxGroups?: number;
  /** Fewest answers in a group (default 3, or 1 % of the answers when that is more). */
  minGroupSize?: number;
}

// Chosen on tests/server/fixtures/suggest-topics.json (the test prints what they give there).
/** Latent directions per group asked for: enough to tell topics apart, few enough to join synonyms. */
const DIRECTIONS_PER_GROUP = 2;
/** Fewest answers per latent direction: fewer answers than that split one topic into many groups. */
const ANSWERS_PER_DIRECTION = 12;
/** Fewest latent directions worth learning; fewer answers than this needs are compared word by word. */
const MIN_DIRECTIONS = 4;
/** Answers whose words the latent directions explain less than this share of are left out. */
const MIN_EXPLAINED = 0.2;
/** Seed groups merge while their answers' mean pairwise cosine similarity is at least this. */
const SEED_SIMILARITY = 0.3;
/** An answer belongs to a group when its cosine similarity to the group's centre is at least this. */
const JOIN_SIMILARITY = 0.5;
/**
 * Most answers whose seeds are found pairwise (time and memory grow with the square: 2,000
 * answers take 8 MB); beyond it, seeds come from an even spread and k-means places everyone.
 */
export const MAX_CLUSTERED = 2000;
/** k-means rounds at most; it usually settles in three or four. */
const MAX_ROUNDS = 20;

// Parts of speech that carry no topic; wink-nlp's stop-word list misses some of them.
const FUNCTION_POS = new Set(['AUX', 'DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'NUM', 'SYM', 'PUNCT', 'INTJ', 'SPACE']);
// Words nearly every answer to "what would make it easier…" uses, whatever it is about.
const ANSWER_WORDS = new Set(['make', 'easy', 'easier', 'help', 'get', 'would', 'really', 'thing', 'lot', 'need', 'want', 'think', 'like', 'good', 'better', 'people', 'just']);
const LETTER = /\p{L}/u;

type TokenIts = ItsHelpers['normal'];
interface Wink {
  nlp: WinkMethods;
  its: { type: TokenIts; value: TokenIts; lemma: TokenIts; pos: TokenIts; stopWordFlag: TokenIts; bow: unknown };
  bm25: (config: BM25VectorizerConfig) => BM25Vectorizer;
}

let loaded: Wink | undefined;

/** wink-nlp and its model, loaded on first use and kept. */
function wink(): Wink {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    const model = require('wink-eng-lite-web-model') as Model;
    const bm25 = require('wink-nlp/utilities/bm25-vectorizer') as Wink['bm25'];
    // Only what lemmas need: sentence boundaries and parts of speech.
    const nlp = winkNLP(model, ['sbd', 'pos']);
    loaded = { nlp, its: nlp.its as unknown as Wink['its'], bm25 };
  }
  return loaded;
}

/** An answer's content words. */
function analyse(key: string, text: string): AnalysedText {
  const { nlp, its } = wink();
  const tokens = nlp.readDoc(text.slice(0, MAX_TEXT_ANSWER)).tokens();
  const types = tokens.out(its.type) as string[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const pos = tokens.out(its.pos) as string[];
  const lemmas = tokens.out(its.lemma) as string[];
  const values = tokens.out(its.value) as string[];
  const out: AnalysedText = { key, lemmas: [], forms: [], positions: [] };
  for (let i = 0; i < types.length; i++) {
    const lemma = lemmas[i].toLowerCase();
    // 'unk' is how the English model sees most other scripts: keep them, they may still group.
    if ((types[i] !== 'word' && types[i] !== 'unk') || stop[i] || FUNCTION_POS.has(pos[i])) continue;
    // Apostrophes mark contraction leftovers ("i'm"), not topics.
    if (lemma.length < 2 || !LETTER.test(lemma) || lemma.includes("'") || ANSWER_WORDS.has(lemma)) continue;
    out.lemmas.push(lemma);
    out.forms.push(values[i].toLowerCase());
    out.positions.push(i);
  }
  return out;
}

/** Sparse vector from a BM25 bag of words, terms numbered through `ids`. */
function toVector(bow: Bow, ids: ReadonlyMap<string, number>): SparseVector {
  const entries = Object.entries(bow)
    .filter(([, w]) => w > 0)
    .map(([term, w]) => [ids.get(term) as number, w] as const)
    .sort((x, y) => x[0] - y[0]);
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float32Array.from(entries, (e) => e[1]) };
}

/** Mean direction of unit vectors, scaled to length 1. */
function centre(vectors: readonly Float64Array[]): Float64Array {
  const sum = new Float64Array(vectors[0].length);
  for (const v of vectors) for (let d = 0; d < v.length; d++) sum[d] += v[d];
  const norm = Math.hypot(...sum) || 1;
  return sum.map((x) => x / norm);
}

/**
 * Spherical k-means from seed groups: every answer moves to the group whose centre it is
 * most similar to, or out when none reaches JOIN_SIMILARITY, until nothing moves.
 */
function refine(seeds: number[][], vectors: readonly Float64Array[]): number[][] {
  let groups = seeds;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const centres = groups.map((members) => centre(members.map((m) => vectors[m])));
    const next: number[][] = groups.map(() => []);
    vectors.forEach((v, i) => {
      let best = -1;
      let bestSim = JOIN_SIMILARITY;
      centres.forEach((c, g) => {
        const s = dot(v, c);
        if (s > bestSim || (best < 0 && s === bestSim)) [best, bestSim] = [g, s];
      });
      if (best >= 0) next[best].push(i);
    });
    const settled = next.every((members, g) => members.length === groups[g].length && members.every((m, k) => m === groups[g][k]));
    groups = next.filter((members) => members.length > 0);
    if (settled) break;
  }
  return groups;
}

const byKeyThenText = (a: { key: string; text: string }, b: { key: string; text: string }): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0;

/**
 * Proposes themes for `texts`: groups of answers about the same thing, largest first, each
 * with its 3–6 most distinctive words (as most often written) and a short name made from
 * them. Answers that fit no group are left out. Never throws on odd text.
 */
export function suggestThemes(texts: { key: string; text: string }[], options?: SuggestOptions): SuggestedGroup[] {
  const analysed = texts
    .filter((t) => typeof t.text === 'string' && t.text.trim() !== '')
    .sort(byKeyThenText)
    .map((t) => analyse(String(t.key), t.text));
  const maxGroups = Math.max(0, Math.floor(options?.maxGroups ?? 8));
  const minGroupSize = Math.max(2, Math.floor(options?.minGroupSize ?? Math.max(3, Math.ceil(analysed.length / 100))));
  if (analysed.length < minGroupSize || maxGroups === 0) return [];

  // Words only one answer uses cannot link answers; they only dilute the rest.
  const documentFrequency = new Map<string, number>();
  for (const a of analysed) for (const lemma of new Set(a.lemmas)) documentFrequency.set(lemma, (documentFrequency.get(lemma) ?? 0) + 1);
  const { bm25, its } = wink();
  const vectoriser = bm25({ k: 1, k1: 1.2, b: 0.75, norm: 'l2' });
  const termIds = new Map<string, number>();
  for (const a of analysed) {
    const shared = a.lemmas.filter((lemma) => (documentFrequency.get(lemma) as number) > 1);
    vectoriser.learn(shared);
    for (const lemma of shared) if (!termIds.has(lemma)) termIds.set(lemma, termIds.size);
  }
  if (termIds.size === 0) return [];
  const words = analysed.map((_, i) => toVector(vectoriser.doc(i).out(its.bow as never) as Bow, termIds));

  // With too few answers to learn which words keep company, as many directions as answers
  // keep every similarity as it was: the answers' own words are compared.
  const learned = Math.min(DIRECTIONS_PER_GROUP * maxGroups, Math.floor(analysed.length / ANSWERS_PER_DIRECTION));
  const directions = learned >= MIN_DIRECTIONS ? learned : analysed.length;
  const latent = latentVectors(words, termIds.size, directions);
  // Unit length, or all zeros for an answer the common directions do not explain.
  const vectors = latent.map((row) => {
    const explained = Math.hypot(...row);
    return explained >= MIN_EXPLAINED ? row.map((x) => x / explained) : row.fill(0);
  });

  // Beyond MAX_CLUSTERED answers, seeds come from an even spread of them, and need as large a share.
  const stride = Math.ceil(analysed.length / MAX_CLUSTERED);
  const sample = analysed.map((_, i) => i).filter((i) => i % stride === 0);
  const minSeedSize = Math.max(2, Math.floor(minGroupSize / stride));
  const seeds = averageLink(sample.map((i) => vectors[i]), SEED_SIMILARITY)
    .map((members) => members.map((m) => sample[m]))
    .filter((members) => members.length >= minSeedSize)
    .sort((a, b) => b.length - a.length || a[0] - b[0])
    .slice(0, maxGroups);
  if (seeds.length === 0) return [];

  return refine(seeds, vectors)
    .filter((members) => members.length >= minGroupSize)
    .sort((a, b) => b.length - a.length || a[0] - b[0])
    .map((members) => {
      const group = members.map((i) => analysed[i]);
      return { ...describeGroup(group, documentFrequency, analysed.length), keys: group.map((m) => m.key) };
    });
}
