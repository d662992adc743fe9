// Resources that take an OpenID Connect ID token as their bearer credential by design: the
// Kubernetes API server's OIDC authenticator, and Google's IAP and serverless front doors (Cloud
// Run, Cloud Functions, App Engine behind IAP). There an ID token is the right kind of token, so
// sending one is not the mistake; what else the refusal says is.
import type { Header } from '../types.ts';

/** Hosts of Google services that authenticate callers with Google-signed ID tokens. */
const HOSTS = /(^|\.)(run\.app|cloudfunctions\.net|appspot\.com)$/;
/** Response headers only these fronts send: the API server's audit id, IAP's own answers. */
const HEADERS = /^(audit-id|x-goog-iap-generated-response)$/i;

export function acceptsIdTokens(host: string, responseHeaders: readonly Header[]): boolean {
  return HOSTS.test(host) || responseHeaders.some((h) => HEADERS.test(h.name));
}
