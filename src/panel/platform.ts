// The panel's only reads of the platform: which tab DevTools inspects, its theme, our version.
// Outside DevTools (panel.html opened as a tab) `browser.devtools` does not exist.
import { browser } from '../shared/browser.ts';

interface DevtoolsLike {
  inspectedWindow?: { tabId?: number };
  panels?: { themeName?: string; onThemeChanged?: { addListener(cb: (name: string) => void): void } };
}

function devtools(): DevtoolsLike | undefined {
  try {
    return (browser as unknown as { devtools?: DevtoolsLike }).devtools;
  } catch {
    return undefined;
  }
}

export function inspectedTabId(): number | undefined {
  const id = devtools()?.inspectedWindow?.tabId;
  return typeof id === 'number' ? id : undefined;
}

export function devtoolsThemeName(): string | undefined {
  return devtools()?.panels?.themeName;
}

export function onDevtoolsThemeChanged(cb: (name: string) => void): void {
  devtools()?.panels?.onThemeChanged?.addListener(cb);
}

export function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0.0.0';
  }
}
