import { describe, expect, it } from 'vitest';
import { ABUSE_WORDS, NAME_PHRASES, flagsFor } from '../../src/server/workspace/flags';

const SHIPPED = ['en', 'cy', 'pl', 'ro', 'pa', 'ur', 'ar', 'bn', 'so', 'zh'];

describe('moderation flags', () => {
  it('leaves an ordinary answer unflagged', () => {
    expect(flagsFor('More buses in the evening, and a clinic open after 6pm. It costs £12.50 in 2024.')).toEqual([]);
    expect(flagsFor('')).toEqual([]);
  });

  it('flags e-mail addresses', () => {
    expect(flagsFor('write to jo.bloggs+nhs@example.co.uk please')).toEqual(['email']);
    expect(flagsFor('the @ sign at home')).toEqual([]);
  });

  it('flags UK and international phone numbers but not years or short numbers', () => {
    expect(flagsFor('ring 07700 900123')).toEqual(['phone']);
    expect(flagsFor('call 0161-496-0000 any time')).toEqual(['phone']);
    expect(flagsFor('my number +44 7700 900 123')).toEqual(['phone']);
    expect(flagsFor('waited from 2019 to 2023, about 3 hours')).toEqual([]);
  });

  it('flags UK postcodes with or without the space, in any case', () => {
    expect(flagsFor('I live at SW1A 1AA')).toEqual(['postcode']);
    expect(flagsFor('near m11ae')).toEqual(['postcode']);
    expect(flagsFor('B33 8TH is my area')).toEqual(['postcode']);
    expect(flagsFor('A1 road is busy')).toEqual([]);
  });

  it('flags a name after "my name is" in every shipped language', () => {
    const samples: Record<string, string> = {
      en: 'Hello, my name is Sam and I use the clinic',
      cy: 'Helo, fy enw i yw Siân',
      pl: 'Dzień dobry, nazywam się Anna',
      ro: 'Bună, mă numesc Ioana',
      pa: 'ਮੇਰਾ ਨਾਮ ਹਰਪ੍ਰੀਤ ਹੈ',
      ur: 'میرا نام عائشہ ہے',
      ar: 'مرحبا اسمي فاطمة',
      bn: 'আমার নাম রহিম',
      so: 'Magacaygu waa Hodan',
      zh: '你好，我叫王芳',
    };
    for (const language of SHIPPED) {
      expect(NAME_PHRASES[language], language).toBeDefined();
      expect(flagsFor(samples[language]), language).toContain('name');
    }
    expect(flagsFor('My name is')).toEqual([]);
  });

  it('flags abuse words in every language that has a list, as whole words or stems', () => {
    for (const language of SHIPPED) {
      const words = ABUSE_WORDS[language];
      expect(words?.length, language).toBeGreaterThan(0);
      for (const word of words) expect(flagsFor(`this is ${word.replace(/\*/g, '')} really`), `${language}: ${word}`).toContain('abuse');
    }
    expect(flagsFor('What the FUCK is this')).toEqual(['abuse']);
    expect(flagsFor('Ta kurwa mać')).toEqual(['abuse']);
    expect(flagsFor('spierdalaj stąd')).toEqual(['abuse']);
    expect(flagsFor('fucking useless')).toEqual(['abuse']);
    // A stem inside a longer ordinary word does not count.
    expect(flagsFor('Scunthorpe has a shitake stall')).not.toContain('abuse');
  });

  it('reports several flags at once, in a fixed order, each once', () => {
    expect(flagsFor('my name is Jo, jo@example.org, 07700 900123, SW1A 1AA, shit service, shit')).toEqual(['email', 'phone', 'postcode', 'name', 'abuse']);
  });
});
