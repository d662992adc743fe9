// The options form as plain data: parsing and validating what the user typed, pure and testable.
import { DEFAULT_SETTINGS, RECORDS_PER_TAB_MAX, RECORDS_PER_TAB_MIN, type Settings } from '../shared/settings.ts';

export interface FormState {
  statuses: string;
  records: string;
  preserveLog: boolean;
  paused: boolean;
  revealSecrets: boolean;
}

export interface StatusParse {
  codes: number[];
  errors: string[];
  warnings: string[];
}

export function formFromSettings(s: Settings): FormState {
  return {
    statuses: s.captureStatuses.join(', '),
    records: String(s.recordsPerTab),
    preserveLog: s.preserveLog,
    paused: s.paused,
    revealSecrets: s.revealSecrets,
  };
}

/** "401, 403 419" -> [401, 403, 419]; commas, spaces or new lines separate codes. */
export function parseStatuses(text: string): StatusParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const codes: number[] = [];
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  for (const t of tokens) {
    if (!/^\d{3}$/.test(t) || Number(t) < 100 || Number(t) > 599) {
      errors.push(`"${t}" is not an HTTP status code (100–599)`);
      continue;
    }
    const n = Number(t);
    if (codes.includes(n)) continue;
    codes.push(n);
  }
  codes.sort((a, b) => a - b);
  if (tokens.length === 0)
    errors.push(`List at least one status code (the defaults are ${DEFAULT_SETTINGS.captureStatuses.join(', ')})`);
  const low = codes.filter((c) => c < 400);
  // Every success or redirect of every tab would be stored: that is a network log, not an auth lens.
  if (low.length)
    warnings.push(
      `${low.join(', ')} ${low.length === 1 ? 'is not an error status' : 'are not error statuses'}: ` +
        'every such response will be recorded',
    );
  return { codes, errors, warnings };
}

export function parseRecords(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: `Enter a whole number from ${RECORDS_PER_TAB_MIN} to ${RECORDS_PER_TAB_MAX}` };
  const n = Number(t);
  if (n < RECORDS_PER_TAB_MIN || n > RECORDS_PER_TAB_MAX)
    return { error: `Enter a whole number from ${RECORDS_PER_TAB_MIN} to ${RECORDS_PER_TAB_MAX}` };
  return { value: n };
}

export interface Validated {
  patch?: Partial<Settings>;
  statuses: StatusParse;
  recordsError?: string;
}

export function validate(f: FormState): Validated {
  const statuses = parseStatuses(f.statuses);
  const records = parseRecords(f.records);
  const out: Validated = { statuses };
  if (records.error) out.recordsError = records.error;
  if (statuses.errors.length === 0 && records.value !== undefined) {
    out.patch = {
      captureStatuses: statuses.codes,
      recordsPerTab: records.value,
      preserveLog: f.preserveLog,
      paused: f.paused,
      revealSecrets: f.revealSecrets,
    };
  }
  return out;
}

export function sameSettings(a: Partial<Settings>, b: Settings): boolean {
  return (
    JSON.stringify(a.captureStatuses) === JSON.stringify(b.captureStatuses) &&
    a.recordsPerTab === b.recordsPerTab &&
    a.preserveLog === b.preserveLog &&
    a.paused === b.paused &&
    a.revealSecrets === b.revealSecrets
  );
}

/** The saved state in one sentence, shown after saving so the user sees what the worker now uses. */
export function describeSettings(s: Settings): string {
  const parts = [
    `capturing ${s.captureStatuses.join(', ')}`,
    `${s.recordsPerTab} records per tab`,
    s.preserveLog ? 'log preserved across navigations' : 'log cleared on navigation',
    s.paused ? 'capture paused' : 'capture on',
    s.revealSecrets ? 'secrets revealed by default' : 'secrets masked',
  ];
  return parts.join('; ');
}
