// Parse (and diagnose) throughput, side by side with the npm parsers `auth-header` and
// `http-auth-utils` on the same real-world corpus, plus how many inputs each gets right.
// Run: npx tsx scripts/bench/parse.ts   (prints Markdown; runParseBench() returns it).
// Method: parsers run interleaved in rotating order, many rounds, medians reported, so a noisy
// machine slows every parser alike and ratios stay meaningful. Batches are timed in process CPU
// time, not wall time: on a shared, overloaded machine (load 20 on 2 cores while measuring) wall
// time mostly measures waiting for a core. Figures are never asserted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseWWWAuthenticateHeader } from 'http-auth-utils';
import { countParseSteps, parseChallenges } from '../../src/analysis/index.ts';
import type { Challenge, DiagnoseContext, Exchange } from '../../src/analysis/index.ts';

// auth-header is CommonJS without type declarations.
const authHeader = createRequire(import.meta.url)('auth-header') as {
  parse(s: string): { scheme: string; params: Record<string, unknown>; token: unknown };
};
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface Entry {
  source: string;
  value: string | string[];
  expected: Challenge[];
}
type Parser = {
  name: string;
  parse: (value: string | string[]) => Challenge[];
  valid?: (value: string | string[]) => boolean;
};

const lines = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const lowerKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

// Both libraries take one challenge per call (auth-header says so in its README), so each field
// line is handed over separately: the most favourable reading of their APIs.
const parsers: Parser[] = [
  {
    name: 'AuthLens parseChallenges',
    parse: (v) => parseChallenges(v).challenges,
    valid: (v) => parseChallenges(v).problems.length === 0,
  },
  {
    name: 'auth-header 1.0.0 parse',
    parse: (v) =>
      lines(v).map((line) => {
        const r = authHeader.parse(line);
        const c: Record<string, unknown> = { scheme: r.scheme, params: lowerKeys(r.params) };
        if (r.token !== null && r.token !== undefined) c['token68'] = r.token;
        return c as unknown as Challenge;
      }),
  },
  {
    name: 'http-auth-utils 6.0.1 parseWWWAuthenticateHeader',
    parse: (v) =>
      lines(v).map((line) => {
        const r = parseWWWAuthenticateHeader(line);
        return { scheme: r.type, params: r.data as Record<string, string> };
      }),
  },
];

function canonical(cs: Challenge[]): string {
  return JSON.stringify(
    cs.map((c) => [c.scheme, Object.entries(c.params).sort(([a], [b]) => (a < b ? -1 : 1)), c.token68 ?? null]),
  );
}

