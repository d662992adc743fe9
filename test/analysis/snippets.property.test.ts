// Nothing a server sends becomes code a user runs unquoted. Hostile values go into every field a
// server controls (each challenge parameter, each string in a JSON body, the Location of a
// redirect), on every exchange fixture and on the challenges whose values rules quote into code;
// every fix snippet is then parsed as its language (mvdan-sh for shell, TypeScript's parser for
// JavaScript, the quoted-string grammar of RFC 9110 §5.6.4 for HTTP, Python's string literal) and
// each server value must sit inside one string literal, never in code.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { diagnose, type Exchange } from '../../src/analysis/index.ts';
import { httpQuote, jsQuote, pyQuote, shQuote } from '../../src/analysis/snippets.ts';
import { FIXTURES } from './fixtures.ts';

interface ShNode {
  Pos(): { Offset(): number };
  End(): { Offset(): number };
}
const mvdan = createRequire(import.meta.url)('mvdan-sh') as {
  syntax: {
    NewParser(): { Parse(src: string, name: string): ShNode };
    Walk(node: ShNode, visit: (n: ShNode | null) => boolean): void;
    NodeType(n: ShNode): string;
  };
};

// Two markers around each payload: the region between them is the server's value.
const OPEN = 'QZXOPEN';
const CLOSE = 'QZXCLOSE';
const PAYLOADS = [
  '$(touch pwned)',
  '`touch pwned`',
  "'; touch pwned; '",
  '"; touch pwned; "',
  "'+(globalThis.pwned=1)+'",
  '${process.exit(1)}',
  "\\'); pwned(); //",
  '\n touch pwned \n',
  'a\u2028b\u2029c',
  '"\r\nX-Injected: 1',
  '$HOME ${IFS} !! *',
  '\\\' \\" \\\\',
];
const hostile = (payload: string): string => `${OPEN}${payload}${CLOSE}`;

/** the server's values in a snippet: [start of OPEN, end of CLOSE) for each pair */
function regions(code: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (;;) {
    const a = code.indexOf(OPEN, from);
    if (a < 0) return out;
    const b = code.indexOf(CLOSE, a);
    if (b < 0) {
      out.push([a, a + OPEN.length]); // cut short (clip): where it starts must be quoted
      return out;
    }
    out.push([a, b + CLOSE.length]);
    from = b + CLOSE.length;
  }
}

const UNSAFE_SH = new Set(['CmdSubst', 'ProcSubst', 'ParamExp', 'ArithmExp', 'DblQuoted', 'ExtGlob', 'BraceExp']);

function shellProblems(code: string): string[] {
  const p = mvdan.syntax.NewParser();
  let file: ShNode;
  try {
    file = p.Parse(code, 'snippet');
  } catch (e) {
    return [`does not parse as shell: ${String(e)}`];
  }
  const nodes: { type: string; from: number; to: number }[] = [];
  mvdan.syntax.Walk(file, (n) => {
    if (n) nodes.push({ type: mvdan.syntax.NodeType(n), from: n.Pos().Offset(), to: n.End().Offset() });
    return true;
  });
  const out: string[] = [];
  for (const [a, b] of regions(code)) {
    // one word holds the whole value, made of single-quoted parts (and the \' between them)
    if (!nodes.some((n) => n.type === 'Word' && n.from <= a && b <= n.to)) out.push(`value at ${a} spans words`);
    for (const n of nodes)
      if (UNSAFE_SH.has(n.type) && n.from < b && a < n.to) out.push(`${n.type} over the value at ${a}`);
    if (!nodes.some((n) => n.type === 'SglQuoted' && n.from <= a && a + OPEN.length <= n.to))
      out.push(`value at ${a} not single-quoted`);
  }
  return out;
}

function jsProblems(code: string): string[] {
  const file = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const [a, b] of regions(code)) {
    let literal: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      if (n.getStart(file) <= a && b <= n.getEnd()) {
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literal = n;
        n.forEachChild(visit);
      }
    };
    visit(file);
    if (!literal) out.push(`value at ${a} is not inside one string literal`);
  }
  return out;
}

