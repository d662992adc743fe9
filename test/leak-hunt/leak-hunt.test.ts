// @vitest-environment happy-dom
// The leak hunt: a unique secret planted in every place a secret can sit (headers, vendor
// credential headers, cookies, query, fragment, userinfo, redirect hops and Location, bodies,
// form bodies, JWT claims, Basic and Digest user and password), on crafted records and on every
// exchange fixture, then searched for in every masked output (outputs.ts). Found must be 0.
import { cleanup } from '@testing-library/preact';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnose, type FingerprintKey } from '../../src/analysis/index.ts';
import { toExchange } from '../../src/shared/exchange.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { OUTPUTS, type Env } from './outputs.ts';
import { Garden, craftedRecords, fixtureRecord, fixtures } from './plant.ts';
import { Needles } from './needles.ts';

afterAll(cleanup);

const garden = new Garden();
const records: CaptureRecord[] = [
  ...craftedRecords(garden),
  ...fixtures().map(([file, f]) => fixtureRecord(garden, file, f)),
];
const key: FingerprintKey = { bytes: new Uint8Array(32).fill(9) };
const env: Env = {
  key,
  diagnosis: (r) => diagnose(toExchange(r), { now: r.time, fingerprintKey: key }),
};

// what is searched for: each planted value, and the middle of each long one
const wanted: string[] = [];
const search = garden.planted.map((p) => ({
  p,
  value: wanted.push(p.value) - 1,
  core: p.core === undefined ? undefined : wanted.push(p.core) - 1,
}));
const needles = new Needles(wanted);

async function hunt(e: Env): Promise<{ finds: Find[]; searched: number }> {
  const finds: Find[] = [];
  let searched = 0;
  for (const output of OUTPUTS) {
    for (const shown of await output.show(records, e)) {
      searched++;
      const held = needles.in(shown.text);
      for (const { p, value, core } of search) {
        if (held.has(value)) finds.push({ output: output.name, where: shown.where, planted: p.where, part: 'whole' });
        else if (core !== undefined && held.has(core))
          finds.push({ output: output.name, where: shown.where, planted: p.where, part: 'middle' });
      }
    }
  }
  return { finds, searched };
}

interface Find {
  output: string;
  where: string;
  planted: string;
  part: 'whole' | 'middle';
}

describe('leak hunt', () => {
  it(`${garden.planted.length} secrets planted in ${records.length} records: no masked output holds one`, async () => {
    const { finds, searched } = await hunt(env);
    console.log(
      `leak hunt: ${garden.planted.length} planted in ${records.length} records, ` +
        `${searched} outputs searched (${OUTPUTS.map((o) => o.name).join(', ')}), ${finds.length} found`,
    );
    expect(finds.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('control: with secrets revealed the same search finds what was planted (the hunt can see)', async () => {
    const { finds } = await hunt({ ...env, reveal: true });
    const seen = new Set(finds.map((f) => f.planted));
    const missed = garden.planted.filter((p) => p.shownRevealed && !seen.has(p.where)).map((p) => p.where);
    console.log(`leak hunt control: ${seen.size} of ${garden.planted.length} planted found with secrets revealed`);
    // a fixture's own absent secret may sit where its record no longer carries it (a replaced header)
    expect(missed.filter((w) => !w.endsWith('(its own absent secret)'))).toEqual([]);
  }, 600_000);
});
