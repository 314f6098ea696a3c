import { describe, expect, it } from 'vitest';
import { planningMessages } from './planning';
import { translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('planning messages', () => {
  it('have the same keys and the same placeholders in English and French', () => {
    expect(Object.keys(planningMessages.fr).sort()).toEqual(Object.keys(planningMessages.en).sort());
    for (const [key, text] of Object.entries(planningMessages.en)) {
      expect(placeholders(planningMessages.fr[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('cover every allocation reason code and are reachable through translate()', () => {
    const codes = ['filled_on_time', 'filled_late', 'outranked', 'fair_share', 'capped_by_quota', 'blocked_by_protected_stock', 'served_from_protected_stock', 'backordered', 'no_supply'];
    for (const code of codes) {
      expect(planningMessages.en[`planning.allocation.reason.${code}`], code).toBeDefined();
    }
    expect(translate('fr', 'planning.allocation.reason.no_supply', { bucket: 2 })).toBe('En période 2, il ne restait plus de ressource.');
  });
});
