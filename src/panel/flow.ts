// One sign-in or refresh as steps (authorize → login → consent → callback → token → first API
// call), from the tab's records and the successes the worker kept around them (context entries).
// Grouped by the record's state (its URL, its Location, its redirects) or else its client_id,
// within a sign-in's time. Pure: records in, steps out.
import { idpEndpoint, isAuthorizationQuery } from '../http/idp-endpoints.ts';
import { headerValue } from '../http/headers.ts';
import { isLoginPage } from '../http/login-page.ts';
import type { CaptureRecord, ContextEntry } from '../shared/types.ts';

export type StepKind = 'authorize' | 'login' | 'consent' | 'callback' | 'token' | 'api';

export interface FlowStep {
  kind: StepKind;
  time: number;
  method: string;
  url: string;
  status: number;
  /** the step is a captured record (a failure): its id */
  recordId?: string;
}

export interface Flow {
  client?: string;
  state?: string;
  steps: FlowStep[];
}

/** how far back a sign-in may have started, and how long after it its first API call may come */
const BEFORE_MS = 10 * 60_000;
const AFTER_MS = 60_000;

interface Item {
  url: URL;
  raw: string;
  time: number;
  method: string;
  status: number;
  recordId?: string;
  /** the Location the step answered with, when known */
  location?: URL;
  authorization: boolean;
}

const parse = (url: string | undefined): URL | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

function params(u: URL | undefined): URLSearchParams {
  const p = new URLSearchParams(u?.search ?? '');
  const hash = u?.hash.slice(1) ?? '';
  if (hash.includes('=')) for (const [k, v] of new URLSearchParams(hash)) if (!p.has(k)) p.set(k, v);
  return p;
}

function items(records: readonly CaptureRecord[], context: readonly ContextEntry[]): Item[] {
  const out: Item[] = [];
  const add = (raw: string, more: Omit<Item, 'url' | 'raw'>): void => {
    const url = parse(raw);
    if (url) out.push({ url, raw, ...more });
  };
  for (const r of records) {
    for (const h of r.redirects)
      add(h.url, {
        time: r.time,
        method: r.method,
        status: h.status,
        location: parse(h.location),
        authorization: headerValue(h.requestHeaders, 'authorization') !== undefined,
      });
    add(r.url, {
      time: r.time,
      method: r.method,
      status: r.status,
      recordId: r.id,
      location: parse(headerValue(r.responseHeaders, 'location')),
      authorization: headerValue(r.requestHeaders, 'authorization') !== undefined,
    });
  }
  for (const e of context)
    add(e.url, { time: e.time, method: e.method, status: e.status, authorization: e.authorization !== undefined });
  return out.sort((a, b) => a.time - b.time);
}

const isAuthorize = (u: URL): boolean =>
  isAuthorizationQuery(u.search) || idpEndpoint(u.hostname, u.pathname) === 'authorize';
const isToken = (i: Item): boolean =>
  idpEndpoint(i.url.hostname, i.url.pathname) === 'token' && i.method.toUpperCase() === 'POST';

/** The state and client a record speaks for: its URL, its Location, its redirects. */
function keysOf(r: CaptureRecord): { state?: string; client?: string } {
  const urls = [r.url, headerValue(r.responseHeaders, 'location'), ...r.redirects.flatMap((h) => [h.url, h.location])];
  let state: string | undefined;
  let client: string | undefined;
  for (const u of urls) {
    const p = params(parse(u));
    state ??= p.get('state') ?? undefined;
    client ??= p.get('client_id') ?? undefined;
  }
  return { ...(state ? { state } : {}), ...(client ? { client } : {}) };
}

/** The sign-in `record` belongs to, or undefined when it is no step of one (or its records are malformed). */
export function flowOf(
  record: CaptureRecord,
  records: readonly CaptureRecord[],
  context: readonly ContextEntry[],
): Flow | undefined {
  try {
    return build(record, records, context);
  } catch {
    // an imported file's record may lack what the shape promises: no flow rather than a broken tab
    return undefined;
  }
}

