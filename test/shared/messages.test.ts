import { describe, expect, it } from 'vitest';
import { isPortEvent, isRequest, NS, portName, tabIdOfPort } from '../../src/shared/messages.ts';

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
