/**
 * The speaking part of "Read this to me", loaded only when it is first used. It splits the
 * page into sentences (Intl.Segmenter, so Arabic, Chinese and Bengali punctuation count), speaks
 * them one at a time with `speechSynthesis` (long utterances stall in some browsers, and one
 * at a time lets the page show where it is), and highlights the sentence being read with the
 * CSS Custom Highlight API, which marks text without changing the page Preact renders.
 */

/** Name of the highlight the stylesheet colours (`::highlight(heard-read-aloud)`). */
export const HIGHLIGHT = 'heard-read-aloud';

/** Attribute set on the block being read, for browsers without highlights and for tests. */
export const READING_ATTRIBUTE = 'data-reading';

/** A reading in progress. */
export interface ReadAloudSession {
  stop(): void;
  /** Settles when the last sentence is read, or when stopped. */
  done: Promise<'finished' | 'stopped'>;
}

/** One sentence of the page and where its text is. */
export interface Sentence {
  text: string;
  range: Range;
  block: Element;
}

/** True when the browser can speak at all. */
export function canSpeak(): boolean {
  return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** The language's own name in itself, e.g. "Cymraeg", for "no voice for …". */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

// Voices arrive asynchronously in Chromium; wait briefly for the list before saying there are none.
async function voices(): Promise<SpeechSynthesisVoice[]> {
  const now = speechSynthesis.getVoices();
  if (now.length > 0) return now;
  return new Promise((resolve) => {
    const done = () => resolve(speechSynthesis.getVoices());
    speechSynthesis.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 1500);
  });
}

/**
 * The best voice for `language`: one on the device (works offline) before a network one,
 * the exact language before another region of it, the browser's default before others.
 */
export async function findVoice(language: string): Promise<{ ok: true; voice: SpeechSynthesisVoice } | { ok: false }> {
  const base = language.toLowerCase().split('-')[0] ?? language;
  const matching = (await voices()).filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === base);
  const score = (v: SpeechSynthesisVoice) =>
    (v.localService ? 4 : 0) + (v.lang.toLowerCase() === language.toLowerCase() ? 2 : 0) + (v.default ? 1 : 0);
  const best = matching.sort((a, b) => score(b) - score(a))[0];
  return best ? { ok: true, voice: best } : { ok: false };
}

const SKIP = 'script, style, textarea, input, select, [aria-hidden="true"], [hidden], .govuk-visually-hidden, [data-no-read]';
const BLOCKS = 'h1, h2, h3, h4, p, li, label, legend, dt, dd, th, td, summary, .govuk-hint, .govuk-caption-l, .govuk-error-message, .govuk-button, a';

/** The readable sentences under `root`, in reading order. */
export function sentencesOf(root: Element, language: string): Sentence[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Group the text nodes of each block so a sentence may cross inline elements.
  const blocks = new Map<Element, Text[]>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const block = text.parentElement?.closest(BLOCKS) ?? text.parentElement ?? root;
    const list = blocks.get(block);
    if (list) list.push(text);
    else blocks.set(block, [text]);
  }
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const out: Sentence[] = [];
  for (const [block, nodes] of blocks) {
    const whole = nodes.map((n) => n.data).join('');
    let start = 0;
    for (const { segment } of segmenter.segment(whole)) {
      const end = start + segment.length;
      const text = segment.replace(/\s+/g, ' ').trim();
      if (/[\p{L}\p{N}]/u.test(text)) out.push({ text, range: rangeOf(nodes, start, end), block });
      start = end;
    }
  }
  return out;
}

function rangeOf(nodes: Text[], start: number, end: number): Range {
  const range = document.createRange();
  let offset = 0;
  for (const node of nodes) {
    const next = offset + node.data.length;
    if (start >= offset && start <= next) range.setStart(node, start - offset);
    if (end >= offset && end <= next) {
      range.setEnd(node, end - offset);
      break;
    }
    offset = next;
  }
  return range;
}

function highlight(sentence: Sentence | undefined, root: Element): void {
  root.querySelectorAll(`[${READING_ATTRIBUTE}]`).forEach((el) => el.removeAttribute(READING_ATTRIBUTE));
  const highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
  if (!sentence) {
    highlights?.delete(HIGHLIGHT);
    return;
  }
  sentence.block.setAttribute(READING_ATTRIBUTE, sentence.text);
  highlights?.set(HIGHLIGHT, new Highlight(sentence.range));
}

/** Reads the sentences under `root` aloud, one after another, highlighting each. */
export function readAloud(root: Element, language: string, voice: SpeechSynthesisVoice): ReadAloudSession {
  const sentences = sentencesOf(root, language);
  let stopped = false;
  let settle: (outcome: 'finished' | 'stopped') => void = () => undefined;
  const done = new Promise<'finished' | 'stopped'>((resolve) => (settle = resolve));
  speechSynthesis.cancel();

  const speak = (index: number) => {
    if (stopped) return;
    const sentence = sentences[index];
    highlight(sentence, root);
    if (!sentence) {
      settle('finished');
      return;
    }
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = voice.lang || language;
    utterance.voice = voice;
    // An error on one sentence (a voice hiccup) should not end the whole reading.
    utterance.onend = () => speak(index + 1);
    utterance.onerror = (event) => (event.error === 'interrupted' || event.error === 'canceled' ? undefined : speak(index + 1));
    speechSynthesis.speak(utterance);
  };
  speak(0);

  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      speechSynthesis.cancel();
      highlight(undefined, root);
      settle('stopped');
    },
  };
}
