// Loads the export tests' input records (test/fixtures/har/source-records.json) as fresh copies.
import source from '../fixtures/har/source-records.json';
import diagnosisFixture from '../fixtures/har/diagnosis-expired.json';
import type { Diagnosis } from '../../src/analysis/index.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';

export function records(): CaptureRecord[] {
  return structuredClone(source.records) as CaptureRecord[];
}

export function record(id: string): CaptureRecord {
  const r = records().find((x) => x.id === id);
  if (!r) throw new Error(`no fixture record ${id}`);
  return r;
}

export function expiredDiagnosis(): Diagnosis {
  return structuredClone(diagnosisFixture.diagnosis) as Diagnosis;
}

export const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc5NTM3MDAwMH0.c2lnbmF0dXJlLXgtN1F3';

/** Every secret the fixture records carry: a masked export holds none of them. */
export const SECRETS = [
  JWT,
  'abcdefghijkl',
  'abc123xyz789',
  'YWxpY2U6czNjcmV0LXBhc3M=',
  'sk_live_0123456789abcdef',
  'c0de12345',
];
