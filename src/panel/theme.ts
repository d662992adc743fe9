// DevTools theme names to ours: Chrome says 'default' | 'dark', Firefox 'light' | 'dark' | 'firebug'.
export type Theme = 'light' | 'dark';

export function themeFromDevtools(name: string | undefined): Theme | undefined {
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light' || name === 'firebug') return 'light';
  return undefined;
}

/** The tab id from DevTools, else from `?tabId=N` (the panel opened as a normal tab). */
export function tabIdFrom(inspected: number | undefined, search: string): number | undefined {
  if (inspected !== undefined) return inspected;
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= -1 ? n : undefined;
}