function isCorrect(p: Parser, e: Entry): boolean {
  try {
    return canonical(p.parse(e.value)) === canonical(e.expected) && (p.valid?.(e.value) ?? true);
  } catch {
    return false; // a throw is a wrong answer
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** CPU time of this process in ms (user + system). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** ops/s samples per job, one per interleaved round; each batch is calibrated to ~10 ms of CPU. */
function sample(jobs: { name: string; run: () => number; ops: number }[], rounds: number): Map<string, number[]> {
  let sink = 0;
  const reps = new Map<string, number>();
  for (const j of jobs) {
    let k = 1;
    for (;;) {
      const t = cpuMs();
      for (let r = 0; r < k; r++) sink += j.run();
      if (cpuMs() - t > 10) break;
      k *= 2;
    }
    reps.set(j.name, k);
  }
  const samples = new Map<string, number[]>(jobs.map((j) => [j.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let q = 0; q < jobs.length; q++) {
      const j = jobs[(q + round) % jobs.length]!;
      const k = reps.get(j.name)!;
      const t = cpuMs();
      for (let r = 0; r < k; r++) sink += j.run();
      samples.get(j.name)!.push((k * j.ops) / (Math.max(cpuMs() - t, 0.001) / 1000));
    }
  }
  if (sink === 0.5) console.log(sink); // keeps the work observable
  return samples;
}

function measure(jobs: { name: string; run: () => number; ops: number }[], rounds: number): Map<string, number> {
  return new Map([...sample(jobs, rounds)].map(([n, xs]) => [n, median(xs)]));
}

/** Median over rounds of a/b: both ran in the same round, so machine drift cancels. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((x, k) => x / b[k]!));

function runCorpus(p: Parser, corpus: Entry[]): () => number {
  return () => {
    let n = 0;
    for (const e of corpus) {
      try {
        n += p.parse(e.value).length;
      } catch {
        n--;
      }
    }
    return n;
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function diagnoseLine(rounds: number): Promise<string> {
  const dir = join(root, 'test', 'fixtures', 'exchanges');
  const mod = (await import('../../src/analysis/index.ts').catch(() => undefined)) as
    { diagnose?: (e: Exchange, c?: DiagnoseContext) => unknown } | undefined;
  if (typeof mod?.diagnose !== 'function')
    return '_diagnose: skipped: src/analysis/index.ts does not export `diagnose` yet._';
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const cases: { exchange: Exchange; context: DiagnoseContext }[] = [];
  for (const f of files) {
    try {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      const exchange = (raw['exchange'] ?? raw) as Exchange;
      const context = (raw['context'] ?? {}) as DiagnoseContext;
      if (typeof exchange?.url === 'string' && typeof exchange.status === 'number') cases.push({ exchange, context });
    } catch {
      /* not a fixture */
    }
  }
  if (cases.length === 0) return '_diagnose: skipped: no exchange fixtures in test/fixtures/exchanges/ yet._';
  const diagnose = mod.diagnose;
  const lines: string[] = [];
  for (const [label, set] of [
    ['as written', cases],
    ['with 64 KB bodies', cases.map((c) => ({ ...c, exchange: withBodyOf(c.exchange, BIG_BODY) }))],
  ] as const)
    lines.push(diagnoseRate(diagnose, set, rounds, label));
  return lines.join('\n');
}

