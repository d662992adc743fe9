// URLs in evidence with their secrets masked (the vocabulary's parameter names in the query and
// the fragment, `;jsessionid=` path parameters, `user:password@`), so a finding built from a
// redirect's Location or a callback URL never shows a code or a token in clear.
import { maskSecret } from '../mask.ts';
import { isCredentialParam, looksLikeSecret } from './vocabulary.ts';

const SHORT = 8;
const MASK = '•••';

const hide = (value: string): string => (value.length < SHORT ? MASK : maskSecret(value));

/** a parameter value that is itself a URL or path with parameters */
const NESTED = /[?#][^=]*=/;

function maskParams(part: string): string {
  return part
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      const raw = pair.slice(eq + 1);
      let value = raw;
      try {
        value = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        /* keep the raw form */
      }
      if (raw === '') return pair;
      if (!(isCredentialParam(safeDecode(name)) || looksLikeSecret(value))) {
        // a return URL (ReturnUrl=, next=, redirect_uri=) carries its own query, percent-encoded
        const nested = NESTED.test(value) ? maskUrl(value) : value;
        return nested === value ? pair : `${name}=${nested.replace(/[%&#=+? ]/g, (c) => encodeURIComponent(c))}`;
      }
      return `${name}=${hide(value)}`;
    })
    .join('&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The URL with secret parameters, path parameters and userinfo masked; anything unparsable is kept as is. */
export function maskUrl(url: string): string {
  if (typeof url !== 'string' || url === '') return '';
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const head = hash < 0 ? url : url.slice(0, hash);
  const q = head.indexOf('?');
  const query = q < 0 ? undefined : head.slice(q + 1);
  // user:password@ (and a bare user@ that looks like a token: https://<token>@github.com)
  const path = (q < 0 ? head : head.slice(0, q))
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, info: string) => {
      const colon = info.indexOf(':');
      if (colon >= 0) return `${scheme}${info.slice(0, colon)}:${hide(info.slice(colon + 1))}@`;
      return `${scheme}${looksLikeSecret(info) || info.length >= 20 ? hide(info) : info}@`;
    })
    .replace(/;([^/;?#=]+)=([^/;?#]*)/g, (m, name: string, value: string) =>
      isCredentialParam(name) && value !== '' ? `;${name}=${hide(value)}` : m,
    );
  const masked = query === undefined ? path : `${path}?${maskParams(query)}`;
  return fragment === undefined ? masked : `${masked}#${fragment.includes('=') ? maskParams(fragment) : fragment}`;
}

/** Free text from a server (a message, a page's title) with every secret-shaped word and URL masked. */
export function maskText(text: string): string {
  return text.replace(/[^\s"'<>()[\]{},;]{8,}/g, (word) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return maskUrl(word);
    const eq = word.indexOf('=');
    if (eq > 0 && isCredentialParam(word.slice(0, eq)) && word.length - eq > 1)
      return `${word.slice(0, eq + 1)}${hide(word.slice(eq + 1))}`;
    return looksLikeSecret(word) ? hide(word) : word;
  });
}
