// What the background captures and every UI reads. Plain JSON: it lives in storage.session.
import type { Diagnosis, Header } from '../analysis/index.ts';
import type { RequestDigest } from '../http/request-digest.ts';

export type { Header };

/** Records of requests that had no tab (page service workers, other extensions) live here. */
export const NO_TAB = -1;

export interface RedirectHop {
  url: string;
  status: number;
  statusLine: string;
  location?: string;
  /** the request headers sent for this hop */
  requestHeaders: Header[];
  responseHeaders: Header[];
}

export type CaptureSource =
  | 'headers' // onHeadersReceived with a status in the capture set
  | 'auth-required' // onAuthRequired (a real proxy's 407, or an HTTP-auth prompt)
  | 'import' // came from a HAR file
  | 'devtools' // a failure only DevTools saw: outside the capture set, judged by the engine from its body
  | 'replay'; // the panel replayed a request in the inspected page and this is what came back

export interface CaptureRecord {
  /** unique per record: `${requestId}-${seq}` (one requestId can fail twice: auth retries) */
  id: string;
  requestId: string;
  tabId: number;
  frameId: number;
  /** webRequest resource type */
  type: string;
  method: string;
  url: string;
  initiator?: string;
  status: number;
  statusLine: string;
  /** ms since epoch (client clock) when the response headers arrived */
  time: number;
  fromCache: boolean;
  /** a CORS preflight (OPTIONS with Access-Control-Request-Method) */
  preflight: boolean;
  source: CaptureSource;
  /** false when onSendHeaders was never seen for this request (so no header list is known) */
  requestHeadersKnown: boolean;
  requestHeaders: Header[];
  responseHeaders: Header[];
  redirects: RedirectHop[];
  /** attached from DevTools (devtools.network getContent) or HAR; capped, text only */
  responseBody?: string;
  /**
   * The full diagnosis an AuthLens export carried, made where the secrets were still visible:
   * a masked file's tokens can no longer be decoded, so its imports show this instead of
   * re-running the engine on `eyJhbGciOi…x7Qw #3fa2c1`.
   */
  exportedDiagnosis?: Diagnosis;
  /** the id of the record this one replays (the panel's "Replay in page") */
  replayOf?: string;
}

/**
 * A request of the tab that did NOT fail, kept only for a minute after a failure in that tab
 * (the window is renewed by each failure): the engine's cross-request patterns
 * (refresh-recovered, refresh-loop, credential-stopped-working) need the successes around a
 * failure. Lightweight on purpose: never a list row, never counted in the badge.
 */
export interface ContextEntry {
  url: string;
  method: string;
  status: number;
  /** ms since epoch (client clock) when the response headers arrived */
  time: number;
  /** webRequest resource type */
  type: string;
  /** the Authorization request header as sent (a secret: storage.session only, masked in UIs) */
  authorization?: string;
  /**
   * a success's other request headers as far as a comparison needs them: cookie names, Origin,
   * Sec-Fetch-*, the media type, DPoP htm/htu; no secret (absent: the headers were not seen)
   */
  digest?: RequestDigest;
}

/**
 * Records of one tab AuthLens could not keep, counted since the tab's list was last cleared,
 * so the UIs can say how many and why. Absent fields are zero.
 */
export interface Losses {
  /** older records dropped to stay within the "records kept per tab" setting */
  cap?: number;
  /** records dropped because session storage (10 MB for all tabs) was full: the biggest tab gives first */
  quota?: number;
  /** records held in memory only, because storage writes are failing (AuthLens keeps retrying) */
  unsaved?: number;
  /** records lost: the background was stopped while they could not be written */
  lost?: number;
  /** the storage error, while writes fail */
  error?: string;
}
