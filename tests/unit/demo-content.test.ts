import { existsSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EngagementBundleSchema, type EasyReadOverlay, type EngagementBundle, type Idea } from '../../src/shared';
import { DEFAULT_SEED_FILE, loadBundleFile } from '../../src/server/seed/seed';
import { MIN_READING_EASE, readingEase, sentenceProblems } from './easy-read-rules';

const seedRaw = readFileSync(new URL('../../src/server/seed/ahp-strategy.json', import.meta.url), 'utf8');
const easyReadRaw = readFileSync(new URL('../../easy-read/en/ahp-strategy.json', import.meta.url), 'utf8');
const raw = `${seedRaw}\n${easyReadRaw}`;
// The bundle as the server seeds it: the engagement file with its easy-read versions merged in.
const merged = { ...(JSON.parse(seedRaw) as EngagementBundle), easyRead: { en: JSON.parse(easyReadRaw) as EasyReadOverlay } };
const parsed = v.safeParse(EngagementBundleSchema, merged);
// Fall back to the raw JSON so the other checks still report what they can when the schema fails.
const bundle: EngagementBundle = parsed.success ? parsed.output : merged;
const easy: EasyReadOverlay | undefined = bundle.easyRead.en;

/** A list of ideas as the one paragraph a reader meets. */
const joined = (ideas: Idea[] | undefined): string => (ideas ?? []).map((idea) => idea.text).join(' ');

/** Every easy-read idea with where it lives: intros and hints are lists of them. */
function easyReadIdeas(): Array<[string, Idea]> {
  const out: Array<[string, Idea]> = (easy?.intro ?? []).map((idea, i) => [`intro.${i}`, idea]);
  for (const [phaseId, phase] of Object.entries(easy?.phases ?? {})) {
    (phase.intro ?? []).forEach((idea, i) => out.push([`${phaseId}.intro.${i}`, idea]));
    for (const [promptId, prompt] of Object.entries(phase.prompts ?? {})) {
      (prompt.hint ?? []).forEach((idea, i) => out.push([`${phaseId}.${promptId}.hint.${i}`, idea]));
    }
  }
  return out;
}

const pictureFile = (hex: string) => new URL(`../../node_modules/openmoji/color/svg/${hex}.svg`, import.meta.url);

/** Every piece of easy-read English text, labelled by where it lives. */
function easyReadTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (easy?.title) out.push(['title', easy.title]);
  for (const [where, idea] of easyReadIdeas()) out.push([where, idea.text]);
  for (const [phaseId, phase] of Object.entries(easy?.phases ?? {})) {
    if (phase.title) out.push([`${phaseId}.title`, phase.title]);
    for (const [promptId, prompt] of Object.entries(phase.prompts ?? {})) {
      if (prompt.text) out.push([`${phaseId}.${promptId}.text`, prompt.text]);
      for (const [choiceId, label] of Object.entries(prompt.choices ?? {})) {
        out.push([`${phaseId}.${promptId}.${choiceId}`, label]);
      }
    }
  }
  return out;
}

