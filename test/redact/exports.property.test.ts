// Properties over random records: masked exports never carry a secret, and our HAR round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCurl } from '../../src/panel/export/curl.ts';
import { toFetch } from '../../src/panel/export/fetch.ts';
import { toHar } from '../../src/har/write.ts';
import { fromHar } from '../../src/har/read.ts';
import { toJson } from '../../src/panel/export/json.ts';
import { toMarkdown } from '../../src/report/markdown.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import type { CaptureRecord, Header } from '../../src/shared/types.ts';

const token = fc.stringMatching(/^[A-Za-z0-9_-]{24,60}$/);
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const headerValue = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '));
const header: fc.Arbitrary<Header> = fc.record({ name: headerName, value: headerValue });

function recordArb(secret: fc.Arbitrary<string>) {
  return fc
    .record({
      secret,
      where: fc.constantFrom('bearer', 'cookie', 'query', 'apikey', 'basic'),
      status: fc.constantFrom(...DEFAULT_SETTINGS.captureStatuses),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
      extra: fc.array(header, { maxLength: 5 }),
      responseHeaders: fc.array(header, { maxLength: 5 }),
      body: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
      time: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      statusText: fc.constantFrom('', ' Unauthorized', ' Forbidden'),
    })
    .map(({ secret, where, status, method, extra, responseHeaders, body, time, statusText }) => {
      const requestHeaders: Header[] = [...extra];
      let url = 'https://api.example.com/v1/thing';
      if (where === 'bearer') requestHeaders.push({ name: 'Authorization', value: `Bearer ${secret}` });
      if (where === 'cookie') requestHeaders.push({ name: 'Cookie', value: `sid=${secret}; theme=dark` });
      if (where === 'query') url += `?page=1&access_token=${secret}`;
      if (where === 'apikey') requestHeaders.push({ name: 'X-Api-Key', value: secret });
      if (where === 'basic') requestHeaders.push({ name: 'Authorization', value: `Basic ${btoa(`alice:${secret}`)}` });
      const r: CaptureRecord = {
        id: 'x-1',
        requestId: 'x',
        tabId: 4,
        frameId: 0,
        type: 'xmlhttprequest',
        method,
        url,
        status,
        statusLine: `HTTP/1.1 ${status}${statusText}`,
        time,
        fromCache: false,
        preflight: false,
        source: 'headers',
        requestHeadersKnown: true,
        requestHeaders,
        responseHeaders,
        redirects: [],
      };
      if (body !== undefined) r.responseBody = body;
      return { r, secret, basic: btoa(`alice:${secret}`) };
    });
}

describe('masked exports never carry the secret', () => {
  it('cURL, fetch, Markdown, HAR, JSON', () => {
    fc.assert(
      fc.property(recordArb(token), ({ r, secret, basic }) => {
        const outputs = [
          toCurl(r, { reveal: false }),
          toFetch(r, { reveal: false }),
          toMarkdown(r, { summary: 's', findings: [] }, { reveal: false }),
          JSON.stringify(toHar([r], { reveal: false, version: '1' })),
          toJson([r], { reveal: false }),
        ];
        for (const o of outputs) {
          expect(o).not.toContain(secret);
          expect(o).not.toContain(basic);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('revealed exports do carry it (the opt-in works)', () => {
    fc.assert(
      fc.property(recordArb(token), ({ r, secret, basic }) => {
        const wanted = r.requestHeaders.some((h) => h.value.startsWith('Basic ')) ? basic : secret;
        expect(toCurl(r, { reveal: true })).toContain(wanted);
        expect(JSON.stringify(toHar([r], { reveal: true, version: '1' }))).toContain(wanted);
      }),
      { numRuns: 100 },
    );
  });
});

describe('HAR round trip', () => {
  it('toHar (revealed) -> JSON -> fromHar gives the same records, ids aside', () => {
    fc.assert(
      fc.property(recordArb(token), ({ r }) => {
        const har = JSON.parse(JSON.stringify(toHar([r], { reveal: true, version: '1' }))) as unknown;
        const back = fromHar(har, { tabId: 9 });
        expect(back.problems).toEqual([]);
        expect(back.records).toHaveLength(1);
        const { id: _a, requestId: _b, tabId: _c, source, ...got } = back.records[0]!;
        const { id: _e, requestId: _f, tabId: _g, source: _h, ...want } = r;
        expect(source).toBe('import');
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
