// Import a HAR file (Chrome, Firefox, or our own export) as capture records, offline. Keeps the
// entries AuthLens would have captured: a status in the capture set, or a challenge header
// whatever the status. Garbage in gives problems out, never an exception.
import { capBody } from '../http/body.ts';
import type { CaptureRecord, Header, RedirectHop } from '../shared/types.ts';
import { isAuthFailure } from '../http/failure.ts';
import { headerValue, isPseudoHeader } from '../http/headers.ts';
import { bool, isObj, normalizeHttpVersion, num, ownValue, readBody, readHeaders, str, type Obj } from './fields.ts';
import { readReport } from './report.ts';
import { HAR_LIMITS, formatBytes } from './limits.ts';
import type { HarEvent } from './stream.ts';

export interface FromHarOptions {
  tabId: number;
  /** statuses to keep (default: AUTH_FAILURE_STATUSES); a challenge is kept on any status but a 2xx */
  statuses?: readonly number[];
  /** prefix of the ids given to imported records (distinct per import, so two files never clash) */
  idPrefix?: string;
}

/** Which entries are auth failures (by default src/http/failure.ts with the capture statuses). */
export type FailureJudge = (x: {
  url: string;
  method: string;
  status: number;
  requestHeaders: Header[];
  responseHeaders: Header[];
}) => boolean;

export interface FromHarResult {
  records: CaptureRecord[];
  skipped: number;
  problems: string[];
}

const MAX_PROBLEMS = 20;
const NOT_A_HAR = 'not a HAR file: no log.entries array';
const SANITIZED =
  'No entry carries Authorization or Cookie: Chrome exports HAR "sanitized" by default, so findings ' +
  'about missing credentials may be wrong. Export "with sensitive data" to diagnose them.';

/** Problems as a reader meets them, the first MAX_PROBLEMS of them. */
function problemList(): { problems: string[]; note: (m: string) => void } {
  const problems: string[] = [];
  const note = (m: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(m);
    else if (problems.length === MAX_PROBLEMS) problems.push('…more problems not listed');
  };
  return { problems, note };
}

/** Chrome's `_resourceType` -> webRequest `type` (what the rest of AuthLens speaks). */
export const TYPE_OF_RESOURCE: Record<string, string> = {
  document: 'main_frame',
  fetch: 'xmlhttprequest',
  xhr: 'xmlhttprequest',
  preflight: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  ping: 'ping',
  'csp-violation-report': 'csp_report',
  other: 'other',
};

export function fromHar(json: unknown, opts: FromHarOptions): FromHarResult {
  const records: CaptureRecord[] = [];
  let skipped = 0;
  let problems: string[] = [];
  for (const part of fromHarInParts(json, opts, Infinity)) {
    records.push(...part.records);
    skipped += part.skipped;
    problems = part.problems;
  }
  return { records, skipped, problems };
}

/**
 * The same as fromHar, `size` entries at a time, so the first records can be shown while the rest
 * are read. Each part holds its own records and skipped entries; `problems` so far (the last part's
 * are all of them). At least one part, even for garbage.
 */
export function* fromHarInParts(json: unknown, opts: FromHarOptions, size: number): Generator<FromHarResult> {
  const { problems, note } = problemList();
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch (e) {
      yield { records: [], skipped: 0, problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
      return;
    }
  }
  const log = isObj(doc) ? doc.log : undefined;
  if (!isObj(log) || !Array.isArray(log.entries)) {
    yield { records: [], skipped: 0, problems: [NOT_A_HAR] };
    return;
  }
  const prefix = opts.idPrefix ?? 'har';
  const entries = log.entries as unknown[];
  if (entries.length > HAR_LIMITS.maxEntries)
    note(`${entries.length} entries: only the first ${HAR_LIMITS.maxEntries} are read`);
  const n = Math.min(entries.length, HAR_LIMITS.maxEntries);
  let anyRecord = false;
  let credentials = false;
  for (let from = 0; from < n || from === 0; from += size) {
    const records: CaptureRecord[] = [];
    let skipped = 0;
    for (let i = from; i < Math.min(n, from + size); i++) {
      const r = readEntry(entries[i], i, `${prefix}-${i}`, opts.tabId, opts.statuses, note);
      if (r) records.push(r);
      else skipped++;
    }
    anyRecord ||= records.length > 0;
    credentials ||= records.some(hasCredentials);
    const last = from + size >= n;
    if (last && isChromeExport(log) && anyRecord && !credentials) note(SANITIZED);
    yield { records, skipped, problems: problems.slice() };
    if (last) return;
  }
}

