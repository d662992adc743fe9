// Small builders for rule tests: an exchange at a fixed server time, and JWTs.
import { diagnose, type Exchange } from '../../../src/analysis/index.ts';

export const T = Date.UTC(2026, 10, 22, 18, 32, 5);
export const S = T / 1000;
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const jwt = (p: object, h: object = { alg: 'RS256', kid: 'k1' }) => `${b64(h)}.${b64(p)}.c2lnbmF0dXJl`;

type Hs = Record<string, string>;
export function ex(o: {
  url?: string;
  method?: string;
  status?: number;
  req?: Hs;
  res?: Hs;
  date?: number | null;
  timeStamp?: number;
  initiator?: string;
  body?: string;
  redirects?: Exchange['redirects'];
}): Exchange {
  const res: Hs = { ...(o.date === null ? {} : { Date: new Date(o.date ?? T).toUTCString() }), ...o.res };
  return {
    url: o.url ?? 'https://api.example.com/v1/me',
    method: o.method ?? 'GET',
    status: o.status ?? 401,
    timeStamp: o.timeStamp ?? T,
    requestHeaders: Object.entries(o.req ?? {}).map(([name, value]) => ({ name, value })),
    responseHeaders: Object.entries(res).map(([name, value]) => ({ name, value })),
    ...(o.initiator ? { initiator: o.initiator } : {}),
    ...(o.body !== undefined ? { responseBody: o.body } : {}),
    ...(o.redirects ? { redirects: o.redirects } : {}),
  };
}

export const ids = (e: Exchange, now?: number): string[] =>
  diagnose(e, now === undefined ? {} : { now }).findings.map((f) => f.id);
