// A cheap "cannot match" for many patterns over one long text: the words each pattern needs
// (factors.ts) looked up in a single scan of the text (phrase-scan.ts). A pattern whose words are
// all absent is not run; one whose words are unknown always is, so answers never change, only
// the work. The scan of the last text is kept, as rule after rule asks about the same body.
import { requiredWords } from './factors.ts';
import { phraseScanner, type PhraseScanner } from './phrase-scan.ts';

/** May `re` match `text`? false only when it certainly cannot. */
export type MayMatch = (re: RegExp, text: string) => boolean;

/** Below this length, running a pattern costs about what a scan does: no filtering. */
const SHORT_TEXT = 64;

export function textFilter(patterns: () => readonly (RegExp | undefined)[]): MayMatch {
  let built: { scanner: PhraseScanner; words: Map<RegExp, Int32Array> } | undefined;
  let lastText: string | undefined;
  let lastHits: Uint8Array | undefined;
  // Built on first use: a page that never reads a long body never pays for the table.
  const build = (): NonNullable<typeof built> => {
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
  return (re, text) => {
    if (text.length < SHORT_TEXT) return true;
    built ??= build();
    const w = built.words.get(re);
    if (!w) return true;
    if (text !== lastText) {
      lastHits = built.scanner.scan(text);
      lastText = text;
    }
    for (let k = 0; k < w.length; k++) if (lastHits![w[k]!]) return true;
    return false;
  };
}
