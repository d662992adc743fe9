// What the UIs say about records the background could not keep (types.ts Losses): one line,
// the same words in the popup and the panel. Undefined when nothing was lost.
import type { Losses } from './types.ts';

const n = (x: number, one: string, many = `${one}s`): string => `${x.toLocaleString('en')} ${x === 1 ? one : many}`;

/** The serious part: records gone or at risk for want of room or storage (shown as a warning). */
export function lossWarning(l: Losses | undefined): string | undefined {
  if (!l) return undefined;
  const parts: string[] = [];
  if (l.quota) {
    const why = 'session storage (10 MB for all tabs) is full, the biggest tab gives first';
    parts.push(`${n(l.quota, 'older record')} dropped: ${why}`);
  }
  if (l.unsaved) {
    const why = `storage writes fail (${l.error ?? 'unknown error'}), AuthLens keeps retrying`;
    parts.push(`${n(l.unsaved, 'record')} not saved yet: ${why}`);
  }
  if (l.lost) parts.push(`${n(l.lost, 'record')} lost: the background stopped while storage writes were failing`);
  return parts.length ? parts.join('; ') : undefined;
}

/** The expected part: the ring buffer of the "records kept per tab" setting. */
export function capNote(l: Losses | undefined, recordsPerTab: number): string | undefined {
  if (!l?.cap) return undefined;
  const keep = recordsPerTab.toLocaleString('en');
  return `${n(l.cap, 'older record')} dropped to keep the newest ${keep} (Settings: records kept per tab)`;
}
