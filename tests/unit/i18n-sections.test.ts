import { describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json';
import { FIRST_LOAD_SECTIONS, LAZY_SECTIONS } from '../../src/i18n';

// English is split between the first load and lazily loaded pages' chunk; a section in neither
// would show raw keys on screen, and one in both would weigh on the first load for nothing.
describe('English strings split between the first load and lazily loaded pages', () => {
  it('puts every section of the English file in exactly one of the two', () => {
    const sections = Object.keys(en).sort();
    expect([...FIRST_LOAD_SECTIONS, ...LAZY_SECTIONS].sort()).toEqual(sections);
  });
});
