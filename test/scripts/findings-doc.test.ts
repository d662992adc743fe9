// docs/findings.md is generated from the finding catalogue: the committed file must be current.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATALOGUE } from '../../src/analysis/index.ts';
import { FINDINGS_DOC, findingsMarkdown } from '../../scripts/findings-doc.ts';

describe('docs/findings.md', () => {
  const markdown = findingsMarkdown();

  it('is up to date with the catalogue (run `npm run build` to regenerate it)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../..', FINDINGS_DOC), 'utf8');
    expect(committed === markdown, `${FINDINGS_DOC} is stale: run \`npm run build\` and commit it`).toBe(true);
  });

  it('has one section per id, each listed in the index', () => {
    for (const id of Object.keys(CATALOGUE)) {
      expect(markdown.split('\n').filter((l) => l === `### ${id}`)).toHaveLength(1);
      expect(markdown).toContain(`[${id}](#${id})`);
    }
  });

  it('escapes markup in prose, not in code', () => {
    const m = CATALOGUE['malformed-authorization'];
    expect(m.means).toContain('"<scheme> <credentials>"');
    expect(markdown).toContain('"&lt;scheme> &lt;credentials>"');
    expect(markdown).toContain('  headers.set("Authorization", `Bearer ${token.trim()}`)');
  });
});
