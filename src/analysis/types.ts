// The engine's public data shapes. Pure data: no browser, no DOM, no clock.

import type { Header } from '../http/headers.ts';
import type { RequestDigest } from '../http/request-digest.ts';
import type { FingerprintKey } from './mask.ts';

export type { Header, RequestDigest };

export interface Exchange {
  url: string;
  method: string;
  status: number;
  statusText?: string;
  /** webRequest resource type: main_frame, xmlhttprequest, ... */
  type?: string;
  /** ms since epoch, client clock, when the response headers arrived */
  timeStamp: number;
  /** origin of the document that made the request */
  initiator?: string;
  requestHeaders: Header[];
  responseHeaders: Header[];
  redirects?: { url: string; status: number; requestHeaders: Header[]; location?: string }[];
  /** when known (DevTools, HAR); may be truncated */
  responseBody?: string;
  /**
   * Set when requestHeaders is not the whole request (a success of which only a summary was
   * kept, a replay whose cookies the page could not see): the Authorization is read from
   * requestHeaders, and this says what else is known of the request (a missing key: not known).
   */
  digest?: Partial<RequestDigest>;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
  token68?: string;
}

export interface ChallengeParse {
  challenges: Challenge[];
  problems: { message: string; offset?: number }[];
}

export type JwtDecode =
  { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } | { error: string };

export type Severity = 'error' | 'warning' | 'info' | 'ok';

export interface Finding {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  /** secrets masked */
  evidence: { label: string; value: string }[];
  /** code is written for `lang` (sh, js, py, http); values from the wire in it are quoted string literals */
  fixes: { audience: 'consumer' | 'server'; text: string; code?: string; lang?: 'sh' | 'js' | 'py' | 'http' }[];
  references: { title: string; url: string }[];
}

/** Who refused the request (or, for a browser cause, never sent it right). */
export type Layer = 'waf' | 'gateway' | 'identity-provider' | 'proxy' | 'application' | 'browser';

/** most important finding first */
export interface Diagnosis {
  summary: string;
  findings: Finding[];
  /** the layer that said no, and what shows it; absent when nothing was refused */
  layer?: { layer: Layer; evidence: string };
}

export interface DiagnoseContext {
  now?: number;
  history?: Exchange[];
  /** the caller's per-session key: evidence shows credential fingerprints only with one (mask.ts) */
  fingerprintKey?: FingerprintKey;
}
