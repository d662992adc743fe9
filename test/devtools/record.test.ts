// DevTools entries the worker did not capture become records when the engine judges them failures.
import { describe, expect, it } from 'vitest';
import { devtoolsRecord, exchangeOf, worthReading, type FullEntry } from '../../src/devtools/record.ts';

const entry = (over: Partial<FullEntry['response']>, url = 'https://slack.com/api/auth.test'): FullEntry => ({
  startedDateTime: '2026-11-22T18:32:05.000Z',
  request: { url, method: 'POST', headers: [{ name: 'Authorization', value: 'Bearer xoxb-1-2-abc' }] },
  response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }], ...over },
  _resourceType: 'fetch',
});

describe('devtools records', () => {
  it('reads an entry as an exchange', () => {
    expect(exchangeOf(entry({}), '{}')).toMatchObject({
      url: 'https://slack.com/api/auth.test',
      method: 'POST',
      status: 200,
      type: 'xmlhttprequest',
      timeStamp: Date.UTC(2026, 10, 22, 18, 32, 5),
      responseBody: '{}',
    });
  });

  it('makes a record of a 200 whose body says the credentials were refused, not of a success', () => {
    const r = devtoolsRecord(entry({}), 3, '{"ok":false,"error":"invalid_auth"}');
    expect(r).toMatchObject({
      tabId: 3,
      source: 'devtools',
      status: 200,
      responseBody: '{"ok":false,"error":"invalid_auth"}',
    });
    expect(devtoolsRecord(entry({}), 3, '{"ok":true}')).toBeUndefined();
    expect(devtoolsRecord(entry({}), 3, undefined)).toBeUndefined();
  });

  it('reads only responses whose body could show a failure', () => {
    expect(worthReading(entry({ status: 400 }))).toBe(true);
    expect(worthReading(entry({ status: 302 }))).toBe(true);
    expect(worthReading(entry({ content: { mimeType: 'application/json' } }))).toBe(true);
    expect(worthReading(entry({ content: { mimeType: 'image/png' } }))).toBe(false);
  });
});
