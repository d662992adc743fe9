// Fixture-driven: each discovery fixture's report leads with the expected id, lists the others in
// order, says the expected phrases, leaks none of the listed secrets, and gives every step a URL
// or a check.
import { describe, expect, it } from 'vitest';
import { DISCOVERY_FIXTURES, runFixture } from './fixtures.ts';

describe('discovery fixtures', () => {
  it('has one or more per discovery id, each with a source', () => {
    expect(DISCOVERY_FIXTURES.length).toBeGreaterThanOrEqual(20);
    for (const [, fx] of DISCOVERY_FIXTURES) expect(fx.source).toMatch(/^https:\/\//);
  });

  for (const [file, fx] of DISCOVERY_FIXTURES) {
    it(`${file}: ${fx.name}`, async () => {
      const r = await runFixture(fx);
      const ids = r.findings.map((f) => f.id);
      expect(ids[0], `top of ${ids.join(', ')}`).toBe(fx.expect.ids[0]);
      let at = -1;
      for (const id of fx.expect.ids) {
        const next = ids.indexOf(id, at + 1);
        expect(next, `${id} after position ${at} in ${ids.join(', ')}`).toBeGreaterThan(at);
        at = next;
      }
      const top = r.findings[0]!;
      const text = [r.summary, top.title, top.explanation, ...top.evidence.map((e) => `${e.label}: ${e.value}`)].join(
        '\n',
      );
      for (const t of fx.expect.text) expect(text, `"${t}" in summary or top finding`).toContain(t);
      const all = JSON.stringify(r);
      for (const s of fx.expect.absent ?? []) expect(all).not.toContain(s);
      expect(r.summary).not.toMatch(/\n/);
      expect(r.steps.length).toBeGreaterThan(0);
      for (const s of r.steps) expect(s.findings.length, `${s.kind} ${s.url ?? ''}`).toBeGreaterThan(0);
      for (const f of r.findings) {
        expect(f.fixes.length, `${f.id} has a fix`).toBeGreaterThan(0);
        expect(f.references.length, `${f.id} has a reference`).toBeGreaterThan(0);
      }
    });
  }
});
