// Revealing secrets on purpose, one value at a time: a revealed value shows in clear wherever it
// occurs in its record (the Headers tab, the Credentials tab, a copy), every other secret stays
// masked, and a copy that carries revealed values says how many.
import type { ExportOptions } from '../redact/record.ts';
import { Masker } from '../redact/masker.ts';
import type { Store } from './store.ts';

/** NUL cannot occur in a record id: the key splits back into the record and the value */
const keyOf = (recordId: string, value: string): string => `${recordId}\u0000${value}`;

/** The revealSecrets setting: every secret of every record shown as captured. */
export const revealsAll = (store: Store): boolean => store.state.value.settings.revealSecrets;

export function isRevealed(store: Store, recordId: string, value: string): boolean {
  return revealsAll(store) || store.revealed.value.has(keyOf(recordId, value));
}

export function toggleReveal(store: Store, recordId: string, value: string): void {
  const next = new Set(store.revealed.value);
  const k = keyOf(recordId, value);
  if (next.has(k)) next.delete(k);
  else next.add(k);
  store.revealed.value = next;
}

/** The values of this record the user revealed one by one. */
export function revealedValues(store: Store, recordId: string): ReadonlySet<string> {
  const prefix = keyOf(recordId, '');
  const out = new Set<string>();
  for (const k of store.revealed.value) if (k.startsWith(prefix)) out.add(k.slice(prefix.length));
  return out;
}

/** What a copy of this record carries: everything (revealSecrets), the values revealed, or nothing. */
export function copyOptions(store: Store, recordId: string): ExportOptions {
  return { reveal: revealsAll(store), revealed: revealedValues(store, recordId), key: store.fingerprintKey };
}

/** The masker the views of one record use: the page's key, the record's revealed values. */
export function viewMasker(store: Store, recordId: string): Masker {
  return new Masker({ key: store.fingerprintKey, revealed: revealedValues(store, recordId) });
}

/** ` (secrets masked)`, ` (2 revealed secrets in clear)`, ` (secrets included)`: a copy says what it carries. */
export function copyNote(opts: ExportOptions): string {
  if (opts.reveal) return ' (secrets included)';
  const n = opts.revealed?.size ?? 0;
  return n === 0 ? ' (secrets masked)' : ` (${n} revealed secret${n === 1 ? '' : 's'} in clear)`;
}
