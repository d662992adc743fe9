// The browser-knowledge module, outside a browser: the polyfill it imports returns an existing
// `browser` namespace as it is, so a minimal fake one lets the pure helpers be tested.
import { beforeAll, describe, expect, it } from 'vitest';

import type * as BrowserModule from '../../src/shared/browser.ts';

// imported in beforeAll, once the fake `browser` exists
type Mod = typeof BrowserModule;
let m: Mod;
let granted = true;
const asked: unknown[] = [];
// browser.permissions as Firefox has it; `granted` plays the user's choice in the add-ons menu
const permissions = {
  contains: async (p: { origins: string[] }) => (asked.push(['contains', p]), granted),
  request: async (p: { origins: string[] }) => {
    asked.push(['request', p]);
    if (p.origins.length === 0) throw new Error('nothing to ask');
    granted = true;
    return true;
  },
};
const g = globalThis as Record<string, unknown>;

beforeAll(async () => {
  const fake = { runtime: { id: 'authlens@test' }, permissions };
  g.chrome = fake;
  g.browser = fake;
  m = await import('../../src/shared/browser.ts');
});

describe('extraHeaders', () => {
  it('adds extraHeaders where Chrome exposes the enum, nothing in Firefox (which throws on it)', () => {
    g.chrome = {
      runtime: { id: 'x' },
      webRequest: { OnSendHeadersOptions: { REQUESTHEADERS: 'requestHeaders', EXTRA_HEADERS: 'extraHeaders' } },
    };
    expect(m.extraHeaders()).toEqual(['extraHeaders']);
    // what Firefox 153 really has (probed in test/e2e/firefox-smoke.e2e.ts's browser)
    g.chrome = { runtime: { id: 'x' }, webRequest: { OnSendHeadersOptions: { REQUESTHEADERS: 'requestHeaders' } } };
    expect(m.extraHeaders()).toEqual([]);
  });
});

describe('errorOccurredSpec', () => {
  it('passes extraHeaders in Chrome and no third argument at all in Firefox', () => {
    g.chrome = { runtime: { id: 'x' }, webRequest: { OnSendHeadersOptions: { EXTRA_HEADERS: 'extraHeaders' } } };
    expect(m.errorOccurredSpec()).toEqual([['extraHeaders']]);
    g.chrome = { runtime: { id: 'x' }, webRequest: { OnSendHeadersOptions: { REQUESTHEADERS: 'requestHeaders' } } };
    expect(m.errorOccurredSpec()).toEqual([]);
    const args = (...a: unknown[]): number => a.length;
    expect(args(() => {}, { urls: ['<all_urls>'] }, ...m.errorOccurredSpec())).toBe(2);
  });
});

describe('host access (Firefox < 127 does not grant <all_urls> at install)', () => {
  it('reports and requests <all_urls>', async () => {
    granted = false;
    expect(await m.hasHostAccess()).toBe(false);
    expect(await m.requestHostAccess()).toBe(true);
    expect(await m.hasHostAccess()).toBe(true);
    expect(asked).toEqual([
      ['contains', { origins: ['<all_urls>'] }],
      ['request', { origins: ['<all_urls>'] }],
      ['contains', { origins: ['<all_urls>'] }],
    ]);
  });

  it('answers false, never throws, when the API fails', async () => {
    const saved = permissions.contains;
    permissions.contains = async () => {
      throw new Error('no permissions API here');
    };
    try {
      expect(await m.hasHostAccess()).toBe(false);
    } finally {
      permissions.contains = saved;
    }
  });
});
