// What a new version of a list holds that the old one did not (the pages' records: the panel's
// store and the diagnoser each get the whole list again at every change).

/**
 * The items of `next` that are not in `prev`, found by walking both in order (the usual change
 * keeps the order: records appended, an import's chunk merged in); identity compared, no hashing.
 */
export function added<T>(prev: readonly T[], next: readonly T[]): T[] {
  const out: T[] = [];
  let j = 0;
  let skipped: Set<T> | undefined;
  for (const r of next) {
    if (j < prev.length && prev[j] === r) j++;
    else if (j < prev.length && (skipped ??= new Set(prev.slice(j))).has(r)) continue;
    else out.push(r);
  }
  return out;
}
