import { describe, expect, it } from 'vitest';
import { packingMessages } from './packing';
import { translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('packing messages', () => {
  it('have the same keys and placeholders in English and French, and are registered', () => {
    expect(Object.keys(packingMessages.fr).sort()).toEqual(Object.keys(packingMessages.en).sort());
    for (const [key, text] of Object.entries(packingMessages.en)) expect(placeholders(packingMessages.fr[key] ?? ''), key).toEqual(placeholders(text));
    expect(translate('fr', 'pack.svg.written', { path: 'a.svg' })).toBe('Image écrite dans a.svg.');
    expect(translate('en', 'pack.reason.no_space')).toBe('no room left');
  });
});
