// Sign-in failures that no auth status announces (RFC 6749 §4.1.2.1, §5.2; cookie middleware's
// login redirect), judged from what the worker sees: URL, method, status, type and response
// headers. The worker calls this only for responses its status table did not capture, and for a
// 2xx only when the request was redirected, so the common success pays nothing here.
import { idpEndpoint, isAuthorizationQuery } from './idp-endpoints.ts';
import { isAccessDeniedPage, isLoginPage } from './login-page.ts';

interface NamedHeader {
  name: string;
  value?: string;
}

export interface FlowResponse {
  url: string;
  method: string;
  status: number;
  /** webRequest resource type (xmlhttprequest for fetch and XHR in Chrome and Firefox) */
  type: string;
  responseHeaders?: readonly NamedHeader[];
  /** the request followed at least one redirect before this answer */
  redirected: boolean;
}

const ERROR_PARAM = /[?#&]error=[^&#]/;
/** an authorization response names its state (or code); error_description alone is enough too */
const RESPONSE_SIBLING = /[?#&](state|code|error_description)=/;
const SCRIPTED = new Set(['xmlhttprequest', 'fetch', 'xhr']);

function header(headers: readonly NamedHeader[] | undefined, lower: string): string | undefined {
  if (!headers) return undefined;
  for (const h of headers) if (h.name.length === lower.length && h.name.toLowerCase() === lower) return h.value;
  return undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const RESPONSE_VALUE = /[?#&](code|error|access_token|id_token)=[^&#]/;
const STATE = /[?#&]state=/;

/** A redirect target carrying an authorization response, success or error (it names its state). */
export function isAuthorizationResponseUrl(location: string): boolean {
  return RESPONSE_VALUE.test(location) && STATE.test(location);
}

/** A redirect target carrying an authorization error response (query or fragment). */
export function isAuthorizationErrorUrl(location: string): boolean {
  return ERROR_PARAM.test(location) && RESPONSE_SIBLING.test(location);
}

/**
 * An authorization or token endpoint's refusal, a redirect with an error response, or an API
 * call sent to a login page or an access-denied page.
 */
export function isFlowFailure(r: FlowResponse): boolean {
  const s = r.status;
  if (s >= 200 && s < 300) {
    if (!r.redirected || !SCRIPTED.has(r.type) || !/html/i.test(header(r.responseHeaders, 'content-type') ?? '')) {
      return false;
    }
    const u = parse(r.url);
    return isLoginPage(u) || isAccessDeniedPage(u);
  }
  if (s >= 300 && s < 400) {
    const location = header(r.responseHeaders, 'location');
    return location !== undefined && isAuthorizationErrorUrl(location);
  }
  if (s < 400) return false;
  const u = parse(r.url);
  if (!u) return false;
  const endpoint = idpEndpoint(u.hostname, u.pathname);
  if (endpoint === 'token') return (s === 400 || s === 401) && r.method.toUpperCase() === 'POST';
  return endpoint === 'authorize' || isAuthorizationQuery(u.search);
}
