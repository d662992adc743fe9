// Which finished DevTools network entries are auth failures worth a body, and how to ask
// each browser for the body (pure except for calling the entry's own getContent).
import { isAuthFailure } from '../http/failure.ts';
import type { BodyMatch } from '../shared/messages.ts';

/** The part of a HAR entry (as devtools.network gives it) that we read. */
export interface HarEntryLike {
  startedDateTime: string;
  request: { url: string; method: string };
  response: {
    status: number;
    headers: { name: string; value: string }[];
    content?: { mimeType?: string };
  };
  getContent?: (...args: unknown[]) => unknown;
}

export function isAuthFailureEntry(e: HarEntryLike, captureStatuses: readonly number[]): boolean {
  return isAuthFailure(e.response.status, e.response.headers, captureStatuses);
}

export function matchOf(e: HarEntryLike): BodyMatch {
  const t = Date.parse(e.startedDateTime);
  return { url: e.request.url, method: e.request.method, status: e.response.status, time: Number.isNaN(t) ? 0 : t };
}

/**
 * Calls getContent however this browser wants it: the polyfill and Firefox return a promise
 * (and the polyfill throws when given a callback), old Chrome only calls back.
 */
export function readContent(e: HarEntryLike, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: unknown): void => {
      if (done) return;
      done = true;
      resolve(v);
    };
    setTimeout(() => finish(undefined), timeoutMs);
    if (typeof e.getContent !== 'function') return finish(undefined);
    let r: unknown;
    try {
      r = e.getContent();
    } catch {
      r = undefined;
    }
    if (r && typeof (r as Promise<unknown>).then === 'function') {
      (r as Promise<unknown>).then(finish, () => finish(undefined));
      return;
    }
    try {
      e.getContent((content: unknown, encoding: unknown) => finish([content, encoding]));
    } catch {
      finish(undefined);
    }
  });
}
