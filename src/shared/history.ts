// What the engine's cross-request patterns see for one record: the tab's other failures and
// its context entries (successful requests around failures) within a minute either side. Pure.
import type { Exchange } from '../analysis/index.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';
import { PATTERN_WINDOW_MS } from '../http/limits.ts';

const HISTORY_MAX = 200;

/** The engine's view of records and context entries (exchange.ts), cached by whoever calls. */
export interface Exchanges {
  ofRecord(r: CaptureRecord): Exchange;
  ofContext(c: ContextEntry): Exchange;
}

/** First index in `list` (sorted by `time`) whose time is >= t. */
function lowerBound(list: readonly { time: number }[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function within<T extends { time: number }>(list: readonly T[], t: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(list, t - PATTERN_WINDOW_MS); i < list.length && list[i]!.time <= t + PATTERN_WINDOW_MS; i++)
    out.push(list[i]!);
  return out;
}

/**
 * At most `max` entries of `list` within PATTERN_WINDOW_MS of `t`, the nearest in time first, found
 * by walking outwards from `t`'s position: O(max), not O(list). A burst of thousands of
 * failures within one minute made a full scan per record quadratic (seconds for 3 000 rows).
 */
function nearest<T extends { time: number }>(list: readonly T[], t: number, max: number, skip?: T): T[] {
  const out: T[] = [];
  let right = lowerBound(list, t);
  let left = right - 1;
  while (out.length < max) {
    const l = left >= 0 && t - list[left]!.time <= PATTERN_WINDOW_MS ? list[left]! : undefined;
    const r = right < list.length && list[right]!.time - t <= PATTERN_WINDOW_MS ? list[right]! : undefined;
    if (!l && !r) break;
    const takeLeft = l !== undefined && (r === undefined || t - l.time <= r.time - t);
    const x = takeLeft ? l! : r!;
    if (takeLeft) left--;
    else right++;
    if (x !== skip) out.push(x);
  }
  return out;
}

/**
 * The history of `r`: the other records of `all` and the entries of `context` within
 * PATTERN_WINDOW_MS before AND after it (a refresh that recovers comes after), time order, at most
 * HISTORY_MAX (the nearest to `r` win). Both lists are sorted by time.
 */
export function historyFor(
  all: readonly CaptureRecord[],
  context: readonly ContextEntry[],
  r: CaptureRecord,
  exchanges: Exchanges,
): Exchange[] {
  const out: Exchange[] = [];
  for (const x of nearest(all, r.time, HISTORY_MAX + 1, r)) if (x.id !== r.id) out.push(exchanges.ofRecord(x));
  for (const c of nearest(context, r.time, HISTORY_MAX)) out.push(exchanges.ofContext(c));
  if (out.length > HISTORY_MAX) {
    out.sort((a, b) => Math.abs(a.timeStamp - r.time) - Math.abs(b.timeStamp - r.time));
    out.length = HISTORY_MAX;
  }
  return out.sort((a, b) => a.timeStamp - b.timeStamp);
}

/**
 * Which context entries `r`'s history holds, as a short key: a cached diagnosis is valid
 * only while this is unchanged (new context within the window changes the patterns).
 */
export function contextStamp(context: readonly ContextEntry[], r: CaptureRecord): string {
  const near = within(context, r.time);
  return near.length === 0 ? '0' : `${near.length}@${near[0]!.time}-${near[near.length - 1]!.time}`;
}
