// Fixture-driven: every test/fixtures/exchanges/*.json names an exchange, where it comes from,
// and the finding ids expected (primary first, the others in rank order) plus key phrases.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnose, type Exchange } from '../../src/analysis/index.ts';

interface Fixture {
  name: string;
  source: string;
  exchange: Exchange;
  context?: { now?: number; history?: Exchange[] };
  expect: { ids: string[]; text: string[]; absent?: string[] };
}

/** The repository root: the nearest folder above this file with package.json, wherever vitest runs from. */
function repoRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new Error(`no package.json above ${from}`);
  }
}
const root = repoRoot(dirname(fileURLToPath(import.meta.url)));
const dir = join(root, 'test/fixtures/exchanges');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);
const known = JSON.parse(readFileSync(join(root, 'test/fixtures/finding-ids.json'), 'utf8')) as {
  ids: string[];
  added: string[];
  patterns: string[];
};

/** Ids the doc writes in backticks outside "Patterns across requests", minus header names/values it quotes. */
export function idsFromDoc(doc: string): string[] {
  const body = doc.split('## Patterns across requests')[0]!;
  const found = [...body.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]!);
  return [...new Set(found.filter((id) => !/^(x|cf)-/.test(id) && id !== 'partial-results'))].sort();
}

describe('fixtures', () => {
  it('has at least 60, each with a source', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    for (const [, fx] of fixtures) expect(fx.source.length).toBeGreaterThan(5);
  });

  for (const [file, fx] of fixtures) {
    it(`${file}: ${fx.name}`, () => {
      const d = diagnose(fx.exchange, fx.context);
      const ids = d.findings.map((f) => f.id);
      if (fx.expect.ids.length === 0) {
        expect(ids.filter((id) => !['token-in-query', 'insecure-transport', 'token-encrypted'].includes(id))).toEqual(
          [],
        );
      } else {
        expect(ids[0], `primary of ${ids.join(', ')}`).toBe(fx.expect.ids[0]);
        // The listed ids appear in this order (others may sit between them).
        let at = -1;
        for (const id of fx.expect.ids) {
          const next = ids.indexOf(id, at + 1);
          expect(next, `${id} after position ${at} in ${ids.join(', ')}`).toBeGreaterThan(at);
          at = next;
        }
      }
      const primary = d.findings[0];
      const text = [
        d.summary,
        primary?.title,
        primary?.explanation,
        ...(primary?.evidence.map((e) => `${e.label}: ${e.value}`) ?? []),
      ].join('\n');
      for (const t of fx.expect.text) expect(text, `"${t}" in summary or primary finding`).toContain(t);
      const all = JSON.stringify(d);
      for (const secret of fx.expect.absent ?? []) expect(all).not.toContain(secret);
      expect(d.summary).not.toMatch(/\n/);
      for (const f of d.findings) {
        expect(f.title).not.toBe('');
        expect(f.explanation).not.toBe('');
        expect(f.fixes.length, `${f.id} has a fix`).toBeGreaterThan(0);
        expect(f.references.length, `${f.id} has a reference`).toBeGreaterThan(0);
        for (const r of f.references) expect(r.url).toMatch(/^https:\/\//);
      }
    });
  }
});

describe('finding ids', () => {
  const covered = new Set(fixtures.flatMap(([, fx]) => fx.expect.ids));

  it('every id of auth-signatures.md (kept in finding-ids.json) has a fixture', () => {
    const missing = [...known.ids, ...known.added, ...known.patterns].filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  // The doc sits beside the repository (CI clones shared/ next to it: <repo>/../shared/docs);
  // finding-ids.json is its checked-in copy, so the coverage test above never depends on it. A
  // missing doc fails here rather than passing unchecked, unless AUTHLENS_NO_SHARED_DOCS=1 says
  // this checkout has no shared docs on purpose.
  const doc = resolve(root, '../shared/docs/auth-signatures.md');
  const present = existsSync(doc);
  const optedOut = process.env.AUTHLENS_NO_SHARED_DOCS === '1';
  it.skipIf(!present && optedOut)(
    present || !optedOut
      ? 'finding-ids.json matches auth-signatures.md'
      : `SKIPPED (AUTHLENS_NO_SHARED_DOCS=1): ${doc} not found, compared against finding-ids.json only`,
    () => {
      if (!present) {
        expect.fail(
          `${doc} not found: the shared docs must sit beside the repository (<repo>/../shared/docs/auth-signatures.md). ` +
            'Clone them there, or set AUTHLENS_NO_SHARED_DOCS=1 to check against test/fixtures/finding-ids.json only.',
        );
      }
      expect(
        idsFromDoc(readFileSync(doc, 'utf8')),
        'finding-ids.json "ids" is out of date with auth-signatures.md',
      ).toEqual([...known.ids].sort());
    },
  );

  it('fixtures use only known ids', () => {
    const all = new Set([...known.ids, ...known.added, ...known.patterns]);
    expect([...covered].filter((id) => !all.has(id))).toEqual([]);
  });
});
