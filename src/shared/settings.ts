// Settings live in storage.local (no secrets in them); typed defaults are here and only here.
import { AUTH_FAILURE_STATUSES } from '../http/failure.ts';

export interface Settings {
  /** HTTP statuses recorded as auth failures */
  captureStatuses: number[];
  /** ring-buffer size per tab */
  recordsPerTab: number;
  /** keep a tab's records across top-level navigations */
  preserveLog: boolean;
  /** capture nothing while true */
  paused: boolean;
  /** show secrets unmasked in the UI without a click (off by default) */
  revealSecrets: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  captureStatuses: [...AUTH_FAILURE_STATUSES],
  recordsPerTab: 500,
  preserveLog: false,
  paused: false,
  revealSecrets: false,
});

export const RECORDS_PER_TAB_MIN = 10;
export const RECORDS_PER_TAB_MAX = 5000;

/** Merge anything (a stored object, a patch from the options page) over the defaults, dropping junk. */
export function normalizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, captureStatuses: [...DEFAULT_SETTINGS.captureStatuses] };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (Array.isArray(r.captureStatuses)) {
    const codes = r.captureStatuses
      .map((v) => (typeof v === 'string' ? Number(v) : v))
      .filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599);
    s.captureStatuses = [...new Set(codes)].sort((a, b) => a - b);
  }
  if (typeof r.recordsPerTab === 'number' && Number.isFinite(r.recordsPerTab)) {
    s.recordsPerTab = Math.min(RECORDS_PER_TAB_MAX, Math.max(RECORDS_PER_TAB_MIN, Math.round(r.recordsPerTab)));
  }
  for (const k of ['preserveLog', 'paused', 'revealSecrets'] as const) {
    if (typeof r[k] === 'boolean') s[k] = r[k];
  }
  return s;
}
