// Code in fixes, which a person copies and runs. Every value a rule puts into a snippet may come
// from the wire (a realm, a resource_metadata URL, a header name, a body field), so it enters only
// through these tags, quoted for the snippet's language: a value is always one string literal
// (a single-quoted shell word, a JS or Python string, an HTTP quoted-string), never code. A
// snippet without values is a literal (`code('js', '...')`: the type refuses a computed string),
// and finding.ts accepts nothing else as a fix's code.

export type Lang = 'sh' | 'js' | 'py' | 'http';

declare const SNIPPET: unique symbol;

/** Code for a fix, in one language, built only by `code` or the tags below. */
export interface Snippet {
  readonly lang: Lang;
  readonly code: string;
  readonly [SNIPPET]: true;
}

/** A value for a snippet: strings are quoted; finite numbers go in as numbers. */
export type Value = string | number;

const make = (lang: Lang, text: string): Snippet => ({ lang, code: text }) as Snippet;

/** A snippet with no values: only a string literal type is accepted, so nothing can be spliced in. */
export function code<T extends string>(lang: Lang, text: string extends T ? never : T): Snippet {
  return make(lang, text);
}

// Control characters and NUL cannot survive a paste into a terminal or an editor as intended.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const stripControls = (s: string): string => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/** POSIX shell: one single-quoted word; a quote inside becomes '\'' (nothing expands inside '...'). */
export function shQuote(value: string): string {
  return `'${stripControls(value).replace(/'/g, `'\\''`)}'`;
}

/** JavaScript: a single-quoted string literal with every character that could end it escaped. */
export function jsQuote(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are escaped
  const body = value.replace(/[\\'\n\r\u2028\u2029\u0000-\u001f\u007f`$]/g, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === "'") return "\\'";
    if (ch === '$' || ch === '`') return ch;
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${body}'`;
}

/** Python: a double-quoted string literal (JSON's escapes are Python's). */
export function pyQuote(value: string): string {
  return JSON.stringify(value).replace(/\u2028|\u2029/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}

/** HTTP: a quoted-string (RFC 9110 §5.6.4); line breaks removed so a value cannot add a header. */
export function httpQuote(value: string): string {
  return `"${stripControls(value.replace(/[\r\n]+/g, ' ')).replace(/["\\]/g, '\\$&')}"`;
}

const QUOTE: Record<Lang, (v: string) => string> = { sh: shQuote, js: jsQuote, py: pyQuote, http: httpQuote };

function tag(lang: Lang) {
  return (strings: TemplateStringsArray, ...values: Value[]): Snippet => {
    let out = strings[0]!;
    values.forEach((v, i) => {
      const shown = typeof v === 'number' && Number.isFinite(v) ? String(v) : QUOTE[lang](String(v));
      out += shown + strings[i + 1]!;
    });
    return make(lang, out);
  };
}

/** sh`curl -s ${url}`: each value becomes one single-quoted shell word. */
export const sh = tag('sh');
/** js`fetch(${url})`: each value becomes a JavaScript string literal. */
export const js = tag('js');
/** py`requests.get(${url})`: each value becomes a Python string literal. */
export const py = tag('py');
/** http`WWW-Authenticate: Bearer realm=${realm}`: each value becomes a quoted-string. */
export const http = tag('http');

/** Snippets of one language, one per line. */
export function lines(parts: readonly Snippet[]): Snippet {
  return make(parts[0]?.lang ?? 'js', parts.map((p) => p.code).join('\n'));
}
