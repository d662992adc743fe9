// Filters survive panel reloads in the panel page's localStorage (no secrets in them).
import type { StatusToggle } from './filter.ts';

export interface Persisted {
  filterText: string;
  toggles: StatusToggle[];
  groupByOrigin: boolean;
}

export const PERSIST_KEY = 'authlens.panel.view';
const DEFAULTS: Persisted = { filterText: '', toggles: [], groupByOrigin: false };

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadView(store: KeyValue | undefined): Persisted {
  try {
    const raw = JSON.parse(store?.getItem(PERSIST_KEY) ?? 'null') as Partial<Persisted> | null;
    if (!raw || typeof raw !== 'object') return { ...DEFAULTS };
    return {
      filterText: typeof raw.filterText === 'string' ? raw.filterText.slice(0, 500) : '',
      toggles: Array.isArray(raw.toggles)
        ? raw.toggles.filter((t): t is StatusToggle => t === '401' || t === '403' || t === 'other')
        : [],
      groupByOrigin: raw.groupByOrigin === true,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveView(store: KeyValue | undefined, v: Persisted): void {
  try {
    store?.setItem(PERSIST_KEY, JSON.stringify(v));
  } catch {
    // storage full or disabled (opaque origins): filters then just do not persist
  }
}
