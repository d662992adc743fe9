// JSON bodies as a flat list of leaves, read by one linear scan that never throws: truncated,
// malformed or huge documents yield the leaves before the damage. No JSON.parse: a body cut at
// the cap is not valid JSON, and an error body's keys come first anyway.

/** [dotted lower-case path (arrays add nothing), value] in document order */
export type Leaf = readonly [path: string, value: string];

const MAX_DEPTH = 32;
// Long enough for the tokens a token response returns (an ID token is checked against the sign-in).
const MAX_VALUE = 8192;

function readString(s: string, i: number): [value: string, next: number] {
  // s[i] is the opening quote
  let out = '';
  let k = i + 1;
  let start = k;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c === 0x22) {
      out += s.slice(start, k);
      return [out, k + 1];
    }
    if (c === 0x5c) {
      out += s.slice(start, k);
      const e = s[k + 1];
      if (e === 'u') {
        const code = parseInt(s.slice(k + 2, k + 6), 16);
        out += Number.isFinite(code) ? String.fromCharCode(code) : '';
        k += 6;
      } else {
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' || e === 'f' ? ' ' : (e ?? '');
        k += 2;
      }
      start = k;
      continue;
    }
    k++;
  }
  return [out + s.slice(start), s.length];
}

/** letters, digits, '.', '+', '-': the characters of a JSON number or literal */
const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  c === 0x2e ||
  c === 0x2b ||
  c === 0x2d;

/** What the scan below passes over: none starts a string, a container, a number or a literal it reads. */
const isIgnored = (c: number): boolean =>
  c !== 0x22 &&
  c !== 0x7b &&
  c !== 0x5b &&
  c !== 0x7d &&
  c !== 0x5d &&
  c !== 0x2d &&
  !(c >= 0x30 && c <= 0x39) &&
  c !== 0x74 &&
  c !== 0x66;
const IGNORED_RUN = /[^"{[}\]\-0-9tf]+/y;

interface Frame {
  path: string;
  array: boolean;
}

/** The leaves of a JSON text (strings, numbers, booleans, null skipped), at most `max`. */
export function jsonLeaves(s: string, max = 400): Leaf[] {
  const out: Leaf[] = [];
  const stack: Frame[] = [];
  let key: string | undefined;
  let i = 0;
  const here = (): string => {
    const top = stack[stack.length - 1];
    const base = top?.path ?? '';
    if (!top || top.array || key === undefined) return base;
    return base ? `${base}.${key}` : key;
  };
  while (i < s.length && out.length < max) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      const [value, next] = readString(s, i);
      i = next;
      let k = i;
      while (k < s.length && s.charCodeAt(k) <= 0x20) k++;
      const top = stack[stack.length - 1];
      if (top && !top.array && s.charCodeAt(k) === 0x3a) {
        key = value.toLowerCase();
        i = k + 1;
      } else {
        out.push([here(), value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value]);
        key = undefined;
      }
    } else if (c === 0x7b || c === 0x5b) {
      const path = here();
      if (stack.length < MAX_DEPTH) stack.push({ path, array: c === 0x5b });
      key = undefined;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      key = undefined;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66) {
      // a number, true or false
      let k = i;
      while (k < s.length && isWordChar(s.charCodeAt(k))) k++;
      const word = s.slice(i, Math.min(k, i + 40));
      if (key !== undefined || stack[stack.length - 1]?.array) out.push([here(), word]);
      key = undefined;
      i = Math.max(k, i + 1);
    } else {
      i++;
      // What the branches above ignore (separators, indentation, padding) is passed over at once: a
      // step at a time for a few, natively for a long run.
      let n = 0;
      while (n < 8 && i < s.length && isIgnored(s.charCodeAt(i))) {
        i++;
        n++;
      }
      if (n === 8 && i < s.length && isIgnored(s.charCodeAt(i))) {
        IGNORED_RUN.lastIndex = i;
        IGNORED_RUN.test(s);
        i = Math.max(i, IGNORED_RUN.lastIndex);
      }
    }
  }
  return out;
}
