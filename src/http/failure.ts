// What counts as an auth failure: the one definition the worker's capture, the DevTools body
// reader and the engine share.

/** Statuses that mean "not authenticated / not allowed" (419 Laravel, 440 IIS, 498 Esri). */
export const AUTH_FAILURE_STATUSES: readonly number[] = Object.freeze([401, 403, 407, 419, 440, 498]);

/** 2xx, or a 304 (a cached success revalidated with the same credentials): what a failure is compared with. */
export const isSuccessStatus = (status: number): boolean => (status >= 200 && status < 300) || status === 304;

/** A header entry as webRequest, DevTools and HAR files give it (value may be absent). */
interface NamedHeader {
  name: string;
  value?: string;
}

/** A WWW-Authenticate or Proxy-Authenticate is present (cheap: runs on the worker's hot path). */
export function hasChallenge(headers: readonly NamedHeader[] | undefined): boolean {
  if (!headers) return false;
  for (const h of headers) {
    const n = h.name.length;
    if ((n === 16 || n === 18) && /^(www|proxy)-authenticate$/i.test(h.name)) return true;
  }
  return false;
}

/**
 * A response is an auth failure when its status is in `statuses`, or when it carries a challenge
 * on any status but a 2xx: RFC 6750 puts invalid_request on a 400, while a 200 with
 * `WWW-Authenticate: Negotiate` is a successful mutual authentication (RFC 4559 §5).
 */
export function isAuthFailure(
  status: number,
  headers: readonly NamedHeader[] | undefined,
  statuses: readonly number[] = AUTH_FAILURE_STATUSES,
): boolean {
  if (statuses.includes(status)) return true;
  return (status < 200 || status >= 300) && hasChallenge(headers);
}
