// Times for people: "14 min ago" against a reference clock (pure: the clock is passed in).

/** "in 5 min", "14 min 3 s ago", "now" — `at` relative to `ref` (both ms since epoch). */
export function relative(at: number, ref: number): string {
  const diff = at - ref;
  const abs = Math.abs(diff);
  if (!Number.isFinite(diff)) return '?';
  if (abs < 1000) return 'now';
  const units: [number, string, number, string][] = [
    [86_400_000, 'd', 3_600_000, 'h'],
    [3_600_000, 'h', 60_000, 'min'],
    [60_000, 'min', 1000, 's'],
    [1000, 's', 0, ''],
  ];
  const [size, name, sub, subName] = units.find(([u]) => abs >= u) ?? units[3]!;
  const n = Math.floor(abs / size);
  const rest = sub ? Math.floor((abs % size) / sub) : 0;
  const text = rest ? `${n} ${name} ${rest} ${subName}` : `${n} ${name}`;
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

/** "12:03:04.120" in local time, as the Network panel shows it. */
export function clock(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
