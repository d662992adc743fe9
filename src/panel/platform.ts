// The panel's only reads of the platform: which tab DevTools inspects, its theme, our version,
// and running code in the inspected page (replays). Outside DevTools (panel.html opened as a
// tab) `browser.devtools` does not exist.
import { browser } from '../shared/browser.ts';
import type { EvalInPage, EvalOutcome } from './replay/run.ts';

type EvalCallback = (result: unknown, exception: unknown) => void;

interface DevtoolsLike {
  inspectedWindow?: {
    tabId?: number;
    eval?: (expression: string, options?: object, callback?: EvalCallback) => unknown;
  };
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

/**
 * What eval's exception info says, in words: an exception's value, or DevTools' own error
 * (`{ code: 'E_FAILED', description: 'Operation failed: %s', details: ['Permission denied'] }`
 * for a page extensions may not script, such as a data: URL or the Web Store).
 */
function failure(info: unknown): string | undefined {
  if (!info || typeof info !== 'object') return undefined;
  const i = info as {
    isError?: boolean;
    isException?: boolean;
    value?: unknown;
    description?: unknown;
    details?: unknown;
    code?: unknown;
  };
  if (!i.isError && !i.isException) return undefined;
  if (typeof i.value === 'string' && i.value !== '') return i.value.slice(0, 300);
  if (typeof i.description === 'string' && i.description !== '') {
    const details = Array.isArray(i.details) ? i.details.map(String) : [];
    return i.description.replace(/%s/g, () => details.shift() ?? '').slice(0, 300);
  }
  return typeof i.code === 'string' ? i.code : 'the code threw in the page';
}

/**
 * devtools.inspectedWindow.eval as one promise. Chrome's DevTools API calls back (result,
 * exceptionInfo); Firefox and the polyfill resolve to [result, exceptionInfo] and refuse a
 * callback argument (the polyfill throws before calling anything, so nothing runs twice).
 * https://developer.chrome.com/docs/extensions/reference/api/devtools/inspectedWindow#method-eval
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/inspectedWindow/eval
 * undefined outside DevTools: there is no inspected page then.
 */
export function inspectedEval(): EvalInPage | undefined {
  const iw = devtools()?.inspectedWindow;
  const run = iw?.eval;
  if (!iw || typeof run !== 'function') return undefined;
  return (expression) =>
    new Promise<EvalOutcome>((resolve) => {
      let done = false;
      const finish = (result: unknown, info: unknown): void => {
        if (done) return;
        done = true;
        const error = failure(info);
        resolve(error === undefined ? { ok: true, value: result } : { ok: false, error });
      };
      const fromPromise = (r: unknown): boolean => {
        if (!r || typeof (r as Promise<unknown>).then !== 'function') return false;
        (r as Promise<unknown>).then(
          (v) => (Array.isArray(v) ? finish(v[0], v[1]) : finish(v, undefined)),
          (e: unknown) => finish(undefined, { isError: true, value: e instanceof Error ? e.message : String(e) }),
        );
        return true;
      };
      let r: unknown;
      try {
        r = run.call(iw, expression, {}, finish);
      } catch {
        try {
          r = run.call(iw, expression, {});
        } catch (e) {
          finish(undefined, { isError: true, value: e instanceof Error ? e.message : String(e) });
          return;
        }
        if (!fromPromise(r)) finish(undefined, { isError: true, value: 'inspectedWindow.eval gave no answer' });
        return;
      }
      fromPromise(r);
    });
}
