// Times in words for findings. Pure: every instant is passed in, nothing reads the clock.

const MAX_MS = 8.64e15; // ECMAScript time value range; beyond it Date methods throw

/** `2026-11-22 18:32:05 UTC` (seconds precision, truncated). */
export function formatUtc(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) return 'an invalid time';
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2026-11-22T18:32:05.000Z
  return `${iso.slice(0, -14)} ${iso.slice(-13, -5)} UTC`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Absolute duration, two units at most, truncated: "45 s", "14 min", "2 h 5 min", "3 days 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const a = Math.abs(ms);
  if (a < MINUTE) return `${Math.floor(a / SECOND)} s`;
  if (a < HOUR) return `${Math.floor(a / MINUTE)} min`;
  if (a < DAY) {
    const h = Math.floor(a / HOUR);
    const m = Math.floor((a % HOUR) / MINUTE);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const d = Math.floor(a / DAY);
  const h = Math.floor((a % DAY) / HOUR);
  const days = d === 1 ? '1 day' : `${d} days`;
  return h === 0 ? days : `${days} ${h} h`;
}