/** A part of a streamed read, or why the stream stopped: `error` ends it (the parts before stand). */
export type HarStreamPart = (FromHarResult & { error?: undefined }) | { error: string };

/**
 * fromHarInParts over the streaming reader's events (stream.ts): a part every `size` entries as
 * the bytes arrive, so the first records show while the rest of the file is still being read,
 * and the file is never held whole. The same records, skips and problems as fromHarInParts.
 * Input the reader refuses (not JSON, not a HAR file, cut short) ends with `{ error }`, in the
 * reader's words.
 */
export async function* fromHarEvents(
  events: AsyncIterable<HarEvent>,
  opts: FromHarOptions,
  size: number,
): AsyncGenerator<HarStreamPart> {
  const { problems, note } = problemList();
  const prefix = opts.idPrefix ?? 'har';
  let creator: unknown;
  let records: CaptureRecord[] = [];
  let skipped = 0;
  let inPart = 0;
  let over = 0;
  let anyRecord = false;
  let credentials = false;
  const part = (): FromHarResult => {
    const out = { records, skipped, problems: problems.slice() };
    records = [];
    skipped = 0;
    inPart = 0;
    return out;
  };
  for await (const e of events) {
    if (e.type === 'meta') {
      if (e.key === 'creator') creator = e.value;
    } else if (e.type === 'entry') {
      if (e.index >= HAR_LIMITS.maxEntries) {
        over++;
        continue;
      }
      const r = readEntry(e.value, e.index, `${prefix}-${e.index}`, opts.tabId, opts.statuses, note);
      if (r) {
        records.push(r);
        anyRecord = true;
        credentials ||= hasCredentials(r);
      } else skipped++;
      if (++inPart >= size) yield part();
    } else if (e.type === 'error') {
      if (inPart > 0) yield part();
      yield { error: e.message };
      return;
    } else {
      // first, as fromHarInParts has it: never crowded out by the cap on problems
      if (over > 0)
        problems.unshift(`${HAR_LIMITS.maxEntries + over} entries: only the first ${HAR_LIMITS.maxEntries} are read`);
      if (isObj(creator) && creator.name === 'WebInspector' && anyRecord && !credentials) note(SANITIZED);
      yield part();
      return;
    }
  }
}

export function readEntry(
  entry: unknown,
  i: number,
  id: string,
  tabId: number,
  statuses: readonly number[] | undefined,
  note: (m: string) => void,
  judge: FailureJudge = (x) => isAuthFailure(x.status, x.responseHeaders, statuses),
): CaptureRecord | undefined {
  const where = `entry ${i}`;
  if (!isObj(entry) || !isObj(entry.request) || !isObj(entry.response)) {
    note(`${where}: no request/response object`);
    return undefined;
  }
  const req = entry.request;
  const res = entry.response;
  const url = str(req.url);
  const method = str(req.method);
  const status = num(res.status);
  if (url === undefined || method === undefined || status === undefined || !Number.isInteger(status)) {
    note(`${where}: missing url, method or status`);
    return undefined;
  }
  const reqH = readHeaders(req.headers);
  const resH = readHeaders(res.headers);
  const requestHeaders = withinLimits(
    reqH.headers.filter((h) => !isPseudoHeader(h.name)),
    note,
    where,
  );
  const responseHeaders = withinLimits(
    resH.headers.filter((h) => !isPseudoHeader(h.name)),
    note,
    where,
  );
  // status 0: the request never got a response (blocked, aborted, CORS failure)
  if (status === 0 || !judge({ url, method, status, requestHeaders, responseHeaders })) return undefined;
  if (reqH.bad + resH.bad > 0) note(`${where}: ${reqH.bad + resH.bad} malformed header(s) ignored`);
  addCookieHeader(requestHeaders, req.cookies);

  const ours = isObj(entry._authlens) ? entry._authlens : undefined;
  const statusText = str(res.statusText) ?? '';
  const version = normalizeHttpVersion(str(res.httpVersion));
  const time = num(ours?.time) ?? responseTime(entry, note, where);
  // Our own export holds exactly the body the record had (text, maybe empty): take it as it is.
  const ownText = ours && isObj(res.content) && res.content.encoding === undefined ? str(res.content.text) : undefined;
  const body = ownText !== undefined ? capBody(ownText) : readBody(res.content);
  const initiator = str(ours?.initiator) ?? initiatorOf(requestHeaders);
  const record: CaptureRecord = {
    id,
    requestId: id,
    tabId,
    frameId: num(ours?.frameId) ?? 0,
    type: str(ours?.type) ?? ownValue(TYPE_OF_RESOURCE, str(entry._resourceType)) ?? 'other',
    method,
    url,
    status,
    statusLine: str(ours?.statusLine) ?? [version, String(status), statusText].filter((s) => s !== '').join(' '),
    time,
    fromCache: bool(ours?.fromCache) ?? false,
    preflight:
      bool(ours?.preflight) ??
      (method.toUpperCase() === 'OPTIONS' &&
        headerValue(requestHeaders, 'access-control-request-method') !== undefined),
    source: 'import',
    requestHeadersKnown: bool(ours?.requestHeadersKnown) ?? requestHeaders.length > 0,
    requestHeaders,
    responseHeaders,
    redirects: readRedirects(ours?.redirects),
  };
  if (initiator !== undefined) record.initiator = initiator;
  if (body !== undefined) record.responseBody = body;
  const report = readReport(ours?.report);
  if (report) record.exportedDiagnosis = report;
  return record;
}

