import type { Idea } from '../shared/engagement';

/**
 * Easy-read ideas as organisers type them: one idea per line, the picture's code first,
 * e.g. `1F3E0 We want to hear from you.`
 */

const LINE = /^([0-9A-Fa-f]{2,6}(?:-[0-9A-Fa-f]{2,6})*)\s+(.+)$/;

/** Ideas as lines of text. */
export function ideasToText(ideas: Idea[] | undefined): string {
  return (ideas ?? []).map((idea) => `${idea.picture} ${idea.text}`).join('\n');
}

/** Lines of text as ideas, or the number (from 1) of the first line without a picture code. */
export function textToIdeas(text: string): { ok: true; ideas: Idea[] } | { ok: false; line: number } {
  const ideas: Idea[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const match = LINE.exec(line);
    if (!match) return { ok: false, line: i + 1 };
    ideas.push({ picture: (match[1] ?? '').toUpperCase(), text: (match[2] ?? '').trim() });
  }
  return { ok: true, ideas };
}

/** The words of typed ideas without their picture codes, for the readability check. */
export function ideaWords(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => LINE.exec(line)?.[2] ?? line);
}
