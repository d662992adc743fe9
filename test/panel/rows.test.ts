import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/panel/filter.ts';
import { buildRows, filterRecords, moveSelection, recordIds, visibleRecords } from '../../src/panel/rows.ts';
import { rec } from './records.ts';

const a = rec({ url: 'https://a.example/1', status: 401 });
const b = rec({ url: 'https://b.example/1', status: 403 });
const c = rec({ url: 'https://a.example/2', status: 419 });
const all = [a, b, c];
const view = { terms: [], toggles: [], groupByOrigin: false, collapsed: new Set<string>() };

describe('rows', () => {
  it('filters by terms and toggles', () => {
    expect(visibleRecords(all, { terms: parseFilter('domain:a.example'), toggles: [] })).toEqual([a, c]);
    expect(visibleRecords(all, { terms: [], toggles: ['other'] })).toEqual([c]);
    expect(visibleRecords(all, { terms: parseFilter('-status:401'), toggles: ['401', '403'] })).toEqual([b]);
  });
  it('groups by origin in order of first appearance, with collapsible groups', () => {
    const rows = buildRows(all, { ...view, groupByOrigin: true });
    expect(rows.map((r) => (r.kind === 'group' ? `${r.origin}(${r.count})` : r.record.id))).toEqual([
      'https://a.example(2)',
      a.id,
      c.id,
      'https://b.example(1)',
      b.id,
    ]);
    const folded = buildRows(all, { ...view, groupByOrigin: true, collapsed: new Set(['https://a.example']) });
    expect(recordIds(folded)).toEqual([b.id]);
    expect(folded[0]).toEqual({ kind: 'group', origin: 'https://a.example', count: 2, collapsed: true });
  });
  it('moves the selection over record rows only, clamped at the ends', () => {
    const ids = ['x', 'y', 'z'];
    expect(moveSelection(ids, undefined, 1)).toBe('x');
    expect(moveSelection(ids, undefined, -1)).toBe('z');
    expect(moveSelection(ids, 'x', 1)).toBe('y');
    expect(moveSelection(ids, 'z', 1)).toBe('z');
    expect(moveSelection(ids, 'x', -5)).toBe('x');
    expect(moveSelection(ids, 'gone', 1)).toBe('x');
    expect(moveSelection([], 'x', 1)).toBeUndefined();
  });
});

describe('filterRecords with a diagnosis budget', () => {
  const many = Array.from({ length: 10 }, (_, i) =>
    rec({ id: `d${i}`, url: `https://api.example/${i}`, status: 401, time: 1_790_000_000_000 + i }),
  );

  it('diagnoses at most the budget per pass and defers the rest; later passes catch up', () => {
    const v = { terms: parseFilter('expired'), toggles: [] };
    const first = filterRecords(many, v, 4);
    expect(first.deferred).toBe(6);
    const second = filterRecords(many, v, 4);
    expect(second.deferred).toBe(2);
    const third = filterRecords(many, v, 4);
    expect(third.deferred).toBe(0);
    // in the end, the same answer as judging everything at once
    expect(third.records).toEqual(visibleRecords(many, v));
  });

  it('never defers when the filter needs no diagnosis', () => {
    const fresh = many.map((r) => ({ ...r, id: `${r.id}x` }));
    expect(filterRecords(fresh, { terms: parseFilter('status:401 -domain:other.example'), toggles: [] }, 0)).toEqual({
      records: fresh,
      deferred: 0,
    });
  });
});
