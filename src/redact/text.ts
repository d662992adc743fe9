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

/** `"name": "value"` (JSON, value escaped) or `"name": 123456` */
const JSON_PAIR = /"([^"\\\n]{1,64})"(\s*:\s*)(?:"((?:[^"\\\n]|\\.)*)"|(-?\d{4,}))/g;
/** `name=value` (form bodies, query strings and cookies quoted in text) */
const FORM_PAIR = /(?<![\w.-])([A-Za-z_][\w.-]{0,63})=([^\s&"'<>;,]+)/g;
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
  out = out.replace(JSON_PAIR, (all, name: string, colon: string, str?: string, num?: string) => {
    const value = str ?? num ?? '';
    if (!isSecretParam(name) || value === '' || isMasked(value)) return all;
    const masked = m.opaque(value);
    if (str !== undefined) m.note(unescapeJson(str));
    return `"${name}"${colon}${str !== undefined ? `"${masked}"` : `"${masked}"`}`;
  });
  out = out.replace(FORM_PAIR, (all, name: string, value: string) => {
    if (!isSecretParam(name) || isMasked(value)) return all;
    const decoded = safeDecode(value);
    if (decoded !== value) m.note(decoded);
    return `${name}=${m.param(value)}`;
  });
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

function unescapeJson(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}
