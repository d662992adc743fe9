// WWW-Authenticate / Proxy-Authenticate challenges and Authorization credentials, RFC 9110 §11:
//   challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param  = token BWS "=" BWS ( token / quoted-string )
//   token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
// Lists follow §5.6.1 (empty elements accepted); several field lines are one list (§5.3).
// A hand-written single pass: every loop advances the cursor, so time is linear in the input.
// Lenient and honest: whatever can be made out is returned, and `problems` is empty exactly
// when the input matches the grammar.
import type { Challenge, ChallengeParse } from './types.ts';

export interface Problem {
  message: string;
  offset?: number;
}

/** Beyond this, problems are counted, not listed: a 64 KB junk header must not yield 64 K messages. */
const MAX_PROBLEMS = 20;

interface Cursor {
  s: string;
  i: number;
  steps: number;
  problems: Problem[];
  dropped: number;
  where: (offset: number) => string;
}

// tchar (§5.6.2): "!" "#" "$" "%" "&" "'" "*" "+" "-" "." "^" "_" "`" "|" "~" DIGIT ALPHA
const TCHAR = new Uint8Array(128);
const T68 = new Uint8Array(128);
for (let k = 0x30; k <= 0x39; k++) TCHAR[k] = T68[k] = 1;
for (let k = 0x41; k <= 0x5a; k++) TCHAR[k] = T68[k] = TCHAR[k + 32] = T68[k + 32] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;
for (const ch of '-._~+/') T68[ch.charCodeAt(0)] = 1;
const isTchar = (code: number): boolean => code < 128 && TCHAR[code] === 1;
const isToken68Char = (code: number): boolean => code < 128 && T68[code] === 1;

function show(ch: string | undefined): string {
  return ch === undefined ? 'the end' : JSON.stringify(ch);
}

function note(c: Cursor, message: string, offset: number): void {
  if (c.problems.length < MAX_PROBLEMS) c.problems.push({ message: `${message} (${c.where(offset)}).`, offset });
  else c.dropped++;
}

function skipOws(c: Cursor): void {
  const s = c.s;
  for (let code = s.charCodeAt(c.i); code === 0x20 || code === 0x09; code = s.charCodeAt(c.i)) {
    c.i++;
    c.steps++;
  }
}

/** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, from the opening quote at c.i. */
function readQuoted(c: Cursor, name: string): string {
  const s = c.s;
  const open = c.i++;
  let out = '';
  let from = c.i;
  let reportedCtl = false;
  while (c.i < s.length) {
    c.steps++;
    const code = s.charCodeAt(c.i);
    if (code === 0x22) {
      out += s.slice(from, c.i++);
      return out;
    }
    if (code === 0x5c) {
      // quoted-pair: the backslash goes, the next character stays
      out += s.slice(from, c.i);
      if (c.i + 1 >= s.length) {
        from = s.length;
        break;
      }
      const next = s.charCodeAt(c.i + 1);
      if ((next < 0x20 && next !== 0x09) || next === 0x7f)
        note(c, `A backslash in the value of "${name}" escapes a control character`, c.i);
      from = c.i + 1;
      c.i += 2;
      continue;
    }
    if (!reportedCtl && ((code < 0x20 && code !== 0x09) || code === 0x7f)) {
      note(c, `The quoted value of "${name}" contains the control character ${show(s[c.i])}`, c.i);
      reportedCtl = true;
    }
    c.i++;
  }
  out += s.slice(from, s.length);
  c.i = s.length;
  note(c, `The quoted value of "${name}" has no closing quote`, open);
  return out;
}

/** Recovery: skip past junk to the next "," that is not inside a quoted string. */
function skipToComma(c: Cursor): void {
  const s = c.s;
  while (c.i < s.length && s[c.i] !== ',') {
    c.steps++;
    if (s[c.i] === '"') {
      c.i++;
      while (c.i < s.length && s[c.i] !== '"') {
        c.steps++;
        c.i += s[c.i] === '\\' ? 2 : 1;
      }
    }
    c.i++;
  }
  if (c.i > s.length) c.i = s.length;
}

/** Offsets are into the lines joined with ", "; messages name the line when there are several. */
function lineLocator(lines: readonly string[]): (offset: number) => string {
  if (lines.length <= 1) return (o) => `at character ${o + 1}`;
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 2;
  }
  return (o) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= o) k++;
    return `header line ${k + 1}, character ${Math.min(o - starts[k]!, lines[k]!.length) + 1}`;
  };
}

