// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { interpolate, makeI18n } from './i18n-context';

describe('web i18n', () => {
  it('has the same keys in English and French, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(fr)) expect(text.trim(), key).not.toBe('');
  });

  it('keeps the same {placeholders} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
  });

  it('interpolates named placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} of {b} ({c})', { a: 1, b: 'two' })).toBe('1 of two ({c})');
  });

  it('formats numbers, money, percents and dates with the locale (Intl)', () => {
    const english = makeI18n('en', () => {});
    const french = makeI18n('fr', () => {});
    expect(english.formatNumber(1234.567)).toBe('1,234.57');
    // French groups with a narrow no-break space and uses a decimal comma
    expect(french.formatNumber('1234.567')).toBe('1\u202f234,57');
    expect(english.formatNumber(null)).toBe('—');
    expect(french.formatMoney(615146.01)).toBe('615\u202f146,01\u00a0€');
    expect(english.formatPercent(0.98)).toBe('98%');
    expect(french.formatPercent(0.98)).toBe('98\u00a0%');
    expect(english.formatDate('2026-11-23')).toBe('23 Nov 2026');
    expect(french.formatDate('2026-11-23')).toBe('23 nov. 2026');
  });

  it('translates, and shows the last segment of a key it does not know (a code added later by the server)', () => {
    const french = makeI18n('fr', () => {});
    expect(french.t('procurement.approveAll', { count: 3 })).toBe('Tout approuver (3 lignes)');
    expect(french.t('action.reason.some_new_reason' as never)).toBe('some_new_reason');
  });
});