/** RFC 9110 §5.6.4: the value sits in one quoted-string on one line */
function httpProblems(code: string): string[] {
  const out: string[] = [];
  for (const [a, b] of regions(code)) {
    const open = code.lastIndexOf('"', a);
    if (open < 0 || /[\r\n]/.test(code.slice(open, b))) out.push(`value at ${a} not in a quoted-string on its line`);
    const inner = code.slice(open + 1, b);
    if (/(^|[^\\])(\\\\)*"/.test(inner)) out.push(`value at ${a} ends its quoted-string early`);
  }
  return out;
}

function pyProblems(code: string): string[] {
  const out: string[] = [];
  for (const [a, b] of regions(code)) {
    const open = code.lastIndexOf('"', a);
    const inner = code.slice(open + 1, b);
    if (open < 0 || /[\r\n\u2028\u2029]/.test(inner) || /(^|[^\\])(\\\\)*"/.test(inner))
      out.push(`value at ${a} not inside one string literal`);
  }
  return out;
}

const CHECK = { sh: shellProblems, js: jsProblems, http: httpProblems, py: pyProblems } as const;

/** every fix with code, checked; returns the problems and how many server values were met */
function check(e: Exchange): { problems: string[]; values: number } {
  const d = diagnose(e, { now: e.timeStamp });
  const problems: string[] = [];
  let values = 0;
  for (const f of d.findings)
    for (const fix of f.fixes) {
      if (!fix.code) continue;
      const n = regions(fix.code).length;
      if (n === 0) continue;
      values += n;
      if (!fix.lang) {
        problems.push(`${f.id}: a fix carries server values in code without a language`);
        continue;
      }
      for (const p of CHECK[fix.lang](fix.code)) problems.push(`${f.id} (${fix.lang}): ${p}\n${fix.code}`);
    }
  return { problems, values };
}

/** a value as it must be written inside an HTTP quoted-string in a header */
const inQuotes = (v: string): string => v.replace(/[\r\n]/g, ' ').replace(/["\\]/g, '\\$&');

/** Every challenge parameter, every JSON string and the Location carry the hostile value. */
function poisoned(e: Exchange, value: string): Exchange {
  const q = inQuotes(value);
  const responseHeaders = e.responseHeaders.map((h) => {
    const name = h.name.toLowerCase();
    if (name === 'www-authenticate' || name === 'proxy-authenticate')
      return { ...h, value: h.value.replace(/=(?:"(?:[^"\\]|\\.)*"|[^\s",]+)/g, `="${q}"`) };
    if (name === 'location') return { ...h, value: `${h.value}${h.value.includes('?') ? '&' : '?'}x=${q}` };
    return h;
  });
  let responseBody = e.responseBody;
  if (responseBody !== undefined) {
    try {
      responseBody = JSON.stringify(
        JSON.parse(responseBody, (_k, v: unknown) => (typeof v === 'string' ? `${v}${value}` : v)),
      );
    } catch {
      responseBody = `${responseBody}${value}`;
    }
  }
  return { ...e, responseHeaders, ...(responseBody !== undefined ? { responseBody } : {}) };
}

const base: Exchange = {
  url: 'https://api.example.com/v1/things',
  method: 'GET',
  status: 401,
  type: 'xmlhttprequest',
  timeStamp: 1_795_372_325_000,
  requestHeaders: [{ name: 'Authorization', value: 'Bearer abc.def.ghi' }],
  responseHeaders: [],
};
const challenge = (value: string): Exchange => ({
  ...base,
  responseHeaders: [{ name: 'WWW-Authenticate', value }],
});

/** challenges whose values the rules quote into code: registry realm, claims, step-up, metadata */
const SHAPES: ((v: string) => Exchange)[] = [
  (v) => challenge(`Bearer realm="https://auth.example.com/token${inQuotes(v)}",service="${inQuotes(v)}"`),
  (v) =>
    challenge(
      `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ` +
        `error="insufficient_claims", claims="${Buffer.from(`{"access_token":{"acrs":{"value":"${v.replace(/["\\]/g, '\\$&')}"}}}`).toString('base64')}"`,
    ),
  (v) =>
    challenge(`Bearer error="insufficient_user_authentication", acr_values="${inQuotes(v)}", max_age="${inQuotes(v)}"`),
  (v) =>
    challenge(`Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource${inQuotes(v)}"`),
];

describe('fix snippets never run a server value', () => {
  it('the quoting functions keep any string one literal of their language', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string(), fc.string({ unit: 'binary' })), (p) => {
        const v = hostile(p);
        expect(shellProblems(`curl -s ${shQuote(v)} | jq -r .token`)).toEqual([]);
        expect(jsProblems(`fetch(${jsQuote(v)})`)).toEqual([]);
        expect(httpProblems(`WWW-Authenticate: Bearer realm=${httpQuote(v)}`)).toEqual([]);
        expect(pyProblems(`requests.get(${pyQuote(v)})`)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('the checks see an unquoted value (they would have caught the old snippets)', () => {
    const v = hostile('$(touch pwned)');
    expect(shellProblems(`curl -s "${v}" | jq -r .token`).length).toBeGreaterThan(0);
    expect(jsProblems(`fetch('${hostile("'+(globalThis.pwned=1)+'")}')`).length).toBeGreaterThan(0);
    expect(httpProblems(`WWW-Authenticate: Bearer realm="${hostile('"\r\nX: 1')}"`).length).toBeGreaterThan(0);
  });

  it('the challenges rules quote into code, with any hostile value', () => {
    let values = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 40 })),
        fc.constantFrom(...SHAPES),
        (p, shape) => {
          const r = check(shape(hostile(p)));
          values += r.values;
          expect(r.problems).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
    expect(values, 'server values reached some snippet: the test is not vacuous').toBeGreaterThan(0);
  });

  it('every exchange fixture, every server-controlled field poisoned', () => {
    const problems: string[] = [];
    let values = 0;
    for (const [name, fx] of FIXTURES)
      for (const p of PAYLOADS.slice(0, 6)) {
        const r = check(poisoned(fx.exchange, hostile(p)));
        values += r.values;
        for (const x of r.problems) problems.push(`${name}: ${x}`);
      }
    expect(problems).toEqual([]);
    expect(values, 'server values reached some snippet: the test is not vacuous').toBeGreaterThan(0);
  });
});