/** Headers as a server could have sent them: no value over the limit, no more than the limit's count. */
function withinLimits(headers: Header[], note: (m: string) => void, where: string): Header[] {
  const max = HAR_LIMITS.maxHeaderBytes;
  if (headers.length <= HAR_LIMITS.maxHeaders && headers.every((h) => h.value.length <= max)) return headers;
  note(`${where}: headers over ${formatBytes(max)} or past the first ${HAR_LIMITS.maxHeaders} ignored`);
  return headers.slice(0, HAR_LIMITS.maxHeaders).filter((h) => h.value.length <= max);
}

/** Some exporters list cookies only in `cookies`, not as a header; the engine reads the header. */
function addCookieHeader(headers: Header[], cookies: unknown): void {
  if (headerValue(headers, 'cookie') !== undefined || !Array.isArray(cookies)) return;
  const pairs = cookies.filter(isObj).filter((c) => typeof c.name === 'string' && typeof c.value === 'string');
  if (pairs.length)
    headers.push({ name: 'Cookie', value: pairs.map((c) => `${String(c.name)}=${String(c.value)}`).join('; ') });
}

/**
 * HAR gives the request start; a record's time is when the response headers arrived: add the
 * phases before the first byte (spec: -1 means "does not apply"; ssl is already inside connect).
 */
export function responseTime(entry: Obj, note: (m: string) => void, where: string): number {
  const started = Date.parse(str(entry.startedDateTime) ?? '');
  if (Number.isNaN(started)) {
    note(`${where}: no valid startedDateTime, time set to 0`);
    return 0;
  }
  const t = isObj(entry.timings) ? entry.timings : {};
  const before = ['blocked', 'dns', 'connect', 'send', 'wait'].reduce((sum, k) => sum + Math.max(0, num(t[k]) ?? 0), 0);
  return Math.round(started + before);
}

/** webRequest's initiator is the requesting document's origin; a HAR has only Origin/Referer to tell it. */
function initiatorOf(headers: readonly Header[]): string | undefined {
  const origin = headerValue(headers, 'origin');
  if (origin && origin !== 'null') return origin;
  const referer = headerValue(headers, 'referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function readRedirects(v: unknown): RedirectHop[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).flatMap((h): RedirectHop[] => {
    const url = str(h.url);
    const status = num(h.status);
    if (url === undefined || status === undefined) return [];
    const hop: RedirectHop = {
      url,
      status,
      statusLine: str(h.statusLine) ?? String(status),
      requestHeaders: readHeaders(h.requestHeaders).headers,
      responseHeaders: readHeaders(h.responseHeaders).headers,
    };
    const location = str(h.location);
    if (location !== undefined) hop.location = location;
    return [hop];
  });
}

function isChromeExport(log: Obj): boolean {
  return isObj(log.creator) && log.creator.name === 'WebInspector';
}

function hasCredentials(r: CaptureRecord): boolean {
  return r.requestHeaders.some((h) => /^(authorization|cookie)$/i.test(h.name));
}
