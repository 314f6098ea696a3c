import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS_DOC_PATH, renderPermissionsDoc } from './generate-permissions-doc';

describe('docs/permissions.md', () => {
  it('is the permission table the server enforces (else run: npx tsx scripts/generate-permissions-doc.ts)', () => {
    expect(readFileSync(PERMISSIONS_DOC_PATH, 'utf8')).toBe(renderPermissionsDoc());
  });

  it('shows that a viewer only reads and that users and audit are the admin\'s', () => {
    const text = renderPermissionsDoc();
    expect(text).toMatch(/\| `users` — [^|]+ \| read, write \| — \| — \| — \| — \| — \|/);
    expect(text).toMatch(/\| `planning` — [^|]+\| read, write \| read, write \| read \| read \| read \| read \|/);
  });
});
