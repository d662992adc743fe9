// A HAR file is untrusted: names it uses as lookup keys must never reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { fromHar } from '../../src/har/read.ts';
import { toHar } from '../../src/har/write.ts';

const entry = (resourceType: string, ours?: Record<string, unknown>): unknown => ({
  startedDateTime: '2026-11-22T18:04:05.000Z',
  request: { method: 'GET', url: 'https://api.example.com/me', headers: [] },
  response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Bearer' }] },
  _resourceType: resourceType,
  ...(ours ? { _authlens: ours } : {}),
});

const har = (...entries: unknown[]): string => JSON.stringify({ log: { entries } });

describe('HAR lookups by a name the file chose', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '_resourceType %s reads as "other", and exports as a string again',
    (name) => {
      // JSON.parse makes "__proto__" an own data property, as a hostile file would have it
      const { records } = fromHar(har(entry(name)), { tabId: 1 });
      expect(records).toHaveLength(1);
      expect(records[0]!.type).toBe('other');
      const out = toHar([{ ...records[0]!, type: name }], { reveal: false, version: '0' });
      expect(out.log.entries[0]!._resourceType).toBe('other');
    },
  );
});
