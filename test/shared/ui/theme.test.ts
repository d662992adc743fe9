// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { followTheme, themeFromDevtools } from '../../../src/shared/ui/theme.ts';

describe('themeFromDevtools', () => {
  it.each([
    ['dark', 'dark'],
    ['default', 'light'],
    ['light', 'light'],
    ['firebug', 'light'],
    [undefined, undefined],
    ['solarized', undefined],
  ])('themeFromDevtools(%s) = %s', (name, out) => {
    expect(themeFromDevtools(name)).toBe(out);
  });
});

describe('followTheme', () => {
  it('takes the DevTools theme and follows its changes', () => {
    const root = document.createElement('html');
    let change: ((name: string) => void) | undefined;
    followTheme(root, { name: 'dark', onChange: (cb) => (change = cb) });
    expect(root.dataset.theme).toBe('dark');
    change?.('default');
    expect(root.dataset.theme).toBe('light');
  });

  it('outside DevTools, the system setting', () => {
    const root = document.createElement('html');
    followTheme(root);
    expect(root.dataset.theme).toMatch(/^(light|dark)$/);
  });
});
