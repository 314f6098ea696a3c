import { describe, expect, it } from 'vitest';
import { transportMessages } from './transport';
import { translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('transport messages', () => {
  it('have the same keys and placeholders in English and French, and are registered', () => {
    expect(Object.keys(transportMessages.fr).sort()).toEqual(Object.keys(transportMessages.en).sort());
    for (const [key, text] of Object.entries(transportMessages.en)) expect(placeholders(transportMessages.fr[key] ?? ''), key).toEqual(placeholders(text));
    expect(translate('fr', 'pickRoute.svgWritten', { path: 'a.svg' })).toBe('SVG écrit dans a.svg');
  });
});
