// Secrets in text of unknown shape (a response body, a finding's evidence, a header nobody
// named): masked by the name they sit under (`"access_token": "…"`, `code=…`, `Bearer …`), by
// their own shape (a JWT, a token whose prefix names its issuer), inside URLs (query, fragment,
// `user:password@`), and by value (any secret already met in the record's headers and URL).
// Every pattern starts on a fixed character and scans forward only, so text of any size costs
// time linear in its length (npm run fuzz measures it).
import { MASK, masker, type Masker, type MaskOptions } from './masker.ts';
import { isSecretParam } from './names.ts';
import { maskShapes } from './shapes.ts';
import { maskUrl, safeDecode } from './url.ts';

/**
 * A key and what follows it: `"name": "`, `name=`, `'name': `, `\"name\":\"` (JSON inside a JSON
 * string), `name: ` at the start of a line (YAML, header lines). Only the key and the separator
 * are consumed, so a value that hides another pair (`{"error":"{"refresh_token":"…"}"}`) is
 * searched too.
 */
const KEY = /(?<![\w.-])(\\?["']?)([A-Za-z_][\w.-]{0,63})(\\?["']?)([ \t]*)([:=])([ \t]*)(\\?["'])?/g;
/** an unquoted value: up to a separator; `=` only as base64 padding, so `a=b=c` is read pair by pair */
const BARE_VALUE = /[^\s&"'<>;,=]*=*/y;
/** `<client_secret>…</client_secret>` (XML and SOAP faults) */
const XML_PAIR = /<([A-Za-z_][\w.-]{0,63})>([^<]*)<\/\1>/g;
/**
 * `Bearer <token>` and the other schemes that carry a bare credential. Prose says "Token expired"
 * and "Bearer authentication": a token here has a digit and a letter, or is long.
 */
const SCHEME_TOKEN =
  /(?<![\w-])(Bearer|BEARER|bearer|Basic|DPoP|Token|Negotiate|NTLM)([ \t]+)([A-Za-z0-9._~+/-]{8,}=*)/g;
const tokenLike = (s: string): boolean => s.length >= 24 || (/\d/.test(s) && /[A-Za-z]/.test(s));
/** absolute URLs: masked by maskUrl (query, fragment, userinfo, path parameters) */
const URL_IN_TEXT = /\b(?:https?|wss?|ftp):\/\/[^\s"'<>`\\]+/gi;

const isMasked = (s: string): boolean => s.includes('•');

/** Free text as it may be shown or exported: see the file's header for what is masked. */
export function maskText(text: string, opts?: Masker | MaskOptions): string {
  const m = masker(opts);
  let out = text;
  out = out.replace(URL_IN_TEXT, (u) => maskUrl(u, m));
  out = maskKeyed(out, m);
  out = out.replace(XML_PAIR, (all, name: string, value: string) =>
    !isSecretParam(name) || value === '' || isMasked(value) ? all : `<${name}>${m.opaque(value)}</${name}>`,
  );
  out = out.replace(SCHEME_TOKEN, (all, scheme: string, gap: string, token: string) =>
    isMasked(token) || !tokenLike(token)
      ? all
      : `${scheme}${gap}${/^basic$/i.test(scheme) ? m.opaque(token, false) : m.secret(token)}`,
  );
  out = maskShapes(out, m);
  return scrubValues(out, m);
}

/** Every secret the masker met, wherever it occurs in the text (longest first: one may contain another). */
export function scrubValues(text: string, m: Masker): string {
  if ((m.secrets.size === 0 && m.names.size === 0) || text === '') return text;
  const values = [...m.secrets].filter((v) => !m.keeps(v) && text.includes(v)).sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of values) out = out.split(v).join(MASK);
  for (const name of m.names) if (!m.keeps(name) && out.includes(name)) out = replaceWord(out, name);
  return out;
}

const WORD = /[\p{L}\p{N}_]/u;

/** `name` where it stands as a word of its own (alice, not malice): one pass of indexOf. */
function replaceWord(text: string, name: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before !== undefined && WORD.test(before)) || (after !== undefined && WORD.test(after))) continue;
    out += text.slice(from, at) + MASK;
    from = at + name.length;
  }
  return out + text.slice(from);
}

/** Values under secret keys (KEY), masked where they stand; everything else kept byte for byte. */
function maskKeyed(text: string, m: Masker): string {
  let out = '';
  let done = 0;
  KEY.lastIndex = 0;
  for (let k = KEY.exec(text); k; k = KEY.exec(text)) {
    const [all, openKey, name, closeKey, , sep, , openValue] = k as unknown as string[];
    if (k.index < done || !isSecretParam(name!)) continue;
    const lineStart = k.index === 0 || text[k.index - 1] === '\n';
    // "key: value" is prose unless quoted (JSON, JS, YAML strings) or at the start of a line
    if (sep === ':' && !openKey && !closeKey && !openValue && !lineStart) continue;
    const from = k.index + all!.length;
    const to = openValue ? closingQuote(text, from, openValue) : bareEnd(text, from);
    const value = text.slice(from, to);
    if (value === '' || isMasked(value)) continue;
    const plain = openValue === '"' ? unescapeJson(value) : sep === '=' ? safeDecode(value) : value;
    if (m.keeps(value) || m.keeps(plain)) continue;
    if (plain !== value) m.note(plain);
    out += text.slice(done, from) + (sep === '=' ? m.param(value) : m.opaque(value));
    done = to;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** where a quoted value ends: the next unescaped quote of its kind (`\"` for JSON inside a string) */
function closingQuote(text: string, from: number, quote: string): number {
  if (quote.length === 2) {
    const at = text.indexOf(quote, from);
    return at < 0 ? text.length : at;
  }
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote || c === '\n') return i;
  }
  return text.length;
}

function bareEnd(text: string, from: number): number {
  BARE_VALUE.lastIndex = from;
  BARE_VALUE.exec(text);
  return BARE_VALUE.lastIndex;
}

function unescapeJson(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}
