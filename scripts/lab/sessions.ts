// Real cookie sessions with expiry and CSRF tokens (Django's csrftoken, Laravel's XSRF-TOKEN).
import { randomBytes } from 'node:crypto';

export interface Session {
  sid: string;
  user: string;
  expires: number;
  csrf: string;
}

export const USERS: Record<string, string> = { alice: 'wonderland' };
export const DEFAULT_TTL_MS = 30 * 60 * 1000;

export interface SessionStore {
  create(user: string, now: number, ttlMs: number): Session;
  /** the session for a sid, expired or not (the caller decides what expiry means) */
  get(sid: string | undefined): Session | undefined;
}

export function createSessionStore(max = 1000): SessionStore {
  const map = new Map<string, Session>();
  return {
    create(user, now, ttlMs) {
      const s: Session = {
        sid: randomBytes(12).toString('hex'),
        user,
        expires: now + ttlMs,
        csrf: randomBytes(16).toString('hex'),
      };
      map.set(s.sid, s);
      // bounded: the lab can be clicked forever
      if (map.size > max) map.delete(map.keys().next().value as string);
      return s;
    },
    get: (sid) => (sid ? map.get(sid) : undefined),
  };
}

/** The cookie names each lab app uses: the frameworks' own defaults, so the wire looks real. */
export interface CookieNames {
  session: string;
  csrf?: string;
}
export const COOKIES = {
  django: { session: 'sessionid', csrf: 'csrftoken' },
  laravel: { session: 'laravel_session', csrf: 'XSRF-TOKEN' },
  generic: { session: 'lab_session' },
  secondary: { session: 'xo_session' },
} as const satisfies Record<string, CookieNames>;

/** The app a login is for, from the cookie path it asks for. */
export function namesForPath(path: string): CookieNames {
  if (path.startsWith('/django')) return COOKIES.django;
  if (path.startsWith('/laravel')) return COOKIES.laravel;
  return COOKIES.generic;
}

/**
 * `path` scopes the cookies to one app of the lab, so other scenarios' requests carry none. The
 * session cookie outlives the server-side session (max-age + 60 s): an expired session still
 * arrives with its cookie, as in real apps.
 */
export function sessionCookies(names: CookieNames, s: Session, ttlMs: number, path = '/'): string[] {
  const age = Math.max(1, Math.ceil(ttlMs / 1000));
  const out = [`${names.session}=${s.sid}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${age + 60}`];
  if (names.csrf) out.push(`${names.csrf}=${s.csrf}; Path=${path}; SameSite=Lax`);
  return out;
}
