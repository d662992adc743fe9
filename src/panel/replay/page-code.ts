// The code a replay evaluates in the inspected page (devtools.inspectedWindow.eval), and the one
// way it is built: a fixed function written here, applied to arguments that are JSON. Nothing a
// server sent or a user typed ever becomes code: URLs, header names and values, bodies and the
// pasted Authorization travel as JSON string literals, which cannot end the argument list.
//
// eval() cannot await a fetch, so the start code stores the outcome in the page under a key
// and returns at once; the read code fetches (and clears) it. The page's own scripts could read
// that slot or wrap fetch(): a replay runs in the page, with the page's powers and its view.
import { BODY_CAP_CHARS } from '../../http/limits.ts';
import type { ReplayRequest } from './request.ts';

/** Written as JavaScript source on purpose: what runs in the page is exactly what is read here. */
const START = `(function (req, key) {
  'use strict';
  var slot = Symbol.for('authlens.replay');
  var store = globalThis[slot] || (globalThis[slot] = Object.create(null));
  var started = Date.now();
  store[key] = { state: 'pending', started: started };
  var done = function (v) { v.started = started; v.ended = Date.now(); store[key] = v; };
  var fail = function (e) { done({ state: 'error', error: String((e && e.message) || e) }); };
  try {
    var headers = new Headers();
    for (var i = 0; i < req.headers.length; i++) headers.append(req.headers[i][0], req.headers[i][1]);
    var init = { method: req.method, headers: headers, credentials: req.credentials, cache: 'no-store' };
    if (typeof req.body === 'string') init.body = req.body;
    fetch(req.url, init).then(function (res) {
      return res.text().then(null, function () { return ''; }).then(function (text) {
        var list = [];
        res.headers.forEach(function (value, name) { list.push({ name: name, value: value }); });
        done({ state: 'done', status: res.status, statusText: res.statusText, url: res.url,
          redirected: res.redirected, type: res.type, headers: list, body: String(text).slice(0, ${BODY_CAP_CHARS}) });
      });
    }).then(null, fail);
  } catch (e) {
    fail(e);
  }
  return { origin: String(location.origin) };
})`;

const READ = `(function (key) {
  'use strict';
  var store = globalThis[Symbol.for('authlens.replay')];
  var v = store ? store[key] : undefined;
  if (v && v.state !== 'pending') delete store[key];
  return v || null;
})`;

/** A JSON literal, with U+2028/2029 escaped for engines older than ES2019's JSON superset. */
export function literal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Starts the request in the page; evaluates to `{ origin }` (the page's origin). */
export function startCode(req: ReplayRequest, key: string): string {
  const data: ReplayRequest = {
    url: String(req.url),
    method: String(req.method),
    headers: req.headers.map(([n, v]) => [String(n), String(v)]),
    credentials: req.credentials,
    ...(req.body !== undefined ? { body: String(req.body) } : {}),
  };
  return `${START}(${literal(data)}, ${literal(String(key))})`;
}

/** Evaluates to the outcome stored under `key`, or null while the request is on its way. */
export function readCode(key: string): string {
  return `${READ}(${literal(String(key))})`;
}

/** What the page code stores; checked field by field when it comes back (the page could write anything there). */
export type PageOutcome =
  | { state: 'pending' }
  | {
      state: 'done';
      status: number;
      statusText: string;
      url: string;
      redirected: boolean;
      type: string;
      headers: { name: string; value: string }[];
      body: string;
      started: number;
      ended: number;
    }
  | { state: 'error'; error: string; started: number; ended: number };

const str = (v: unknown, max = 4096): string => (typeof v === 'string' ? v.slice(0, max) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function readOutcome(v: unknown): PageOutcome | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.state === 'pending') return { state: 'pending' };
  if (o.state === 'error')
    return { state: 'error', error: str(o.error, 500), started: num(o.started), ended: num(o.ended) };
  if (o.state !== 'done') return undefined;
  const headers = Array.isArray(o.headers)
    ? o.headers
        .filter(
          (h): h is { name: string; value: string } => !!h && typeof h.name === 'string' && typeof h.value === 'string',
        )
        .slice(0, 200)
    : [];
  return {
    state: 'done',
    status: num(o.status),
    statusText: str(o.statusText, 200),
    url: str(o.url, 16_384),
    redirected: o.redirected === true,
    type: str(o.type, 20),
    headers,
    body: str(o.body, BODY_CAP_CHARS),
    started: num(o.started),
    ended: num(o.ended),
  };
}