function setParam(c: Cursor, ch: Challenge, key: string, value: string, at: number): void {
  if (Object.hasOwn(ch.params, key)) {
    note(
      c,
      `Parameter "${key}" appears twice in the ${ch.scheme} challenge; ` +
        'each may occur only once (RFC 9110 §11.2), so the first value is kept',
      at,
    );
    return;
  }
  // A parameter named "__proto__" must stay a plain entry, not replace the prototype.
  if (key === '__proto__')
    Object.defineProperty(ch.params, key, { value, enumerable: true, writable: true, configurable: true });
  else ch.params[key] = value;
}

/** After "=": BWS then token or quoted-string. */
function readValue(c: Cursor, name: string, at: number): string {
  skipOws(c);
  const s = c.s;
  if (c.i < s.length && s[c.i] === '"') return readQuoted(c, name);
  const start = c.i;
  let bad = -1;
  while (c.i < s.length) {
    c.steps++;
    const ch = s.charCodeAt(c.i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x2c) break;
    if (bad < 0 && !isTchar(ch)) bad = c.i;
    c.i++;
  }
  if (c.i === start) note(c, `Parameter "${name}" has no value after "="`, at);
  else if (bad >= 0) {
    note(
      c,
      `The value of "${name}" contains ${show(s[bad])}, which is not allowed in an unquoted value; ` +
        'it should be a quoted string',
      bad,
    );
  }
  return s.slice(start, c.i);
}

/** OWS, then the element must end ("," or the end of the input). `token` names a token68 element. */
function endElement(c: Cursor, single: boolean, param?: string, token?: string): void {
  skipOws(c);
  if (c.i >= c.s.length) return;
  if (c.s.charCodeAt(c.i) === 0x2c) {
    if (single && token !== undefined) note(c, 'A credential with a token cannot continue with a comma', c.i);
    return;
  }
  const what =
    param !== undefined
      ? `value of "${param}"`
      : `token ${JSON.stringify(token!.length > 20 ? `${token!.slice(0, 20)}…` : token)}`;
  note(c, `Unexpected ${show(c.s[c.i])} after the ${what}; expected "," or the end of the header`, c.i);
  // A parameter right after a value is a comma left out (AWS API Gateway's JWT authorizer writes
  // `scope="" error="invalid_token" error_description="…"`): read it as the next parameter.
  if (param !== undefined && NEXT_PARAM.test(c.s.slice(c.i, c.i + 80))) return;
  skipToComma(c);
}

const NEXT_PARAM = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+[ \t]*=/;

/** After scheme and 1*SP: a token68, or the first auth-param, or nothing. */
function readFirst(c: Cursor, ch: Challenge, single: boolean): void {
  const s = c.s;
  const start = c.i;
  let tchars = true;
  let t68 = true;
  while (c.i < s.length) {
    c.steps++;
    const code = s.charCodeAt(c.i);
    const t = isTchar(code);
    const k = isToken68Char(code);
    if (!t && !k) break;
    tchars &&= t;
    t68 &&= k;
    c.i++;
  }
  const word = s.slice(start, c.i);
  if (word === '') {
    note(c, `Unexpected ${show(s[c.i])} after the scheme ${ch.scheme}; expected a token or a parameter`, c.i);
    skipToComma(c);
    return;
  }
  const wordEnd = c.i;
  skipOws(c);
  if (c.i < s.length && s[c.i] === '=') {
    let k = c.i;
    while (k < s.length && s[k] === '=') {
      k++;
      c.steps++;
    }
    const eqEnd = k;
    while (k < s.length && (s[k] === ' ' || s[k] === '\t')) {
      k++;
      c.steps++;
    }
    const elementEnds = k >= s.length || s[k] === ',';
    if (elementEnds && c.i === wordEnd && t68) {
      // "abc==" at the end of its element: token68
      ch.token68 = s.slice(start, eqEnd);
      c.i = eqEnd;
      endElement(c, single, undefined, ch.token68);
      return;
    }
    if (!tchars) note(c, `Parameter name "${word}" contains characters not allowed in a name`, start);
    c.i++;
    const key = word.toLowerCase();
    if (s[c.i] === '=') note(c, `Parameter "${key}" has "==": one "=" separates name and value`, c.i);
    setParam(c, ch, key, readValue(c, key, start), start);
    endElement(c, single, key);
    return;
  }
  if (!t68)
    note(c, `${JSON.stringify(word)} after the scheme ${ch.scheme} is neither a valid token68 nor a parameter`, start);
  ch.token68 = word;
  c.i = wordEnd;
  endElement(c, single, undefined, word);
}

