// The one CaptureRecord factory: each test varies the fields it is about (the shape is the
// contract's). Ids, urls and times are unique and increasing, so records sort as created.
import type { Diagnosis, Finding, Severity } from '../../src/analysis/index.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';

export const T0 = 1_790_000_000_000;
let seq = 0;

export function rec(over: Partial<CaptureRecord> = {}): CaptureRecord {
  seq++;
  return {
    id: `r${seq}-1`,
    requestId: `r${seq}`,
    tabId: 7,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: `https://api.example.com/v1/items/${seq}`,
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: T0 + seq * 1000,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [],
    responseHeaders: [],
    redirects: [],
    ...over,
  };
}

/**
 * A record's diagnosis fixed in advance (as an AuthLens HAR export carries it): the UIs show it
 * without running the engine. `findings`: [id, severity] pairs, most important first.
 */
export function diagnosed(summary: string, ...findings: [id: string, severity: Severity][]): Diagnosis {
  return {
    summary,
    findings: findings.map(([id, severity]): Finding => ({
      id,
      severity,
      title: id,
      explanation: '',
      evidence: [],
      fixes: [],
      references: [],
    })),
  };
}
