// The engine against its own catalogue: every id a diagnosis contains is declared, every declared
// id is expected by a fixture and emitted by one, and every entry says what the docs need.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, FAMILIES, diagnose, findingDocPath, findingMeta } from '../../src/analysis/index.ts';
import { FIXTURES } from './fixtures.ts';
import { discoveryCoverage } from './discovery/fixtures.ts';

const declared = Object.keys(CATALOGUE);
const expected = new Set(FIXTURES.flatMap(([, fx]) => fx.expect.ids));
const emitted = new Map<string, string>();
for (const [file, fx] of FIXTURES)
  for (const f of diagnose(fx.exchange, fx.context).findings) if (!emitted.has(f.id)) emitted.set(f.id, file);
// the discovery doctor's ids come from its own fixtures (test/fixtures/discovery), run on canned documents
const discovery = await discoveryCoverage();
for (const id of discovery.expected) expected.add(id);
for (const [id, file] of discovery.emitted) if (!emitted.has(id)) emitted.set(id, file);

describe('finding catalogue', () => {
  it('declares every id a fixture diagnosis emits', () => {
    expect([...emitted].filter(([id]) => !findingMeta(id)).map(([id, file]) => `${id} (${file})`)).toEqual([]);
  });

  it('has a fixture whose expect.ids names each entry', () => {
    expect(declared.filter((id) => !expected.has(id))).toEqual([]);
  });

  it('has each entry emitted by some fixture', () => {
    expect(declared.filter((id) => !emitted.has(id))).toEqual([]);
  });

  it('is what fixtures expect: no fixture names an undeclared id', () => {
    expect([...expected].filter((id) => !findingMeta(id))).toEqual([]);
  });

  it('gives each entry what its documentation shows', () => {
    for (const m of Object.values(CATALOGUE)) {
      expect(m.id, 'kebab-case').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(FAMILIES)).toContain(m.family);
      for (const text of [m.title, m.means, m.restsOn]) expect(text.trim().length, m.id).toBeGreaterThan(5);
      expect(m.fixes.length, `${m.id} has a fix`).toBeGreaterThan(0);
      expect(m.references.length, `${m.id} has a reference`).toBeGreaterThan(0);
      for (const r of m.references) expect(r.url).toMatch(/^https:\/\//);
    }
  });

  it('answers lookups by id, and only for its own ids', () => {
    expect(findingMeta('token-expired')?.title).toBe('Token expired');
    expect(findingMeta('nope')).toBeUndefined();
    expect(findingMeta('constructor')).toBeUndefined();
    expect(findingDocPath('token-expired')).toBe('findings.html#token-expired');
  });

  it('cannot be changed through a finding', () => {
    const fx = FIXTURES.find(([, f]) => f.expect.ids[0] === 'no-credentials')![1];
    const f = diagnose(fx.exchange, fx.context).findings[0]!;
    f.fixes[0]!.text = 'changed';
    f.references.push({ title: 'x', url: 'https://example.com' });
    expect(CATALOGUE['no-credentials'].fixes[0]!.text).not.toBe('changed');
    expect(CATALOGUE['no-credentials'].references.length).toBe(3);
  });
});
