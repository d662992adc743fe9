// A cheap "cannot match" for many patterns over one long text: the words each pattern needs
// (factors.ts) looked up in a single scan of the text (phrase-scan.ts). A pattern whose words are
// all absent is not run; one whose words are unknown always is, so answers never change, only
// the work. The scan of the last text is kept, as rule after rule asks about the same body.
import { requiredWords } from './factors.ts';
import { phraseScanner, type PhraseScanner } from './phrase-scan.ts';

/** May `re` match `text`? false only when it certainly cannot. */
export interface MayMatch {
  (re: RegExp, text: string): boolean;
  /** The same question about one text, scanned whatever its length (the caller asks every pattern
   * about it), without touching the kept scan. */
  within(text: string): (re: RegExp) => boolean;
}

/** Below this length the few patterns asked about a body (a CSRF page, a vendor row) cost less run
 * than a scan does: the scan pays where many are asked, or over a long text. */
const SHORT_TEXT = 1024;

interface Built {
  scanner: PhraseScanner;
  words: Map<RegExp, Int32Array>;
}

const anyHit = (w: Int32Array, hits: Uint8Array): boolean => {
  for (let k = 0; k < w.length; k++) if (hits[w[k]!]) return true;
  return false;
};

export function textFilter(patterns: () => readonly (RegExp | undefined)[]): MayMatch {
  let built: Built | undefined;
  let lastText: string | undefined;
  let lastHits: Uint8Array | undefined;
  // Built on first use: a page that never reads a long body never pays for the table.
  const build = (): Built => {
    const needs = new Map<RegExp, string[]>();
    for (const re of patterns()) {
      const w = re && requiredWords(re);
      if (re && w) needs.set(re, w);
    }
    const scanner = phraseScanner([...needs.values()].flat());
    const index = new Map(scanner.phrases.map((p, k) => [p, k]));
    const words = new Map([...needs].map(([re, w]) => [re, Int32Array.from(w, (p) => index.get(p)!)] as const));
    return { scanner, words };
  };
  const may = (re: RegExp, text: string): boolean => {
    if (text.length < SHORT_TEXT) return true;
    built ??= build();
    const w = built.words.get(re);
    if (!w) return true;
    if (text !== lastText) {
      lastHits = built.scanner.scan(text);
      lastText = text;
    }
    return anyHit(w, lastHits!);
  };
  const within = (text: string): ((re: RegExp) => boolean) => {
    built ??= build();
    const { words } = built;
    const hits = built.scanner.scan(text);
    return (re) => {
      const w = words.get(re);
      return !w || anyHit(w, hits);
    };
  };
  return Object.assign(may, { within });
}
