// DevTools theme names to ours: Chrome says 'default' | 'dark', Firefox 'light' | 'dark' | 'firebug'.
export type Theme = 'light' | 'dark';

export function themeFromDevtools(name: string | undefined): Theme | undefined {
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light' || name === 'firebug') return 'light';
  return undefined;
}
