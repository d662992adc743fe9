import { describe, expect, it } from 'vitest';
import { isAuthFailureEntry, matchOf, readContent, type HarEntryLike } from '../../src/devtools/entry.ts';

function entry(
  status: number,
  headers: { name: string; value: string }[] = [],
  getContent?: HarEntryLike['getContent'],
): HarEntryLike {
  return {
    startedDateTime: '2026-11-22T18:00:00.123Z',
    request: { url: 'https://api.example.com/me', method: 'GET' },
    response: { status, headers, content: { mimeType: 'application/json' } },
    ...(getContent ? { getContent } : {}),
  };
}

describe('isAuthFailureEntry', () => {
  const set = [401, 403, 419];
  it('captures statuses in the set and any response with a challenge', () => {
    expect(isAuthFailureEntry(entry(401), set)).toBe(true);
    expect(isAuthFailureEntry(entry(419), set)).toBe(true);
    expect(isAuthFailureEntry(entry(200), set)).toBe(false);
    expect(isAuthFailureEntry(entry(500), set)).toBe(false);
    expect(isAuthFailureEntry(entry(400, [{ name: 'www-authenticate', value: 'Bearer realm="x"' }]), set)).toBe(true);
    expect(isAuthFailureEntry(entry(502, [{ name: 'Proxy-Authenticate', value: 'Basic' }]), set)).toBe(true);
  });
});

describe('matchOf', () => {
  it('takes url, method, status and the start time', () => {
    expect(matchOf(entry(401))).toEqual({
      url: 'https://api.example.com/me',
      method: 'GET',
      status: 401,
      time: Date.UTC(2026, 10, 22, 18, 0, 0, 123),
    });
    expect(matchOf({ ...entry(401), startedDateTime: 'junk' }).time).toBe(0);
  });
});

describe('readContent', () => {
  it('promise style (polyfill, Firefox, Chrome 151+): resolves with what the promise gives', async () => {
    expect(await readContent(entry(401, [], () => Promise.resolve(['{}', 'application/json'])))).toEqual([
      '{}',
      'application/json',
    ]);
    expect(await readContent(entry(401, [], () => Promise.resolve({ content: '{}', encoding: '' })))).toEqual({
      content: '{}',
      encoding: '',
    });
  });
  it('callback style (old Chrome): passes the callback arguments as an array', async () => {
    const cbOnly = (...args: unknown[]): undefined => {
      const cb = args[0] as ((c: string, e: string) => void) | undefined;
      if (cb) setTimeout(() => cb('{"a":1}', 'base64'), 1);
      return undefined;
    };
    expect(await readContent(entry(401, [], cbOnly))).toEqual(['{"a":1}', 'base64']);
  });
  it('a rejected promise, a throwing getContent or none at all resolve undefined', async () => {
    expect(await readContent(entry(401, [], () => Promise.reject(new Error('gone'))))).toBeUndefined();
    expect(
      await readContent(
        entry(401, [], () => {
          throw new Error('nope');
        }),
      ),
    ).toBeUndefined();
    expect(await readContent(entry(401))).toBeUndefined();
  });
  it('a getContent that never answers times out', async () => {
    expect(
      await readContent(
        entry(401, [], () => new Promise(() => {})),
        20,
      ),
    ).toBeUndefined();
  });
});
