// The holdout exchanges as a floor: what the engine gets right on traffic nobody tuned it for must
// not go down. `npm run holdout` prints the figures and the misses; raise the floor as it improves.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreHoldout } from '../../scripts/holdout-score.ts';

const FLOOR = { top: 67, layer: 62 };

const dir = resolve(import.meta.dirname, '../fixtures/holdout');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))] as const);

describe('holdout exchanges', () => {
  it(`the top finding is right on at least ${FLOOR.top} of ${files.length}, the layer on ${FLOOR.layer}`, () => {
    const s = scoreHoldout(files);
    expect(s.top, s.misses.join('\n')).toBeGreaterThanOrEqual(FLOOR.top);
    expect(s.layer).toBeGreaterThanOrEqual(FLOOR.layer);
  });
});
