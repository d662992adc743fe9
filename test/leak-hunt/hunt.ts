// The leak hunt: a unique secret planted in every place a secret can sit (headers, vendor
// credential headers, cookies, query, fragment, userinfo, redirect hops and Location, bodies,
// form bodies, JWT claims, Basic and Digest user and password), on crafted records and on every
// exchange fixture, then searched for in every masked output (outputs.ts). Found must be 0
// (leak-hunt.test.ts), and with secrets revealed the same search finds what was planted
// (leak-hunt.control.test.ts, the control). Two files, so the two runs take a core each.
import { diagnose, type FingerprintKey } from '../../src/analysis/index.ts';
import { toExchange } from '../../src/shared/exchange.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { OUTPUTS, type Env } from './outputs.ts';
import { Garden, craftedRecords, fixtureRecord, fixtures } from './plant.ts';
import { Needles } from './needles.ts';

export const garden = new Garden();
export const records: CaptureRecord[] = [
  ...craftedRecords(garden),
  ...fixtures().map(([file, f]) => fixtureRecord(garden, file, f)),
];
const key: FingerprintKey = { bytes: new Uint8Array(32).fill(9) };
export const env: Env = {
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

export async function hunt(e: Env): Promise<{ finds: Find[]; searched: number }> {
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

export interface Find {
  output: string;
  where: string;
  planted: string;
  part: 'whole' | 'middle';
}
