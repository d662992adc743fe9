import { describe, expect, it } from 'vitest';
import { isContextEntry, isPortEvent, isRequest, NS, portName, tabIdOfPort } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

describe('message guards', () => {
  it('accepts our requests and rejects strangers', () => {
    expect(isRequest({ ns: NS, type: 'getRecords', tabId: 1 })).toBe(true);
    expect(isRequest({ ns: 'other', type: 'getRecords', tabId: 1 })).toBe(false);
    expect(isRequest({ ns: NS, type: 'nope' })).toBe(false);
    expect(isRequest(null)).toBe(false);
    expect(isRequest('getRecords')).toBe(false);
  });

  it('tells port events from requests', () => {
    expect(isPortEvent({ ns: NS, type: 'cleared', tabId: 3 })).toBe(true);
    expect(isPortEvent({ ns: NS, type: 'getRecords', tabId: 3 })).toBe(false);
    expect(isRequest({ ns: NS, type: 'cleared', tabId: 3 })).toBe(false);
  });
});

describe('context entries on the wire', () => {
  const entry = { url: 'https://a/oauth/token', method: 'POST', status: 200, time: 5, type: 'xmlhttprequest' };
  const settings = { ...DEFAULT_SETTINGS };

  it('accepts a context event and a snapshot with or without context', () => {
    expect(
      isPortEvent({ ns: NS, type: 'context', tabId: 3, entries: [entry, { ...entry, authorization: 'Bearer x' }] }),
    ).toBe(true);
    expect(isPortEvent({ ns: NS, type: 'context', tabId: 3, entries: [], replace: true })).toBe(true);
    expect(isPortEvent({ ns: NS, type: 'snapshot', tabId: 3, records: [], settings, context: [entry] })).toBe(true);
    expect(isPortEvent({ ns: NS, type: 'snapshot', tabId: 3, records: [], settings })).toBe(true);
  });

  it('rejects malformed context', () => {
    expect(isPortEvent({ ns: NS, type: 'context', tabId: 3 })).toBe(false);
    expect(isPortEvent({ ns: NS, type: 'context', tabId: '3', entries: [] })).toBe(false);
    expect(isPortEvent({ ns: NS, type: 'context', tabId: 3, entries: [null] })).toBe(false);
    expect(isPortEvent({ ns: NS, type: 'snapshot', tabId: 3, records: [], settings, context: 'x' })).toBe(false);
    expect(isContextEntry({ ...entry, status: '200' })).toBe(false);
    expect(isContextEntry({ ...entry, authorization: 42 })).toBe(false);
    expect(isContextEntry({ ...entry, time: undefined })).toBe(false);
    expect(isRequest({ ns: NS, type: 'context', tabId: 3, entries: [] })).toBe(false);
  });
});

describe('port names', () => {
  it('round-trips tab ids, including the no-tab bucket', () => {
    for (const id of [0, 1, 42, -1]) expect(tabIdOfPort(portName(id))).toBe(id);
  });

  it('rejects names that are not ours or not integers', () => {
    expect(tabIdOfPort('something-else')).toBeUndefined();
    expect(tabIdOfPort(portName(1) + '.5')).toBeUndefined();
    expect(tabIdOfPort('authlens:tab:abc')).toBeUndefined();
  });
});
