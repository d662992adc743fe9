// The literal words a pattern cannot match without: read from a RegExp's source, a list of
// strings such that every match of the pattern contains at least one of them. A text holding none
// of them cannot match, so a scan for these words (phrase-scan.ts) tells which patterns are worth
// running over a long body. The reading is deliberately partial: any construct it does not fully
// understand ends a literal run or makes the answer undefined (no words known: always run it).

/** Words shorter than this are too common to rule a text out; the pattern is then always run. */
const MIN_WORD = 3;

/** One element of a sequence: the words it guarantees, or undefined when it guarantees none. */
type Words = string[] | undefined;

interface Parser {
  src: string;
  i: number;
}

/** The words of a whole pattern, or undefined when none are known (or the flags change matching). */
export function requiredWords(re: RegExp): string[] | undefined {
  // Case folding, dotAll or unicode matching change what a literal matches; a global or sticky
  // pattern carries state between calls, so skipping a call would change the next one.
  if (re.flags !== '') return undefined;
  const p: Parser = { src: re.source, i: 0 };
  try {
    const words = alternation(p);
    if (p.i !== p.src.length || !words) return undefined;
    return words.every((w) => w.length >= MIN_WORD) ? [...new Set(words)] : undefined;
  } catch {
    return undefined;
  }
}

/** branch | branch | ...: every branch must guarantee words, and any of them may be the one. */
function alternation(p: Parser): Words {
  const all: string[] = [];
  let known = true;
  for (;;) {
    const w = sequence(p);
    if (w) all.push(...w);
    else known = false;
    if (p.src[p.i] !== '|') break;
    p.i++;
  }
  return known ? all : undefined;
}

/** The best words of a branch: its longest guaranteed literal run, or a guaranteed group's words. */
function sequence(p: Parser): Words {
  let best: Words;
  let run = '';
  const consider = (w: Words): void => {
    if (w && w.length && (!best || score(w) > score(best))) best = w;
  };
  const endRun = (): void => {
    if (run !== '') consider([run]);
    run = '';
  };
  while (p.i < p.src.length) {
    const c = p.src[p.i]!;
    if (c === '|' || c === ')') break;
    const atom = readAtom(p);
    const q = readQuantifier(p);
    if (atom.kind === 'char' && q === 'one') {
      run += atom.char;
      continue;
    }
    // Anything else ends the run: a class, an assertion, a group, a repeated or optional atom.
    if (atom.kind === 'char' && q === 'many') {
      // a+ or a{2,}: at least one a, then more may follow, so the run ends after it.
      run += atom.char;
      endRun();
      continue;
    }
    endRun();
    if (atom.kind === 'group' && q !== 'optional') consider(atom.words);
  }
  endRun();
  return best;
}

/** Longer shortest word first (rarer), then fewer words. */
const score = (w: string[]): number => Math.min(...w.map((x) => x.length)) * 1000 - w.length;

type Atom = { kind: 'char'; char: string } | { kind: 'group'; words: Words } | { kind: 'other' };

const SPECIAL_ESCAPES = /[bBdDsSwWpPkcux0-9]/;

function readAtom(p: Parser): Atom {
  const c = p.src[p.i]!;
  if (c === '\\') {
    const e = p.src[p.i + 1];
    if (e === undefined) throw new Error('trailing backslash');
    p.i += 2;
    // \d \w \b \1 \u0041 \cX \p{..} \k<name>: not a plain character (or not one this reads).
    if (SPECIAL_ESCAPES.test(e)) {
      if (e === 'p' || e === 'P' || e === 'k' || e === 'u' || e === 'x' || e === 'c') throw new Error('unsupported');
      return { kind: 'other' };
    }
    if (e === 'n' || e === 'r' || e === 't' || e === 'f' || e === 'v') return { kind: 'other' };
    return { kind: 'char', char: e };
  }
  if (c === '[') {
    // A class: skipped to its closing bracket (in JS, [] and [^] close at the first unescaped ]).
    let k = p.i + 1;
    if (p.src[k] === '^') k++;
    while (k < p.src.length && p.src[k] !== ']') k += p.src[k] === '\\' ? 2 : 1;
    if (k >= p.src.length) throw new Error('unclosed class');
    p.i = k + 1;
    return { kind: 'other' };
  }
  if (c === '(') {
    p.i++;
    let lookaround = false;
    if (p.src[p.i] === '?') {
      const next = p.src[p.i + 1];
      if (next === ':') p.i += 2;
      else if (next === '=' || next === '!') {
        p.i += 2;
        lookaround = true;
      } else if (next === '<' && (p.src[p.i + 2] === '=' || p.src[p.i + 2] === '!')) {
        p.i += 3;
        lookaround = true;
      } else if (next === '<') {
        const close = p.src.indexOf('>', p.i);
        if (close < 0) throw new Error('bad group name');
        p.i = close + 1;
      } else throw new Error('unsupported group');
    }
    const words = alternation(p);
    if (p.src[p.i] !== ')') throw new Error('unclosed group');
    p.i++;
    // A lookaround consumes nothing: what it sees is not part of the match.
    return lookaround ? { kind: 'other' } : { kind: 'group', words };
  }
  if (c === '.' || c === '^' || c === '$') {
    p.i++;
    return { kind: 'other' };
  }
  if (c === '*' || c === '+' || c === '?' || c === '{') {
    if (c === '{' && !QUANT.test(p.src.slice(p.i, p.i + 24))) {
      p.i++;
      return { kind: 'char', char: c };
    }
    throw new Error('quantifier without an atom');
  }
  p.i++;
  return { kind: 'char', char: c };
}

const QUANT = /^\{(\d+)(,(\d*))?\}/;

/** 'one' (no quantifier), 'many' (at least one), 'optional' (possibly none). */
function readQuantifier(p: Parser): 'one' | 'many' | 'optional' {
  const c = p.src[p.i];
  let q: 'one' | 'many' | 'optional';
  if (c === '?' || c === '*') {
    q = 'optional';
    p.i++;
  } else if (c === '+') {
    q = 'many';
    p.i++;
  } else if (c === '{') {
    const m = QUANT.exec(p.src.slice(p.i, p.i + 24));
    if (!m) return 'one';
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = min === 0 ? 'optional' : min === 1 && max === 1 ? 'one' : 'many';
    p.i += m[0].length;
  } else return 'one';
  if (p.src[p.i] === '?') p.i++; // lazy: matches the same strings
  return q;
}
