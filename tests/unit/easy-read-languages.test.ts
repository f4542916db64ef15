import { readdirSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EasyReadOverlaySchema, type EasyReadOverlay, type Idea } from '../../src/shared';

// Every language's easy-read content mirrors the English one: the same ids, and the same
// pictures in the same order beside its ideas, so a picture always means the same idea.

const root = new URL('../../easy-read/', import.meta.url);
const read = (lng: string): unknown => JSON.parse(readFileSync(new URL(`${lng}/ahp-strategy.json`, root), 'utf8'));
const languages = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'en')
  .map((entry) => entry.name);

/** The shape of an overlay without its words: ids, and the picture of each idea. */
function skeleton(overlay: EasyReadOverlay): unknown {
  const pictures = (ideas: Idea[] | undefined) => ideas?.map((idea) => idea.picture);
  return {
    title: overlay.title !== undefined,
    intro: pictures(overlay.intro),
    phases: Object.fromEntries(
      Object.entries(overlay.phases ?? {}).map(([id, phase]) => [
        id,
        {
          title: phase.title !== undefined,
          intro: pictures(phase.intro),
          prompts: Object.fromEntries(
            Object.entries(phase.prompts ?? {}).map(([promptId, prompt]) => [
              promptId,
              { text: prompt.text !== undefined, hint: pictures(prompt.hint), choices: Object.keys(prompt.choices ?? {}).sort() },
            ]),
          ),
        },
      ]),
    ),
  };
}

const english = v.parse(EasyReadOverlaySchema, read('en'));

describe('easy-read content in every language', () => {
  it('has a folder for the shipped languages', () => {
    expect(languages.length).toBeGreaterThan(0);
  });

  it.each(languages)('%s is valid and has the English structure and pictures', (lng) => {
    const parsed = v.safeParse(EasyReadOverlaySchema, read(lng));
    expect(parsed.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`)).toBeUndefined();
    if (parsed.success) expect(skeleton(parsed.output)).toEqual(skeleton(english));
  });
});
