import { describe, expect, it } from 'vitest';
import { sopScenarioMessages } from './sop-scenarios';
import { translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('S&OP scenario messages', () => {
  it('have the same keys and placeholders in English and French, and are reachable through translate()', () => {
    expect(Object.keys(sopScenarioMessages.fr).sort()).toEqual(Object.keys(sopScenarioMessages.en).sort());
    for (const [key, text] of Object.entries(sopScenarioMessages.en)) expect(placeholders(sopScenarioMessages.fr[key] ?? ''), key).toEqual(placeholders(text));
    expect(translate('fr', 'sop.scenario.problem.name_taken', { name: 'Été' })).toBe('Un scénario nommé « Été » existe déjà : choisissez un autre nom ou supprimez celui-là.');
  });
});
