// Scoring of the holdout exchanges (test/fixtures/holdout/): the top finding against the one id a
// careful expert would put first ([] = not a failure: no error or warning at all), and the layer.
import { diagnose, type Exchange } from '../src/analysis/index.ts';

interface HoldoutFixture {
  exchange: Exchange;
  context?: { now?: number; history?: Exchange[] };
  expect: { ids: string[]; layer?: string };
}

export interface HoldoutScore {
  total: number;
  top: number;
  withLayer: number;
  layer: number;
  misses: string[];
}

export function scoreHoldout(files: readonly (readonly [string, HoldoutFixture])[]): HoldoutScore {
  const s: HoldoutScore = { total: 0, top: 0, withLayer: 0, layer: 0, misses: [] };
  for (const [name, fx] of files) {
    const d = diagnose(fx.exchange, fx.context);
    const want = fx.expect.ids[0];
    const loud = d.findings.find((f) => f.severity === 'error' || f.severity === 'warning');
    const got = want === undefined ? loud?.id : d.findings[0]?.id;
    s.total++;
    if (got === want) s.top++;
    else s.misses.push(`${name}: expected ${want ?? '(not a failure)'}, got ${got ?? '(nothing)'}`);
    if (fx.expect.layer !== undefined && want !== undefined) {
      s.withLayer++;
      if (d.layer?.layer === fx.expect.layer) s.layer++;
    }
  }
  return s;
}
