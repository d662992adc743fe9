import { describe, expect, it } from 'vitest';
import type { DiagnosisSummary } from '../../src/shared/diagnoser.ts';
import type { CaptureRecord, ContextEntry } from '../../src/shared/types.ts';
import { createFacts } from '../../src/panel/facts.ts';
import { parseFilter, type StatusToggle } from '../../src/panel/filter.ts';
import { createFilterRun, narrows } from '../../src/panel/filter-run.ts';
import { filterRecords, type Lookups } from '../../src/panel/rows.ts';
import { rec } from '../support/records.ts';

const summary = (id: string, text: string): DiagnosisSummary => ({
  summary: text,
  ids: [id],
  top: { id, severity: 'error', title: text },
});

/** diagnoses that arrive when a test says so; peeks counted */
function arriving() {
  const known = new Map<CaptureRecord, DiagnosisSummary>();
  let peeks = 0;
  let version = 0;
  const look: Lookups = {
    facts: createFacts(),
    diagnoser: {
      peekSummary: (r) => {
        peeks++;
        return known.get(r);
      },
      get version() {
        return version;
      },
    },
  };
  const arrive = (rs: CaptureRecord[], s: DiagnosisSummary): void => {
    for (const r of rs) known.set(r, s);
    version++;
  };
  return { known, look, arrive, bump: () => void version++, peeks: () => peeks };
}

const statuses = [401, 403, 419, 401, 407];
const make = (n: number, from = 0): CaptureRecord[] =>
  Array.from({ length: n }, (_, i) =>
    rec({
      url: `https://${(i + from) % 3 ? 'api' : 'auth'}.example/${(i + from) % 2 ? 'invoices' : 'users'}/${i + from}`,
      status: statuses[(i + from) % statuses.length],
      method: (i + from) % 4 ? 'GET' : 'POST',
    }),
  );

describe('the filter run', () => {
  it('keeps what a full filter keeps, through typing, Backspace, arrivals and new records', () => {
    const { known, look, bump } = arriving();
    const run = createFilterRun(look);
    let records = make(60);
    let context: ContextEntry[] = [];
    const oracle = (text: string, toggles: StatusToggle[] = []) =>
      filterRecords(records, { terms: parseFilter(text), toggles }, look);
    const check = (text: string, toggles: StatusToggle[] = []): void => {
      const got = run({ records, context, terms: parseFilter(text), toggles });
      expect(got, text).toEqual(oracle(text, toggles));
    };
    const typed = ['i', 'in', 'inv', 'invo', 'invoices', 'invoices x', 'invoices', 'invo', 'i', ''];
    for (const t of typed) check(t);
    // diagnoses arrive for a third of the records, then the same queries again
    for (const [i, r] of records.entries()) if (i % 3 === 0) known.set(r, summary('token-expired', 'Token expired'));
    bump();
    for (const t of typed) check(t);
    for (const t of ['s', 'st', 'status:', 'status:4', 'status:40', 'status:403', 'status:4x3', 'status:4xx']) check(t);
    for (const t of ['finding:token-expired', 'finding:token-expired method:post', '-domain:auth.example']) check(t);
    for (const t of ['-', '-d', '-do', '-domain:api.*', 'scheme:bearer', '"users/1"']) check(t);
    check('invo', ['401']);
    check('invoices', ['401', 'other']);
    check('', ['403']);
    // the rest of the diagnoses, then new records arriving (merged in time order) and a context change
    for (const r of records) if (!known.has(r)) known.set(r, summary('token-rejected', 'Rejected invoice token'));
    bump();
    for (const t of typed) check(t);
    records = [...records, ...make(20, 60)];
    for (const t of typed) check(t);
    records = records.filter((_, i) => i % 5 !== 0);
    check('finding:token-rejected');
    context = [];
    check('finding:token-rejected');
    for (const r of records) known.delete(r);
    bump();
    context = [{ url: 'https://api.example/ok', method: 'GET', status: 200, time: 0 } as ContextEntry];
    check('finding:token-rejected');
    check('invoices');
  });

  it('asks the diagnoser only about records still waiting for a diagnosis', () => {
    const { arrive, look, peeks } = arriving();
    const run = createFilterRun(look);
    const records = make(100);
    arrive(records.slice(0, 90), summary('token-expired', 'Token expired'));
    const context: ContextEntry[] = [];
    const go = (text: string) => run({ records, context, terms: parseFilter(text), toggles: [] });
    expect(go('invoices').deferred).toBe(10);
    expect(peeks()).toBe(100);
    // narrowing and widening back with no answer since: nobody is asked; after arrivals, only the 10 waiting
    go('invoices/');
    go('invoices');
    arrive(records.slice(90), summary('token-expired', 'Token expired'));
    const got = go('invoices');
    expect(peeks()).toBe(100 + 10);
    expect(got).toEqual(filterRecords(records, { terms: parseFilter('invoices'), toggles: [] }, look));
  });

  it('asks about a waiting record once per version of the diagnoser, whatever the queries', () => {
    const { arrive, look, peeks } = arriving();
    const run = createFilterRun(look);
    const records = make(100);
    const context: ContextEntry[] = [];
    arrive(records.slice(0, 90), summary('token-expired', 'Token expired'));
    const go = (text: string) => run({ records, context, terms: parseFilter(text), toggles: [] });
    go('invoices');
    arrive([], summary('token-expired', 'Token expired'));
    go('users');
    go('invoices');
    expect(peeks()).toBe(100 + 10);
  });

  it('with a diagnoser that says what it answered, re-reads only those of the waiting records', () => {
    const { arrive, look, peeks } = arriving();
    const told: CaptureRecord[][] = [];
    let base = 0;
    look.diagnoser.answeredSince = (v) => (v < base ? undefined : told.slice(v - base).flat());
    const tell = (rs: CaptureRecord[]): void => {
      arrive(rs, summary('token-expired', 'Token expired'));
      told.push(rs);
    };
    const run = createFilterRun(look);
    const records = make(100);
    const context: ContextEntry[] = [];
    const go = (text: string) => run({ records, context, terms: parseFilter(text), toggles: [] });
    base = look.diagnoser.version!;
    tell(records.slice(0, 10));
    expect(go('invoices').deferred).toBe(90);
    expect(peeks()).toBe(100);
    // two answers: the same query and another one read those two alone
    tell(records.slice(10, 12));
    expect(go('invoices').deferred).toBe(88);
    go('users');
    expect(peeks()).toBe(102);
    expect(go('users')).toEqual(filterRecords(records, { terms: parseFilter('users'), toggles: [] }, look));
    // a diagnoser that cannot say (too far behind): every waiting record is read again, once
    const before = peeks();
    base = Infinity;
    tell(records.slice(12, 13));
    go('invoices');
    go('users');
    expect(peeks() - before).toBe(88);
    expect(go('invoices')).toEqual(filterRecords(records, { terms: parseFilter('invoices'), toggles: [] }, look));
  });

  it('tells a narrowing query from one that may keep more', () => {
    const n = (a: string, b: string): boolean => narrows(parseFilter(a), parseFilter(b));
    expect(n('invo', 'invoi')).toBe(true);
    expect(n('invo', 'xinvoy')).toBe(true);
    expect(n('invo', 'invo status:401')).toBe(true);
    expect(n('invoi', 'invo')).toBe(false);
    expect(n('-d', '-do')).toBe(false);
    expect(n('status:40', 'status:403')).toBe(false);
    expect(n('', 'anything')).toBe(true);
  });
});
