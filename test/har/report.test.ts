import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diagnose } from '../../src/analysis/index.ts';
import { toExchange } from '../../src/shared/exchange.ts';
import { toHar } from '../../src/har/write.ts';
import { fromHar } from '../../src/har/read.ts';
import { readReport } from '../../src/har/report.ts';
import { maskRecordDiagnosis } from '../../src/redact/record.ts';
import { JWT, records } from '../support/fixture-records.ts';

const full = (r: Parameters<typeof toExchange>[0]) => diagnose(toExchange(r), { now: r.time });

describe('a masked HAR carries the diagnosis made before masking', () => {
  it('imports with the same findings though its tokens can no longer be decoded', () => {
    const source = records();
    const har = toHar(source, { reveal: false, version: '0.1.0', diagnose: full });
    const text = JSON.stringify(har);
    expect(text).not.toContain(JWT);
    const back = fromHar(JSON.parse(text), { tabId: 9 });
    expect(back.records).toHaveLength(source.length);
    for (const [i, r] of back.records.entries()) {
      const before = full(source[i]!);
      // the same findings, their texts scrubbed of the record's secrets (the Basic user here)
      expect(r.exportedDiagnosis).toEqual(maskRecordDiagnosis(source[i]!, before, { reveal: false }));
      expect(r.exportedDiagnosis?.findings.map((f) => f.id)).toEqual(before.findings.map((f) => f.id));
    }
    expect(text).not.toMatch(/\balice\b/);
  });

  it('without a report (any other HAR writer), records come without one: the UIs run the engine', () => {
    const har = toHar(records(), { reveal: true, version: '0.1.0' });
    const back = fromHar(JSON.parse(JSON.stringify(har)), { tabId: 9 });
    expect(back.records.every((r) => r.exportedDiagnosis === undefined)).toBe(true);
  });
});

describe('readReport', () => {
  const finding = {
    id: 'token-expired',
    severity: 'error',
    title: 'Access token expired',
    explanation: 'x',
    evidence: [{ label: 'exp', value: '…' }],
    fixes: [{ audience: 'consumer', text: 'Refresh', code: 'refresh()' }],
    references: [{ title: 'RFC 7519', url: 'https://www.rfc-editor.org/rfc/rfc7519' }],
  };

  it('keeps well-formed findings', () => {
    const d = readReport({ summary: 'Access token expired', findings: [finding] });
    expect(d).toEqual({ summary: 'Access token expired', findings: [finding] });
  });

  it('drops what a file must not bring in: bad severities, non-web links, junk items', () => {
    const d = readReport({
      summary: 's',
      findings: [
        { ...finding, severity: 'fatal' },
        {
          ...finding,
          id: 'ok-one',
          references: [{ title: 'x', url: 'javascript:alert(1)' }, 7],
          evidence: [{ label: 1, value: 'v' }],
          fixes: [{ audience: 'attacker', text: 't' }],
        },
        'junk',
      ],
    });
    expect(d?.findings).toEqual([{ ...finding, id: 'ok-one', references: [], evidence: [], fixes: [] }]);
  });

  it('answers undefined for anything that is not a report, and never throws', () => {
    for (const v of [
      undefined,
      null,
      1,
      'x',
      [],
      { summary: 's' },
      { summary: 's', findings: [] },
      { findings: [finding] },
    ])
      expect(readReport(v)).toBeUndefined();
    fc.assert(
      fc.property(fc.anything(), (v) => {
        readReport(v);
        readReport({ summary: 's', findings: [v, { ...finding, evidence: v, fixes: v, references: v }] });
      }),
    );
  });
});
