// The shapes of a discovery run: what the doctor asks a fetcher for, what a fetcher answers, and
// the report. Plain data: the fetcher (browser or Node) is handed in, the engine never fetches.
import type { Header } from '../../http/headers.ts';
import type { Finding } from '../types.ts';

/** One answer to one GET, exactly as the fetcher saw it: no redirect followed, never a throw. */
export interface DocResponse {
  /** HTTP status; 0 when no answer came (see `error`) */
  status: number;
  headers: Header[];
  /** the body as text, at most DISCOVERY_LIMITS.maxBytes of it */
  body: string;
  /** bytes of the body read */
  bytes: number;
  /** the body was longer than the cap: reading stopped there */
  truncated?: boolean;
  /** the runtime answered a redirect whose target it hides (a browser's `redirect: 'manual'`) */
  hiddenRedirect?: boolean;
  /** the Origin header that went out, when the fetcher could send one (a browser extension cannot) */
  originSent?: string;
  error?: { kind: 'timeout' | 'network' | 'refused'; message: string };
}

export interface DocRequestInit {
  /** the web page's origin, for a fetcher that can send it as Origin */
  origin?: string;
}

/**
 * GET `url` once: no credentials, no cookies, no redirect followed (3xx answered as is, with
 * its Location), the DISCOVERY_LIMITS timeout and body cap.
 */
export type DocFetch = (url: string, init: DocRequestInit) => Promise<DocResponse>;

/** The failing request, as much of it as is known (an Exchange fits). */
export interface DiscoveryTarget {
  url: string;
  status?: number;
  /** the answer's headers (WWW-Authenticate, Access-Control-*); without them the URL is fetched first */
  responseHeaders?: Header[];
  /** the request's headers: the token it sent, its Origin */
  requestHeaders?: Header[];
  /** origin of the page that made the request (webRequest's initiator) */
  initiator?: string;
  /** webRequest resource type: navigations (main_frame, sub_frame) are not a script reading the answer */
  type?: string;
}

export interface Hop {
  from: string;
  to: string;
  status: number;
}

export type StepKind = 'probe' | 'challenge' | 'resource-metadata' | 'authorization-server' | 'token';

/** A finding with the one line it says about this request (what the Diagnosis tab's summary is to a diagnosis). */
export interface StepFinding extends Finding {
  summary: string;
}

/** One thing the doctor did: a document fetched (URL, status, hops) or a check on what it holds. */
export interface DiscoveryStep {
  kind: StepKind;
  /** what was looked for, e.g. "Protected resource metadata" */
  title: string;
  url?: string;
  status?: number;
  redirects?: Hop[];
  findings: StepFinding[];
}

export interface DiscoveryReport {
  /** the resource identifier: the request's URL without its fragment */
  resource: string;
  /** one line: the most important finding */
  summary: string;
  /** every step's findings: errors, warnings, passes, then infos (URLs that had nothing), each in step order */
  findings: StepFinding[];
  steps: DiscoveryStep[];
  /** requests made (redirect hops included) */
  fetches: number;
}

export interface DiscoverOptions {
  fetch: DocFetch;
  /** the web page calling the resource, for the CORS checks (default: the request's Origin or initiator) */
  origin?: string;
  /** at most this many requests in the run (default DISCOVERY_LIMITS.maxFetches) */
  maxFetches?: number;
  /** told before each request */
  onFetch?: (url: string) => void;
  /** told as each step completes */
  onStep?: (step: DiscoveryStep) => void;
}