function build(
  record: CaptureRecord,
  records: readonly CaptureRecord[],
  context: readonly ContextEntry[],
): Flow | undefined {
  const all = items(records, context).filter(
    (i) => i.time >= record.time - BEFORE_MS && i.time <= record.time + AFTER_MS,
  );
  const keys = keysOf(record);
  const authorizes = all.filter((i) => isAuthorize(i.url) && i.time <= record.time);
  const start =
    authorizes.filter((i) => keys.state !== undefined && params(i.url).get('state') === keys.state).pop() ??
    authorizes.filter((i) => keys.client !== undefined && params(i.url).get('client_id') === keys.client).pop() ??
    authorizes.pop();
  const own = all.find((i) => i.recordId === record.id);
  const ownUrl = own?.url ?? parse(record.url);
  const oauthRecord =
    !!ownUrl &&
    (isAuthorize(ownUrl) ||
      (own !== undefined && isToken(own)) ||
      params(ownUrl).has('code') ||
      params(own?.location).has('state') ||
      isLoginPage(ownUrl));
  if (!oauthRecord && !start) return undefined;
  const sp = params(start?.url);
  const state = keys.state ?? sp.get('state') ?? undefined;
  const client = keys.client ?? sp.get('client_id') ?? undefined;
  const redirect = parse(sp.get('redirect_uri') ?? undefined);
  const idpOrigin = start?.url.origin;
  const from = start?.time ?? record.time - BEFORE_MS;
  const steps: FlowStep[] = [];
  let tokenSeen = false;
  let apiSeen = false;
  const captured = new Map<string, number>();
  for (const i of all) if (i.recordId !== undefined) captured.set(`${i.raw}|${i.status}`, i.time);
  for (const i of all) {
    if (i.time < from) continue;
    const p = params(i.url);
    let kind: StepKind | undefined;
    if (isAuthorize(i.url)) {
      const s = p.get('state');
      kind = state === undefined || s === null || s === state ? 'authorize' : undefined;
    } else if (isToken(i)) kind = 'token';
    else if ((p.has('code') || p.has('error')) && (p.get('state') === state || sameTarget(i.url, redirect)))
      kind = 'callback';
    else if (params(i.location).has('code') || params(i.location).has('error')) kind = 'authorize';
    else if (idpOrigin !== undefined && i.url.origin === idpOrigin)
      kind = /consent/i.test(i.url.pathname) ? 'consent' : 'login';
    else if (isLoginPage(i.url)) kind = 'login';
    else if (tokenSeen && !apiSeen && i.authorization) kind = 'api';
    if (!kind) continue;
    // a later authorize is another attempt, not this flow's
    if (kind === 'authorize' && i.time > record.time && i.recordId !== record.id) continue;
    if (kind === 'token' && i.status < 400) tokenSeen = true;
    if (kind === 'api') apiSeen = true;
    // the worker may keep a captured step as context too (a redirect's authorization response)
    const twin = captured.get(`${i.raw}|${i.status}`);
    if (i.recordId === undefined && twin !== undefined && Math.abs(twin - i.time) <= 1000) continue;
    steps.push({
      kind,
      time: i.time,
      method: i.method,
      url: i.raw,
      status: i.status,
      ...(i.recordId ? { recordId: i.recordId } : {}),
    });
  }
  if (steps.length === 0) return undefined;
  return { ...(client ? { client } : {}), ...(state ? { state } : {}), steps };
}

function sameTarget(u: URL, target: URL | undefined): boolean {
  return !!target && u.origin === target.origin && u.pathname === target.pathname;
}

/** The step where the flow broke: the selected record's step, else the first refused one. */
export function brokenStep(flow: Flow, recordId: string): FlowStep | undefined {
  return (
    flow.steps.find((s) => s.recordId === recordId) ??
    flow.steps.find((s) => s.recordId !== undefined) ??
    flow.steps.find((s) => s.status >= 400)
  );
}
