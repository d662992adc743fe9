// What a request sent besides its Authorization, as names and facts with no secret in them: the
// cookie names (never their values), Origin, Sec-Fetch-Site/Mode, the media type of the body and
// the DPoP proof's htm/htu. The engine compares two requests by it, and the worker keeps it of
// the successes around a failure, so a success and a failure compare by meaning even when only
// this much of the success was kept. Pure: no engine, no browser.
import { decodeBase64Text } from './base64.ts';
import { headerValue, type Header } from './headers.ts';

export interface RequestDigest {
  /** names of the cookies sent, each once, in order ([]: no Cookie header) */
  cookies: string[];
  /** the Origin header ('' when not sent) */
  origin: string;
  secFetchSite: string;
  secFetchMode: string;
  /** the body's media type, lower-cased, without parameters (a multipart boundary differs every time) */
  contentType: string;
  /** the DPoP proof's `htm` and `htu` claims (RFC 9449 §4.2), '' when unreadable; null: no proof sent */
  dpop: { htm: string; htu: string } | null;
}

const MAX_COOKIES = 50;
const MAX_CHARS = 300;

const clip = (s: string): string => (s.length > MAX_CHARS ? s.slice(0, MAX_CHARS) : s);

function cookieNames(header: string | undefined): string[] {
  if (!header) return [];
  const seen = new Set<string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const name = clip((eq < 0 ? '' : part.slice(0, eq)).trim());
    if (name) seen.add(name);
    if (seen.size >= MAX_COOKIES) break;
  }
  return [...seen];
}

/** htm and htu of a DPoP proof's payload; a proof is a JWS, so its payload is the middle part. */
function dpopClaims(proof: string): { htm: string; htu: string } {
  const payload = proof.length <= 16_384 ? proof.trim().split('.')[1] : undefined;
  const text = payload ? decodeBase64Text(payload) : undefined;
  let claims: unknown;
  try {
    claims = text === undefined ? undefined : JSON.parse(text);
  } catch {
    claims = undefined;
  }
  const field = (k: string): string => {
    const v = claims && typeof claims === 'object' ? (claims as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' ? clip(v) : '';
  };
  return { htm: field('htm'), htu: field('htu') };
}

export function requestDigest(headers: readonly Header[]): RequestDigest {
  const get = (name: string): string => clip(headerValue(headers, name)?.trim() ?? '');
  const proof = headerValue(headers, 'dpop');
  return {
    cookies: cookieNames(headerValue(headers, 'cookie')),
    origin: get('origin'),
    secFetchSite: get('sec-fetch-site').toLowerCase(),
    secFetchMode: get('sec-fetch-mode').toLowerCase(),
    contentType: get('content-type').split(';')[0]!.trim().toLowerCase(),
    dpop: proof === undefined ? null : dpopClaims(proof),
  };
}
