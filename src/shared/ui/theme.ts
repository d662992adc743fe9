// Light or dark, for every page: the DevTools theme inside DevTools (Chrome says 'default' |
// 'dark', Firefox 'light' | 'dark' | 'firebug'), else the system setting. The page's palette
// (palette.css) keys off `data-theme` on <html>, so one set of colours serves all pages.
export type Theme = 'light' | 'dark';

export function themeFromDevtools(name: string | undefined): Theme | undefined {
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light' || name === 'firebug') return 'light';
  return undefined;
}

export interface DevtoolsTheme {
  name: string | undefined;
  onChange(cb: (name: string) => void): void;
}

/** Sets `data-theme` now and whenever the theme changes. */
export function followTheme(root: HTMLElement, devtools?: DevtoolsTheme): void {
  const set = (t: Theme): void => {
    root.dataset.theme = t;
  };
  const fromDevtools = themeFromDevtools(devtools?.name);
  if (devtools && fromDevtools) {
    set(fromDevtools);
    devtools.onChange((name) => set(themeFromDevtools(name) ?? 'light'));
    return;
  }
  const mq = matchMedia('(prefers-color-scheme: dark)');
  set(mq.matches ? 'dark' : 'light');
  mq.addEventListener('change', (e) => set(e.matches ? 'dark' : 'light'));
}
