import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/panel/filter.ts';
import { createFacts } from '../../src/panel/facts.ts';
import {
  allFiltered,
  filterRecords,
  groupRows,
  moveSelection,
  recordIds,
  type Lookups,
  type View,
} from '../../src/panel/rows.ts';
import { timedDiagnoser } from '../support/diagnoser.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { rec } from '../support/records.ts';

const a = rec({ url: 'https://a.example/1', status: 401 });
const b = rec({ url: 'https://b.example/1', status: 403 });
const c = rec({ url: 'https://a.example/2', status: 419 });
const all = [a, b, c];
const view = { terms: [], toggles: [], groupByOrigin: false, collapsed: new Set<string>() };
const none: Lookups = { facts: createFacts(), diagnoser: { peekSummary: () => undefined } };
const visibleRecords = (records: CaptureRecord[], v: Pick<View, 'terms' | 'toggles'>) =>
  filterRecords(records, v, none).records;
const buildRows = (records: CaptureRecord[], v: View) => groupRows(visibleRecords(records, v), v, none.facts);

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

describe('filterRecords and diagnoses that arrive later', () => {
  const many = Array.from({ length: 10 }, (_, i) => rec({ url: `https://api.example/${i}`, status: 401 }));
  const known = new Set(many.slice(0, 4));
  const partly: Lookups = {
    facts: createFacts(),
    diagnoser: { peekSummary: (r) => (known.has(r) ? { summary: 'The access token expired', ids: [] } : undefined) },
  };

  it('defers the records whose diagnosis has not arrived, when the filter needs it', () => {
    const v = { terms: parseFilter('expired'), toggles: [] };
    expect(filterRecords(many, v, partly)).toEqual({ records: many.slice(0, 4), deferred: 6 });
  });

  it('never defers when the filter needs no diagnosis', () => {
    expect(
      filterRecords(many, { terms: parseFilter('status:401 -domain:other.example'), toggles: [] }, partly),
    ).toEqual({ records: many, deferred: 0 });
  });

  it('allFiltered waits for every diagnosis (exports)', async () => {
    const d = timedDiagnoser();
    d.setInputs(many, []);
    const look = { facts: createFacts(), diagnoser: d };
    const v = { terms: parseFilter('finding:no-credentials'), toggles: [] };
    expect(filterRecords(many, v, look).deferred).toBe(10);
    expect(await allFiltered(many, v, look)).toEqual(many);
  });
});