/** A body of `size` characters: the fixture's own, continued as its format allows, or an error page. */
const BIG_BODY = 64 * 1024;
function withBodyOf(e: Exchange, size: number): Exchange {
  const body = e.responseBody ?? '<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1>';
  const json = /^\s*[[{]/.test(body);
  const fill = json ? ' '.repeat(Math.max(0, size - body.length)) : `<p>${'lorem ipsum '.repeat(size / 12)}</p>`;
  return { ...e, responseBody: (body + fill).slice(0, Math.max(size, body.length)) };
}

function diagnoseRate(
  diagnose: (e: Exchange, c?: DiagnoseContext) => unknown,
  cases: readonly { exchange: Exchange; context: DiagnoseContext }[],
  rounds: number,
  label: string,
): string {
  const run = () => {
    let n = 0;
    for (const c of cases) {
      try {
        diagnose(c.exchange, c.context);
        n++;
      } catch {
        n--;
      }
    }
    return n;
  };
  const threw = (cases.length - run()) / 2; // run() counts +1 per success, -1 per throw
  const r = measure([{ name: 'diagnose', run, ops: cases.length }], rounds);
  return (
    `diagnose(), ${label}: **${fmt(r.get('diagnose')!)} exchanges/s** (median of ${rounds} rounds over ` +
    `${cases.length} fixture exchanges from test/fixtures/exchanges/` +
    `${threw > 0 ? `; **${threw} of them threw**` : ', none threw'}).`
  );
}

export async function runParseBench(options: { rounds?: number } = {}): Promise<string> {
  const rounds = options.rounds ?? 31;
  const corpus = (JSON.parse(readFileSync(join(here, 'corpus', 'challenges.json'), 'utf8')) as { entries: Entry[] })
    .entries;
  const multi = corpus.filter((e) => e.expected.length > 1).length;
  // Speed on everything (a library's throws are part of its cost), and on the inputs every parser
  // gets right (the like-for-like figure).
  const common = corpus.filter((e) => parsers.every((p) => isCorrect(p, e)));
  const all = sample(
    parsers.map((p) => ({ name: p.name, run: runCorpus(p, corpus), ops: corpus.length })),
    rounds,
  );
  const both = sample(
    parsers.map((p) => ({ name: p.name, run: runCorpus(p, common), ops: common.length })),
    rounds,
  );
  const speed = new Map([...all].map(([n, xs]) => [n, median(xs)]));
  const speedCommon = new Map([...both].map(([n, xs]) => [n, median(xs)]));
  const ours = speed.get(parsers[0]!.name)!;
  const oursCommon = speedCommon.get(parsers[0]!.name)!;
  const others = parsers.slice(1).map((p) => p.name);
  const fastest = others.reduce((a, b) => (speed.get(a)! >= speed.get(b)! ? a : b));
  const fastestCommon = others.reduce((a, b) => (speedCommon.get(a)! >= speedCommon.get(b)! ? a : b));
  const out: string[] = [
    `### Challenge parsing: ${corpus.length} real-world WWW-Authenticate values (${multi} with several challenges)`,
    '',
    `| Parser | inputs/s, all ${corpus.length} (median) | relative | inputs/s, ` +
      `the ${common.length} all parse right | relative | parsed correctly |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const p of parsers) {
    const s = speed.get(p.name)!;
    const sc = speedCommon.get(p.name)!;
    const right = corpus.filter((e) => isCorrect(p, e)).length;
    out.push(
      `| ${p.name} | ${fmt(s)} | ${(s / ours).toFixed(2)}× | ${fmt(sc)} | ${(sc / oursCommon).toFixed(2)}× | ` +
        `${right} / ${corpus.length} |`,
    );
  }
  const ours0 = parsers[0]!.name;
  out.push(
    '',
    `AuthLens vs the fastest library (${fastest.split(' ')[0]}): ` +
      `**${pairedRatio(all.get(ours0)!, all.get(fastest)!).toFixed(2)}×** its throughput on the whole corpus, ` +
      `**${pairedRatio(both.get(ours0)!, both.get(fastestCommon)!).toFixed(2)}×** on the inputs all three ` +
      `parse correctly (median of per-round ratios). ` +
      '"Correctly" means the exact challenges, parameters and token68 of RFC 9110 §11 (for AuthLens also: ' +
      'no problems reported); a throw counts as wrong. ' +
      `Median of ${rounds} interleaved rounds, CPU time, Node ${process.version}.`,
  );

  // Linear time, measured: a 64 KB header against an 8 KB one of the same content.
  const piece = 'Digest realm="a\\"b", nonce=abc, qop="auth", Negotiate abc==, ';
  const make = (bytes: number) => piece.repeat(Math.ceil(bytes / piece.length)).slice(0, bytes);
  const small = make(8 * 1024),
    large = make(64 * 1024);
  const big = measure(
    [
      { name: '8k', run: () => parseChallenges(small).challenges.length, ops: 1 },
      { name: '64k', run: () => parseChallenges(large).challenges.length, ops: 1 },
    ],
    rounds,
  );
  const t8 = 1000 / big.get('8k')!,
    t64 = 1000 / big.get('64k')!;
  out.push(
    '',
    `Huge headers: 8 KB in ${t8.toFixed(3)} ms, 64 KB in ${t64.toFixed(3)} ms (time ratio ` +
      `${(t64 / t8).toFixed(2)} for 8× the input; ` +
      `scan steps ${countParseSteps(small)} vs ${countParseSteps(large)}); ` +
      `${(64 / 1024 / (t64 / 1000)).toFixed(1)} MB/s.`,
  );
  out.push('', await diagnoseLine(rounds));
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runParseBench().then(
    (md) => console.log(md),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
