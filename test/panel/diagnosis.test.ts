import { describe, expect, it } from 'vitest';
import { diagnosisOf, historyBefore, HISTORY_MS, peekSummary, summaryOf } from '../../src/panel/diagnosis.ts';
import { factsOf } from '../../src/panel/facts.ts';
import { rec } from './records.ts';

const T = 1_790_000_000_000;

describe('historyBefore', () => {
  const list = [
    rec({ time: T - HISTORY_MS - 1, url: 'https://a.example/old' }),
    rec({ time: T - HISTORY_MS, url: 'https://a.example/edge' }),
    rec({ time: T - 5, url: 'https://a.example/recent' }),
    rec({ time: T, url: 'https://a.example/self' }),
    rec({ time: T, url: 'https://a.example/same-time' }),
    rec({ time: T + 1, url: 'https://a.example/later' }),
  ];
  it('takes the minute before the record, not itself, not later ones', () => {
    expect(historyBefore(list, list[3]!).map((e) => e.url)).toEqual([
      'https://a.example/edge',
      'https://a.example/recent',
      'https://a.example/same-time',
    ]);
    expect(historyBefore([], list[3]!)).toEqual([]);
  });
});

describe('diagnosis in the panel', () => {
  it('sees a burst of failures across the tab’s records', () => {
    const burst = Array.from({ length: 6 }, (_, i) => rec({ time: T + i * 1000, url: `https://api.example.com/r${i}`, status: 401 }));
    const last = burst[5]!;
    const d = diagnosisOf(last, burst);
    expect(d.ok && d.diagnosis.findings.map((f) => f.id)).toContain('failure-burst');
    expect(summaryOf(last, burst)?.ids).toContain('failure-burst');
    // the first of them has no history, so no burst
    expect(summaryOf(burst[0]!, burst)?.ids).not.toContain('failure-burst');
  });

  it('a stored summary wins; computed ones are cached and peekable', () => {
    const stored = rec({ diagnosis: { summary: 's', ids: ['x'] } });
    expect(summaryOf(stored)).toBe(stored.diagnosis);
    expect(peekSummary(stored)).toEqual({ known: true, summary: stored.diagnosis });
    const bare = rec({ url: 'https://api.example.com/' });
    expect(peekSummary(bare)).toEqual({ known: false });
    const s = summaryOf(bare);
    expect(peekSummary(bare)).toEqual({ known: true, summary: s });
  });

  it('filter facts made by a list cell (no list) still diagnose with the list given later', () => {
    const burst = Array.from({ length: 6 }, (_, i) => rec({ time: T + i * 1000, url: `https://b.example/r${i}`, status: 401 }));
    const last = burst[5]!;
    void factsOf(last).origin;
    expect(factsOf(last, burst).findings).toContain('failure-burst');
  });
});

describe('re-sync after a worker restart', () => {
  it('finds the diagnosis of the same record delivered as a new object, and not of a changed one', () => {
    const r = rec({ url: 'https://c.example/x' });
    const s = summaryOf(r);
    const copy = structuredClone(r);
    expect(peekSummary(copy)).toEqual({ known: true, summary: s });
    const withBody = { ...structuredClone(r), responseBody: '{"error":"x"}' };
    expect(peekSummary(withBody)).toEqual({ known: false });
  });
});
