import { describe, expect, it } from 'vitest';
import { loadView, PERSIST_KEY, saveView, type KeyValue } from '../../src/panel/persist.ts';

function memory(init: Record<string, string> = {}): KeyValue & { data: Record<string, string> } {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('persisted view', () => {
  it('round-trips filter text, toggles and grouping', () => {
    const kv = memory();
    saveView(kv, { filterText: 'status:403 -domain:cdn', toggles: ['401', 'other'], groupByOrigin: true });
    expect(loadView(kv)).toEqual({
      filterText: 'status:403 -domain:cdn',
      toggles: ['401', 'other'],
      groupByOrigin: true,
    });
  });
  it('falls back to defaults on junk, missing storage, or throwing storage', () => {
    const defaults = { filterText: '', toggles: [], groupByOrigin: false };
    expect(loadView(undefined)).toEqual(defaults);
    expect(loadView(memory({ [PERSIST_KEY]: '{not json' }))).toEqual(defaults);
    expect(loadView(memory({ [PERSIST_KEY]: '42' }))).toEqual(defaults);
    expect(
      loadView(
        memory({ [PERSIST_KEY]: JSON.stringify({ filterText: 7, toggles: ['500', '403'], groupByOrigin: 'yes' }) }),
      ),
    ).toEqual({
      filterText: '',
      toggles: ['403'],
      groupByOrigin: false,
    });
    const throwing: KeyValue = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadView(throwing)).toEqual(defaults);
    expect(() => saveView(throwing, defaults)).not.toThrow();
  });
});