/** Every piece of source (standard English) text a participant can see. */
function sourceTexts(): string[] {
  return [
    bundle.title,
    bundle.intro,
    bundle.organisation,
    ...bundle.phases.flatMap((phase) => [
      phase.title,
      phase.intro,
      ...phase.prompts.flatMap((p) => [p.text, p.hint ?? '', ...(p.kind === 'choice' ? p.choices.map((c) => c.label) : [])]),
    ]),
  ];
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

describe('demo engagement seed', () => {
  it('is a valid engagement bundle', () => {
    expect(parsed.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`)).toBeUndefined();
  });

  it('is the ahp-strategy engagement with the agreed title, shown as a demonstration', () => {
    expect(bundle.slug).toBe('ahp-strategy');
    expect(bundle.title).toBe('Allied Health Professions: have your say');
    expect(bundle.organisation).toMatch(/demo/i);
    expect(bundle.languages[0]).toBe('en');
    expect(bundle.publicKey).toBeNull();
  });

  it('runs conversation, crowdsource, then check and challenge', () => {
    expect(bundle.phases.map((p) => p.kind)).toEqual(['conversation', 'crowdsource', 'check']);
    expect(bundle.phases.map((p) => p.id)).toEqual(['conversation', 'crowdsource', 'check']);
    expect(bundle.phases.map((p) => p.audience)).toEqual(['public', 'professionals', 'everyone']);
  });

  it('uses every prompt kind in the conversation and keeps some questions required', () => {
    const conversation = bundle.phases[0]!;
    expect(new Set(conversation.prompts.map((p) => p.kind))).toEqual(new Set(['text', 'choice', 'scale', 'vote']));
    expect(conversation.prompts.filter((p) => p.required).length).toBeGreaterThanOrEqual(2);
    const heardOf = conversation.prompts.find((p) => p.id === 'professions-heard-of');
    expect(heardOf?.kind === 'choice' && heardOf.multiple ? heardOf.choices.length : 0).toBe(14);
  });

  it('has unique phase ids, prompt ids and choice ids', () => {
    expect(duplicates(bundle.phases.map((p) => p.id))).toEqual([]);
    for (const phase of bundle.phases) {
      expect(duplicates(phase.prompts.map((p) => p.id)), phase.id).toEqual([]);
      for (const prompt of phase.prompts) {
        if (prompt.kind === 'choice') expect(duplicates(prompt.choices.map((c) => c.id)), prompt.id).toEqual([]);
      }
    }
    // Unique across phases too, so an export column never means two questions.
    expect(duplicates(bundle.phases.flatMap((ph) => ph.prompts.map((p) => p.id)))).toEqual([]);
  });

  it('gives every prompt and choice a pictogram code point', () => {
    const pictures: Array<[string, string | undefined]> = bundle.phases.flatMap((ph) =>
      ph.prompts.flatMap((p): Array<[string, string | undefined]> => [
        [p.id, p.picture],
        ...(p.kind === 'choice' ? p.choices.map((c): [string, string | undefined] => [`${p.id}.${c.id}`, c.picture]) : []),
      ]),
    );
    expect(pictures.length).toBeGreaterThan(40);
    for (const [where, picture] of pictures) {
      expect(picture, where).toMatch(/^[0-9A-F]{4,5}(?:-[0-9A-F]{4,5})*$/);
      const first = String.fromCodePoint(parseInt(picture!.split('-')[0]!, 16));
      expect(/\p{Extended_Pictographic}/u.test(first), `${where}: ${picture}`).toBe(true);
    }
  });

  it('has an easy-read English version of every piece of text, and nothing stray', () => {
    expect(easy?.title).toBeTruthy();
    expect(easy?.intro).toBeTruthy();
    for (const phase of bundle.phases) {
      const ep = easy?.phases?.[phase.id];
      expect(ep?.title, phase.id).toBeTruthy();
      expect(ep?.intro, phase.id).toBeTruthy();
      expect(Object.keys(ep?.prompts ?? {}).sort()).toEqual(phase.prompts.map((p) => p.id).sort());
      for (const prompt of phase.prompts) {
        const overlay = ep?.prompts?.[prompt.id];
        expect(overlay?.text, prompt.id).toBeTruthy();
        if (prompt.hint) expect(overlay?.hint, `${prompt.id} hint`).toBeTruthy();
        if (prompt.kind === 'choice') {
          expect(Object.keys(overlay?.choices ?? {}).sort()).toEqual(prompt.choices.map((c) => c.id).sort());
        }
      }
    }
    expect(Object.keys(easy?.phases ?? {}).sort()).toEqual(bundle.phases.map((p) => p.id).sort());
  });

  it('keeps every easy-read sentence to 15 words or fewer, explains any acronym, and reads easily (Flesch >= 80)', () => {
    const texts = easyReadTexts();
    expect(texts.length).toBeGreaterThan(60);
    expect(texts.flatMap(([where, text]) => sentenceProblems(where, text))).toEqual([]);
    expect(readingEase(texts.map(([, t]) => t))).toBeGreaterThanOrEqual(MIN_READING_EASE);
  });

  it('puts an OpenMoji picture beside every easy-read idea, one idea at a time', () => {
    const ideas = easyReadIdeas();
    expect(ideas.length).toBeGreaterThan(40);
    for (const [where, idea] of ideas) {
      expect(existsSync(pictureFile(idea.picture)), `${where}: ${idea.picture}`).toBe(true);
      // One idea: at most two short sentences.
      expect(idea.text.split(/(?<=[.!?])\s+/).length, where).toBeLessThanOrEqual(3);
    }
    for (const phase of bundle.phases) {
      for (const prompt of phase.prompts) {
        expect(existsSync(pictureFile(prompt.picture ?? 'none')), prompt.id).toBe(true);
        if (prompt.kind === 'choice') for (const c of prompt.choices) expect(existsSync(pictureFile(c.picture ?? 'none')), c.id).toBe(true);
      }
    }
  });

  it('never uses the acronym for allied health professions, nor unexplained GP in easy read', () => {
    expect(raw).not.toMatch(/AHP/);
    for (const text of [...sourceTexts(), ...easyReadTexts().map(([, t]) => t)]) {
      expect(text).not.toMatch(/\bahps?\b/i);
    }
    for (const [where, text] of easyReadTexts()) expect(text, where).not.toMatch(/\b(?:GP|NHS)\b/);
  });

  it('says taking part is anonymous and never asks for a name, email or address', () => {
    for (const intro of [bundle.intro, joined(easy?.intro)]) {
      expect(intro).toMatch(/do not ask your name/i);
      expect(intro).toMatch(/\d+ minutes/);
    }
    expect(bundle.intro).toMatch(/anonymous/i);
    const asking = /\b(?:what is|enter|give|tell us|type|write|share)\b[^.?!]*\b(?:name|e-?mail|address|postcode|phone number)\b/i;
    const intros = [bundle.intro, joined(easy?.intro), ...bundle.phases.map((p) => p.intro)];
    for (const phaseOverlay of Object.values(easy?.phases ?? {})) intros.push(joined(phaseOverlay.intro));
    for (const intro of intros) expect(intro).not.toMatch(asking);
    const personal = /\b(?:name|e-?mail|address|postcode|phone number|date of birth)\b/i;
    for (const phase of bundle.phases) {
      for (const prompt of phase.prompts) {
        expect(`${prompt.id} ${prompt.text} ${prompt.hint ?? ''}`, prompt.id).not.toMatch(personal);
        const overlay = easy?.phases?.[phase.id]?.prompts?.[prompt.id];
        expect(`${overlay?.text ?? ''} ${joined(overlay?.hint)}`, prompt.id).not.toMatch(personal);
      }
    }
  });
});

describe('seeding', () => {
  it('serves the demo with its easy-read version from easy-read/en merged in', async () => {
    const seeded = await loadBundleFile(DEFAULT_SEED_FILE);
    expect(seeded.easyRead.en).toEqual(JSON.parse(easyReadRaw));
    expect(seeded.easyRead.en?.phases?.conversation?.prompts?.['ease-of-support']?.text).toBeTruthy();
  });
});
