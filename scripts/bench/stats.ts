// Medians and ratio tables for the bench report (no figure is ever asserted).
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median of per-round ratios: each round's configurations ran back to back, so drift cancels. */
export function pairedRatio(xs: readonly number[], ref: readonly number[]): number {
  const n = Math.min(xs.length, ref.length);
  return median(Array.from({ length: n }, (_, i) => xs[i]! / ref[i]!));
}

/** Spread of a sample: (p75 - p25) / median. */
export function spread(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return (q(0.75) - q(0.25)) / median(xs);
}

export function ratioTable(
  rows: { name: string; what: string; times: number[] }[],
  ref: readonly number[],
  unit = 'ms',
): string {
  const out = [
    `| configuration | what | median ${unit} | ratio of medians | median per-round ratio | IQR/median |`,
    '|---|---|---|---|---|---|',
  ];
  const m0 = median(ref);
  for (const r of rows) {
    out.push(
      `| ${r.name} | ${r.what} | ${median(r.times).toFixed(1)} | ×${(median(r.times) / m0).toFixed(3)} | ` +
        `×${pairedRatio(r.times, ref).toFixed(3)} | ${(spread(r.times) * 100).toFixed(0)} % |`,
    );
  }
  return out.join('\n');
}
