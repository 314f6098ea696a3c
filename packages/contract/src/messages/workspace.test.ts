import { describe, expect, it } from 'vitest';
import { workspaceMessages } from './workspace';
import { translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('workspace messages', () => {
  it('have the same keys and the same placeholders in English and French, all under workspace.', () => {
    expect(Object.keys(workspaceMessages.fr).sort()).toEqual(Object.keys(workspaceMessages.en).sort());
    for (const [key, text] of Object.entries(workspaceMessages.en)) {
      expect(key.startsWith('workspace.'), key).toBe(true);
      expect(placeholders(workspaceMessages.fr[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('are registered with translate()', () => {
    expect(translate('fr', 'workspace.error.no_run', { runType: 'sop' })).toContain('Aucun calcul sop');
    expect(translate('en', 'workspace.pack.too_large', { quantity: 2, boxTypeId: 'pole' })).toBe('2 × pole: the box fits the container in no allowed orientation');
  });
});
