// DevTools-style filter text: `status:403 domain:*.example.com -method:OPTIONS "free text"`.
// Pure: parse once per keystroke, then test each record against the parsed terms.

export type FilterKey = 'status' | 'domain' | 'scheme' | 'finding' | 'method' | 'text';

export interface Term {
  key: FilterKey;
  /** lower-cased; may hold `*` wildcards for domain and `x` digits for status (4xx) */
  value: string;
  negate: boolean;
}

const KEYS = new Set<FilterKey>(['status', 'domain', 'scheme', 'finding', 'method']);

/** Split on spaces, keeping "double quoted" runs together (quotes removed). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) out.push(cur);
  return out.filter((t) => t.length > 0);
}

export function parseFilter(text: string): Term[] {
  const terms: Term[] = [];
  for (const raw of tokenize(text)) {
    let tok = raw;
    let negate = false;
    if (tok.length > 1 && tok.startsWith('-')) {
      negate = true;
      tok = tok.slice(1);
    }
    const colon = tok.indexOf(':');
    const key = colon > 0 ? tok.slice(0, colon).toLowerCase() : '';
    if (KEYS.has(key as FilterKey)) {
      const value = tok.slice(colon + 1).toLowerCase();
      // `status:` with nothing after it is a half-typed filter: ignore it rather than hide everything
      if (value.length > 0) terms.push({ key: key as FilterKey, value, negate });
      continue;
    }
    terms.push({ key: 'text', value: tok.toLowerCase(), negate });
  }
  return terms;
}

/** What a record offers to the filter, lower-cased, computed once per record. */
export interface Facts {
  status: number;
  method: string;
  host: string;
  schemes: string[];
  findings: string[];
  /** everything free text may match: url, method, status, summary, finding ids */
  text: string;
}

/**
 * `*` matches any run of characters. No regex: `*a*a*a*a*a*b` compiled to `.*a.*a…` backtracks
 * exponentially against a long host. Each piece between stars is found leftmost-first after the
 * previous one (the leftmost match leaves the most room for the rest, so greedy is exact), with
 * a KMP search that never re-reads a character: linear in the host plus the pattern.
 */
export function wildcard(pattern: string, s: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return s === pattern;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > s.length || !s.startsWith(first) || !s.endsWith(last)) return false;
  let at = first.length;
  const end = s.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = indexOfKmp(s, piece, at, end);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/** First index >= from where `needle` fits entirely before `end`, or -1 (Knuth–Morris–Pratt). */
function indexOfKmp(hay: string, needle: string, from: number, end: number): number {
  const fail = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1]!;
    if (needle[i] === needle[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && hay[i] !== needle[k]) k = fail[k - 1]!;
    if (hay[i] === needle[k]) k++;
    if (k === needle.length) return i - k + 1;
  }
  return -1;
}

/** `status:` values: `403`, or `4xx`/`40x` patterns (a digit or `x` in each place). */
function statusTest(value: string): (status: number) => boolean {
  if (/^[1-5][0-9x]{2}$/.test(value)) {
    return (status) => {
      const s = String(status);
      for (let i = 0; i < 3; i++) if (value[i] !== 'x' && value[i] !== s[i]) return false;
      return true;
    };
  }
  return (status) => String(status) === value;
}

function termTest(t: Term): (f: Facts) => boolean {
  const v = t.value;
  switch (t.key) {
    case 'status': {
      const ok = statusTest(v);
      return (f) => ok(f.status);
    }
    case 'method':
      return (f) => f.method === v;
    case 'domain':
      return (f) => wildcard(v, f.host);
    case 'scheme':
      return (f) => f.schemes.includes(v);
    case 'finding':
      return (f) => f.findings.includes(v);
    case 'text':
      return (f) => f.text.includes(v);
  }
}

/**
 * The terms as one test, parsed once per query rather than once per record. Every term must hold
 * (negated ones must not).
 */
export function compileTerms(terms: readonly Term[]): (f: Facts) => boolean {
  const tests = terms.map((t) => ({ test: termTest(t), negate: t.negate }));
  return (f) => {
    for (const t of tests) if (t.test(f) === t.negate) return false;
    return true;
  };
}

/** Every term must hold (negated ones must not). */
export function matchesTerms(terms: readonly Term[], f: Facts): boolean {
  return compileTerms(terms)(f);
}

export type StatusToggle = '401' | '403' | 'other';

/** Quick toggles: none on means all statuses; several on means any of them. */
export function matchesToggles(toggles: readonly StatusToggle[], status: number): boolean {
  if (toggles.length === 0) return true;
  const kind: StatusToggle = status === 401 ? '401' : status === 403 ? '403' : 'other';
  return toggles.includes(kind);
}
