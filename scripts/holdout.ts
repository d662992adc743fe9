// `npm run holdout`: the engine on exchanges nobody tuned it for (test/fixtures/holdout/, written
// from vendor docs without reading the rules): how often the top finding is the one a careful
// expert would put first, how often the layer that said no is right, and each miss. Rules are
// never written against these files (their README says why); this only measures.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scoreHoldout } from './holdout-score.ts';

const dir = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'holdout');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))] as const);
const s = scoreHoldout(files);
const pct = (n: number, of: number): string => `${n}/${of} (${Math.round((100 * n) / of)} %)`;
console.log(`top finding right: ${pct(s.top, s.total)}`);
console.log(`layer right:       ${pct(s.layer, s.withLayer)}`);
if (s.misses.length) console.log(`\nmisses:\n${s.misses.map((m) => `  ${m}`).join('\n')}`);
