// One request/response as JSON, in the shapes people and agents write it, as the engine's
// Exchange: the engine's own shape, headers as a {name: value} object, or a HAR entry.
import { diagnose, type Exchange, type Header } from '../analysis/index.ts';
import { entryProblem } from '../har/check.ts';
import { isObj, num, str } from '../har/fields.ts';
import { readEntry } from '../har/read.ts';
import { toExchange } from '../shared/exchange.ts';
import { diagnosisFields, type FailureReport } from './report.ts';
import { maskUrl } from '../redact/secrets.ts';
import { capBody } from '../http/body.ts';

export type ExchangeRead = { ok: true; exchange: Exchange } | { ok: false; error: string };

/** `{ url, method, status, requestHeaders, responseHeaders, responseBody? }` or a HAR entry. */
export function readExchange(v: unknown): ExchangeRead {
  if (!isObj(v)) return { ok: false, error: 'not an object: expected { url, method, status, ... } or a HAR entry' };
  if (isObj(v.request) && isObj(v.response)) {
    const problem = entryProblem(v, 0);
    if (problem) return { ok: false, error: problem.replace(/^entry 0:? ?/, 'HAR entry: ') };
    const r = readEntry(v, 0, 'exchange', 0, undefined, () => undefined, () => true);
    return r ? { ok: true, exchange: toExchange(r) } : { ok: false, error: 'HAR entry: no response was received' };
  }
  const url = str(v.url);
  const status = num(v.status);
  if (url === undefined) return { ok: false, error: 'url is missing' };
  if (status === undefined || !Number.isInteger(status)) return { ok: false, error: 'status is missing' };
  const requestHeaders = headers(v.requestHeaders ?? v.request_headers);
  const responseHeaders = headers(v.responseHeaders ?? v.response_headers);
  if (!requestHeaders) return { ok: false, error: 'requestHeaders is neither [{name, value}] nor {name: value}' };
  if (!responseHeaders) return { ok: false, error: 'responseHeaders is neither [{name, value}] nor {name: value}' };
  const ex: Exchange = {
    url,
    method: str(v.method) ?? 'GET',
    status,
    timeStamp: num(v.timeStamp) ?? (typeof v.time === 'string' ? Date.parse(v.time) || 0 : (num(v.time) ?? 0)),
    requestHeaders,
    responseHeaders,
  };
  const statusText = str(v.statusText);
  if (statusText !== undefined) ex.statusText = statusText;
  const type = str(v.type);
  if (type !== undefined) ex.type = type;
  const initiator = str(v.initiator);
  if (initiator !== undefined) ex.initiator = initiator;
  const body = str(v.responseBody) ?? str(v.body);
  if (body !== undefined) ex.responseBody = capBody(body);
  return { ok: true, exchange: ex };
}

function headers(v: unknown): Header[] | undefined {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    const out: Header[] = [];
    for (const h of v) {
      if (!isObj(h) || typeof h.name !== 'string') return undefined;
      if (typeof h.value !== 'string' && typeof h.value !== 'number') return undefined;
      out.push({ name: h.name, value: String(h.value) });
    }
    return out;
  }
  if (!isObj(v)) return undefined;
  const out: Header[] = [];
  for (const [name, value] of Object.entries(v)) {
    const values = Array.isArray(value) ? value : [value];
    for (const x of values) if (typeof x === 'string' || typeof x === 'number') out.push({ name, value: String(x) });
  }
  return out;
}

/** One exchange's report, the same JSON as a HAR failure's (with no entry index). */
export function explainExchange(
  ex: Exchange,
  opts: { reveal?: boolean; now?: number; history?: Exchange[] } = {},
): FailureReport {
  const now = opts.now ?? (ex.timeStamp > 0 ? ex.timeStamp : undefined);
  const d = diagnose(ex, { ...(now !== undefined ? { now } : {}), ...(opts.history ? { history: opts.history } : {}) });
  return {
    url: opts.reveal ? ex.url : maskUrl(ex.url),
    method: ex.method,
    status: ex.status,
    ...(ex.timeStamp > 0 ? { time: new Date(ex.timeStamp).toISOString() } : {}),
    ...diagnosisFields(d),
    diagnosedBy: 'authlens',
  };
}
