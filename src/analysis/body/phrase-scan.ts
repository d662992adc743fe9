// Which of many fixed phrases a text contains, in one pass over it (Aho-Corasick): a state table
// over the characters the phrases use, every other character one class. Linear in the text
// whatever the number of phrases, which a regular expression per phrase, or one alternation of
// them all, is not.

export interface PhraseScanner {
  readonly phrases: readonly string[];
  /** hits[k] is 1 when phrases[k] occurs in the text */
  scan(text: string): Uint8Array;
}

export function phraseScanner(list: readonly string[]): PhraseScanner {
  const phrases = [...new Set(list.filter((s) => s !== ''))];
  // Character classes: 0 for any character no phrase uses.
  const classOf = new Map<number, number>();
  for (const s of phrases)
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (!classOf.has(code)) classOf.set(code, classOf.size + 1);
    }
  const width = classOf.size + 1;
  const ascii = new Uint8Array(128);
  for (const [code, k] of classOf) if (code < 128) ascii[code] = k;
  const cls = (code: number): number => (code < 128 ? ascii[code]! : (classOf.get(code) ?? 0));

  // The trie, its states numbered as created; then failure links breadth first, folded into a
  // complete transition table.
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  phrases.forEach((s, k) => {
    let at = 0;
    for (let i = 0; i < s.length; i++) {
      const c = cls(s.charCodeAt(i));
      let next = children[at]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[at]!.set(c, next);
      }
      at = next;
    }
    ends[at]!.push(k);
  });
  const states = children.length;
  const table = new Int32Array(states * width);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < width; c++) {
    const next = children[0]!.get(c);
    if (next !== undefined) {
      table[c] = next;
      queue.push(next);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    ends[s]!.push(...ends[fail[s]!]!);
    for (let c = 0; c < width; c++) {
      const next = children[s]!.get(c);
      if (next === undefined) table[s * width + c] = table[fail[s]! * width + c]!;
      else {
        fail[next] = table[fail[s]! * width + c]!;
        table[s * width + c] = next;
        queue.push(next);
      }
    }
  }
  const output: (Int32Array | undefined)[] = ends.map((e) => (e.length ? Int32Array.from(new Set(e)) : undefined));

  return {
    phrases,
    scan(text: string): Uint8Array {
      const hits = new Uint8Array(phrases.length);
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        state = table[state * width + (code < 128 ? ascii[code]! : (classOf.get(code) ?? 0))]!;
        const out = output[state];
        if (out !== undefined) for (let j = 0; j < out.length; j++) hits[out[j]!] = 1;
      }
      return hits;
    },
  };
}
