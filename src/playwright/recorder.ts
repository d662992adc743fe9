// What the fixture keeps of a test's traffic: every response of the watched browser contexts as
// a small HAR entry (headers as sent and received; the body of an auth failure when it is short
// text), diagnosed at the end by the same pipeline as a HAR file.
import type { BrowserContext, Response } from '@playwright/test';
import { BODY_CAP_CHARS } from '../http/limits.ts';
import { isTextMediaType } from '../http/body.ts';
import { headerValue, type Header } from '../http/headers.ts';
import { HarPipeline, type HarFailure } from '../lib/pipeline.ts';
import { failureJudge } from '../lib/failure.ts';

const isFailure = failureJudge();

/** Waiting on one response's headers or body never holds the test's teardown longer than this. */
const READ_TIMEOUT_MS = 2_000;

export class AuthLensRecorder {
  private readonly entries: { start: number; entry: object }[] = [];
  private readonly pending = new Set<Promise<void>>();

  /** Starts watching a context: its pages, popups and their requests. */
  watch(context: BrowserContext): void {
    context.on('response', (r) => {
      const p = this.record(r).catch(() => undefined);
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    });
  }

  /** The auth failures seen so far, each diagnosed with its neighbours as history, in order. */
  async failures(): Promise<HarFailure[]> {
    await Promise.all([...this.pending]);
    const p = new HarPipeline({ strict: false });
    const out: HarFailure[] = [];
    const sorted = [...this.entries].sort((a, b) => a.start - b.start);
    sorted.forEach(({ entry }, index) => out.push(...p.add({ type: 'entry', index, value: entry })));
    out.push(...p.add({ type: 'end', entries: sorted.length, bytes: 0 }));
    return out;
  }

  private async record(r: Response): Promise<void> {
    const req = r.request();
    const [requestHeaders, responseHeaders] = await within(Promise.all([req.headersArray(), r.headersArray()]));
    const timing = req.timing();
    const status = r.status();
    const failed = isFailure({ url: r.url(), method: req.method(), status, requestHeaders, responseHeaders });
    const body = failed ? await this.cheapBody(r, responseHeaders) : undefined;
    const start = Number.isFinite(timing.startTime) && timing.startTime > 0 ? timing.startTime : Date.now();
    this.entries.push({
      start,
      entry: {
        startedDateTime: new Date(start).toISOString(),
        request: { method: req.method(), url: req.url(), headers: copy(requestHeaders) },
        response: {
          status,
          statusText: r.statusText(),
          headers: copy(responseHeaders),
          content: { mimeType: headerValue(responseHeaders, 'content-type') ?? '', ...(body ? { text: body } : {}) },
        },
        timings: { wait: Math.max(0, timing.responseStart) },
        _resourceType: req.resourceType(),
      },
    });
  }

  /** The body when it is short text (the error a server explains itself with), else nothing. */
  private async cheapBody(r: Response, headers: readonly Header[]): Promise<string | undefined> {
    if (!isTextMediaType(headerValue(headers, 'content-type'))) return undefined;
    const length = Number(headerValue(headers, 'content-length') ?? NaN);
    if (!(length <= BODY_CAP_CHARS)) return undefined;
    try {
      return await within(r.text());
    } catch {
      return undefined; // a redirect, a page gone, a body already dropped
    }
  }
}

function copy(headers: readonly Header[]): Header[] {
  return headers.map((h) => ({ name: h.name, value: h.value }));
}

function within<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), READ_TIMEOUT_MS).unref?.()),
  ]);
}
