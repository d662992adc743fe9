// Fixture-driven: every exchange fixture's diagnosis leads with the expected id, lists the others
// in order, says the expected phrases and leaks none of the listed secrets.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/analysis/index.ts';
import { FIXTURES } from './fixtures.ts';

/** Findings that may accompany a response that is not a failure (`"ids": []`). */
const INCIDENTAL = ['token-in-query', 'insecure-transport', 'token-encrypted'];

describe('fixtures', () => {
  it('has at least 150 from at least 40 vendors, each citing an https source', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(FIXTURES.map(([, fx]) => fx.vendor)).size).toBeGreaterThanOrEqual(40);
    for (const [, fx] of FIXTURES) expect(fx.source).toMatch(/^https:\/\/\S+$/);
  });

  for (const [file, fx] of FIXTURES) {
    it(`${file}: ${fx.name}`, () => {
      const d = diagnose(fx.exchange, fx.context);
      const ids = d.findings.map((f) => f.id);
      if (fx.expect.ids.length === 0) {
        // A note (info) may accompany a success: a token past exp that the server's leeway accepted.
        const loud = d.findings.filter((f) => f.severity !== 'info').map((f) => f.id);
        expect(loud.filter((id) => !INCIDENTAL.includes(id))).toEqual([]);
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
      if (fx.expect.layer) expect(d.layer?.layer, d.layer?.evidence).toBe(fx.expect.layer);
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
