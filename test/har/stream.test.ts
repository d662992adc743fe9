// The streaming HAR reader: the same entries as JSON.parse whatever the chunking; garbage gives
// one error event, never an exception; long strings are cut; work and memory follow the input.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarScanner, TRUNCATED, type HarEvent } from '../../src/har/stream.ts';

const FIXTURES = ['chrome-h2.har', 'firefox.har', 'playwright-chromium.har', 'chromium-recorded-lab.har'];
const bytes = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/har/${name}`, import.meta.url));

function scan(input: Uint8Array | string, cuts: number[] = [], limits = {}): HarEvent[] {
  const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const s = new HarScanner(limits);
  const out: HarEvent[] = [];
  let at = 0;
  for (const c of [...cuts.filter((x) => x > 0 && x < b.length)].sort((x, y) => x - y)) {
    out.push(...s.push(b.subarray(at, c)));
    at = c;
  }
  out.push(...s.push(b.subarray(at)), ...s.end());
  return out;
}
const entries = (ev: HarEvent[]): unknown[] => ev.flatMap((e) => (e.type === 'entry' ? [e.value] : []));

describe('HarScanner', () => {
  it.each(FIXTURES)('%s: the entries JSON.parse gives, for any chunking', (name) => {
    const b = bytes(name);
    const want = (JSON.parse(new TextDecoder().decode(b)) as { log: { entries: unknown[] } }).log.entries;
    fc.assert(
      fc.property(fc.array(fc.nat({ max: b.length }), { maxLength: 40 }), (cuts) => {
        const ev = scan(b, cuts);
        expect(entries(ev)).toEqual(want);
        expect(ev[ev.length - 1]).toEqual({ type: 'end', entries: want.length, bytes: b.length });
      }),
      { numRuns: 30 },
    );
  });

  it('any JSON value, any chunking: entries exactly when it is a HAR, else one error; never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ log: fc.record({ entries: fc.array(fc.jsonValue()) }) })),
        fc.array(fc.nat()),
        (v, cuts) => {
          const text = JSON.stringify(v, null, cuts.length % 2 ? 2 : 0) ?? 'null';
          const ev = scan(text, cuts);
          const isHar =
            typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            Array.isArray((v as { log?: { entries?: unknown } }).log?.entries);
          const last = ev[ev.length - 1]!;
          if (isHar) {
            expect(last.type).toBe('end');
            // what the text holds (JSON has no -0: it reads back as 0)
            expect(entries(ev)).toEqual((JSON.parse(text) as { log: { entries: unknown[] } }).log.entries);
          } else {
            expect(last.type).toBe('error');
            expect(ev.filter((e) => e.type === 'error')).toHaveLength(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes and cut HAR files: never a throw, exactly one end or error event last', () => {
    const har = bytes('chrome-h2.har');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.nat({ max: har.length }).map((n) => har.subarray(0, n)),
        ),
        fc.array(fc.nat()),
        (b, cuts) => {
          const ev = scan(b, cuts);
          const ends = ev.filter((e) => e.type === 'end' || e.type === 'error');
          expect(ends).toHaveLength(1);
          expect(ev[ev.length - 1]).toBe(ends[0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a cut HAR says truncated and how many entries were whole', () => {
    const text = JSON.stringify({ log: { entries: [{ a: 1 }, { b: '2' }, { c: 3 }] } });
    const ev = scan(text.slice(0, text.indexOf('{"c"') + 3));
    expect(ev.map((e) => e.type)).toEqual(['entry', 'entry', 'error']);
    expect(ev[2]).toMatchObject({ message: 'truncated: the file ends inside log.entries, after 2 complete entries' });
  });

  it('keys written with escapes are read as their value; pages and unknown keys are skipped', () => {
    const ev = scan('{"\\u006cog":{"pages":[{"x":"]}"}],"creator":{"name":"x"},"entries":[1]},"z":[[]]}');
    expect(ev).toEqual([
      { type: 'meta', key: 'creator', value: { name: 'x' } },
      { type: 'entry', index: 0, value: 1 },
      { type: 'end', entries: 1, bytes: expect.any(Number) },
    ]);
  });

  it('a string over the limit is cut (never inside an escape) and marked; the entry still parses', () => {
    const body = 'ab\\"c\\u00e9'.repeat(50);
    const ev = scan(`{"log":{"entries":[{"text":"${body}","k":"short"}]}}`, [17, 90], { maxStringBytes: 64 });
    const v = entries(ev)[0] as { text: string; k: string };
    expect(v.k).toBe('short');
    expect(v.text.endsWith(TRUNCATED)).toBe(true);
    expect(v.text.length).toBeLessThan(70);
    expect('ab"cé'.repeat(50).startsWith(v.text.slice(0, -1))).toBe(true);
  });

  it('limits: too many entries, an entry too big, too many bytes: each one error', () => {
    expect(scan('{"log":{"entries":[1,2,3]}}', [], { maxEntries: 2 }).at(-1)).toMatchObject({
      message: 'more than 2 entries: over the limit a HAR import reads',
    });
    expect(scan(`{"log":{"entries":[[${'1,'.repeat(100)}1]]}}`, [30], { maxEntryBytes: 50 }).at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/^entry 0 is over/),
    });
    expect(scan('{"log":{"entries":[]}}', [5], { maxBytes: 10 }).at(-1)).toMatchObject({
      message: expect.stringMatching(/of input: over the limit/),
    });
  });

  it('an entry that does not parse: the reason without the text (it may hold a secret)', () => {
    const ev = scan('{"log":{"entries":[{"authorization":"Bearer s3cret" x}]}}');
    const err = ev.at(-1) as { type: string; message: string };
    expect(err.type).toBe('error');
    expect(err.message).toMatch(/^not JSON: entry 0 \(at byte 19\) does not parse/);
    expect(err.message).not.toContain('s3cret');
  });

  it('deep nesting and long runs of backslashes finish (no recursion, no backtracking)', () => {
    const deep = `{"log":{"entries":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}}`;
    expect(scan(deep, [], { maxEntryBytes: 1e6 }).at(-1)?.type).toMatch(/end|error/);
    const slashes = `{"log":{"entries":["${'\\\\'.repeat(100_000)}"]}}`;
    expect(entries(scan(slashes, [1000, 1001, 1002]))[0]).toBe('\\'.repeat(100_000));
  });

  it('keeps no more than the entry in hand: a 40 MB string body is read with its first megabyte', () => {
    const big = 'x'.repeat(40 * 1024 * 1024);
    const s = new HarScanner();
    const out = [...s.push('{"log":{"entries":[{"response":{"content":{"text":"')];
    const chunk = new TextEncoder().encode(big.slice(0, 1 << 20));
    for (let i = 0; i < 40; i++) out.push(...s.push(chunk));
    out.push(...s.push('"}}}]}}'), ...s.end());
    const text = (entries(out)[0] as { response: { content: { text: string } } }).response.content.text;
    expect(text.length).toBe((1 << 20) + 1);
    expect(text.endsWith(TRUNCATED)).toBe(true);
  });
});