function scan(c: Cursor, single: boolean): Challenge[] {
  const s = c.s;
  const out: Challenge[] = [];
  let cur: Challenge | undefined;
  let spaced = false; // the current challenge had 1*SP after its scheme, so may take params
  while (true) {
    c.steps++;
    skipOws(c);
    if (c.i >= s.length) break;
    if (s[c.i] === ',') {
      // empty list element or separator (§5.6.1)
      if (single && !cur) note(c, 'The credential starts with a comma', c.i);
      else if (single && !spaced)
        note(
          c,
          'A comma follows the scheme: a credential is one scheme, then a space and its token or parameters',
          c.i,
        );
      c.i++;
      continue;
    }
    const start = c.i;
    while (c.i < s.length && isTchar(s.charCodeAt(c.i))) {
      c.i++;
      c.steps++;
    }
    const name = s.slice(start, c.i);
    if (name === '') {
      note(c, `Unexpected ${show(s[c.i])} where an auth scheme or a parameter should start`, c.i);
      skipToComma(c);
      continue;
    }
    const nameEnd = c.i;
    skipOws(c);
    if (c.i < s.length && s[c.i] === '=') {
      // an auth-param continuing the current challenge
      const lname = name.toLowerCase();
      c.i++;
      const value = readValue(c, lname, start);
      if (!cur)
        note(
          c,
          `Parameter "${lname}" comes before any auth scheme, so it belongs to no challenge and is ignored`,
          start,
        );
      else {
        if (cur.token68 !== undefined)
          note(
            c,
            `Parameter "${lname}" follows a token68 in the ${cur.scheme} challenge, which cannot also have parameters`,
            start,
          );
        else if (!spaced)
          note(c, `Parameter "${lname}" follows the scheme ${cur.scheme} with a comma but no space before it`, start);
        setParam(c, cur, lname, value, start);
      }
      endElement(c, single, lname);
      continue;
    }
    if (single && cur) note(c, `A second auth scheme ${JSON.stringify(name)}: a credential holds exactly one`, start);
    cur = { scheme: name, params: {} };
    out.push(cur);
    spaced = false;
    c.i = nameEnd;
    if (c.i >= s.length || s[c.i] === ',') continue;
    const ch = s[c.i];
    if (ch !== ' ' && ch !== '\t') {
      note(
        c,
        `Unexpected ${show(ch)} right after the scheme ${name}; a space should separate it from what follows`,
        c.i,
      );
      skipToComma(c);
      continue;
    }
    // 1*SP takes the challenge into its parameters; OWS before a "," is just list whitespace.
    spaced = ch === ' ';
    let tab = -1;
    for (; c.i < s.length && (s[c.i] === ' ' || s[c.i] === '\t'); c.i++, c.steps++)
      if (tab < 0 && s[c.i] === '\t') tab = c.i;
    if (c.i >= s.length || s[c.i] === ',') continue;
    if (tab >= 0) note(c, `A tab separates the scheme ${name} from what follows; the grammar requires spaces`, tab);
    spaced = true;
    readFirst(c, cur, single);
  }
  return out;
}

/** Challenges from one WWW-Authenticate/Proxy-Authenticate value, or from several field lines. */
export function parseChallenges(values: string | readonly string[]): ChallengeParse {
  const { challenges, problems } = run(values, false);
  return { challenges, problems };
}

/** One Authorization / Proxy-Authorization value: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]. */
export function parseCredentials(value: string): {
  scheme: string;
  params: Record<string, string>;
  token68?: string;
  problems: Problem[];
} {
  const { challenges, problems } = run(typeof value === 'string' ? value : '', true);
  const first = challenges[0];
  if (!first) {
    if (problems.length === 0) problems.push({ message: 'The credential is empty: no auth scheme.', offset: 0 });
    return { scheme: '', params: {}, problems };
  }
  return first.token68 === undefined
    ? { scheme: first.scheme, params: first.params, problems }
    : { scheme: first.scheme, params: first.params, token68: first.token68, problems };
}

/** The number of scanning steps a parse takes: exposed so tests can show the work is linear. */
export function countParseSteps(values: string | readonly string[]): number {
  return run(values, false).steps;
}

function run(values: string | readonly string[], single: boolean): ChallengeParse & { steps: number } {
  try {
    const lines =
      typeof values === 'string'
        ? [values]
        : Array.isArray(values)
          ? values.filter((v): v is string => typeof v === 'string')
          : [];
    const c: Cursor = { s: lines.join(', '), i: 0, steps: 0, problems: [], dropped: 0, where: lineLocator(lines) };
    const challenges = scan(c, single);
    if (c.dropped > 0) c.problems.push({ message: `…and ${c.dropped} more problems` });
    return { challenges, problems: c.problems, steps: c.steps };
  } catch (e) {
    // Unreachable by design; kept so a bug here degrades to a finding, never a crashed listener.
    return { challenges: [], problems: [{ message: `Internal parser error: ${String(e)}` }], steps: 0 };
  }
}
