// What a response body says, when one is known (DevTools, HAR): the codes and messages a vendor
// states, read by format (JSON, XML, HTML, form, text). Only the first BODY_SCAN_CHARS are read
// (titles and headings of a page in its first 32 KB): an error's reason sits at the top, and a
// capped, linear read keeps diagnose() fast on 64 KB bodies. Nothing here throws.
import { BODY_CAP_CHARS } from '../../http/limits.ts';
import { jsonLeaves, type Leaf } from './json.ts';
import { readPage, xmlLeaves } from './markup.ts';
import { isCredentialParam } from '../credentials/vocabulary.ts';
import { CSRF_FAILED } from './csrf-words.ts';
import { mayFind } from '../vendors/text-filter.ts';

/** How much of a body is parsed and searched for phrases. */
export const BODY_SCAN_CHARS = 8 * 1024;

export type BodyKind = 'json' | 'xml' | 'html' | 'form' | 'text' | '';

export interface BodyHints {
  kind: BodyKind;
  /** lower-cased text read for phrases: a page's visible text, else the body's first BODY_SCAN_CHARS */
  text: string;
  /** the same text in its own case, for quoting */
  plain: string;
  /** JSON, XML or form fields, [dotted lower-case path, value], in document order */
  leaves: readonly Leaf[];
  /** machine codes the body states (error, code, errorCode, __type, reason, status...) */
  codes: string[];
  /** sentences the body states (message, error_description, detail, a page's title and headings...) */
  messages: string[];
  /** OAuth `error`, Google `error.status`, AWS `__type`/`<Code>`/`code` */
  error?: string;
  description?: string;
  /** Google-style error.errors[].reason or error.details[].reason */
  reason?: string;
  /** OAuth error_uri */
  uri?: string;
  /** the body says it is an error (an error or errors field, ok:false, success:false) */
  saysError: boolean;
  /** a framework said the CSRF check failed */
  csrf?: boolean;
}

const EMPTY: BodyHints = Object.freeze({
  kind: '',
  text: '',
  plain: '',
  leaves: [],
  codes: [],
  messages: [],
  saysError: false,
});

// The last path segment of a field holding a code, and of one holding a sentence.
const CODE_KEY =
  /^(error|code|errorcode|error_code|errortype|error_type|type|__type|reason|status|subcode|error_subcode|suberror|sub_error|errorkey|error_key|errorlink|error_codes|statuscode|faultcode|errorname)$/;
const MESSAGE_KEY =
  /^(message|messages|errormessages|error_messages|msg|error_description|errordescription|errormessage|error_message|errorsummary|error_summary|detail|details|title|description|reason|hint|errors|error|faultstring|authenticationerrordetail|localizedmessage|error_msg|usermessage|developermessage|statusmessage|cause)$/;
const CODE_VALUE = /^[A-Za-z0-9_.:#/-]{2,100}$/;
// Any sentence inside an error object says something about the error, whatever its field's name
// (Elasticsearch's additional_unsuccessful_credentials: "API key: api key is expired"); the headers
// some servers echo there are not sentences of theirs.
const IN_ERROR = /^(error|errors|fault)\.(?!.*\bheaders?\b)/;

const last = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

function first(leaves: readonly Leaf[], ...paths: string[]): string | undefined {
  for (const p of paths) {
    const hit = leaves.find(([k, v]) => k === p && v !== '');
    if (hit) return hit[1];
  }
  return undefined;
}

const FLAG_KEY = /^(invalid_?token|token_?invalid|invalid_?api_?key|token_?expired|expired_?token|token_?revoked)$/;
const FIELD_KEY = /^(field|param|parameter|location)$/;
const FIELD_CODE_KEY = /^(code|reason|type|error|issue)$/;

// Errors that name the request field they are about and a code for it, as structured validation
// errors do ({"field": "access_token", "code": "invalid"}, Strava, GitHub-style): when the field is a
// credential, "access_token invalid" is the sentence the body means.
function fieldErrors(leaves: readonly Leaf[], out: BodyHints): void {
  for (let i = 0; i < leaves.length && i < 200; i++) {
    const [path, value] = leaves[i]!;
    if (!FIELD_KEY.test(last(path)) || !isCredentialParam(value)) continue;
    const parent = path.slice(0, path.lastIndexOf('.') + 1);
    for (let j = Math.max(0, i - 3); j < Math.min(leaves.length, i + 4); j++) {
      const [p, v] = leaves[j]!;
      if (j !== i && p.startsWith(parent) && FIELD_CODE_KEY.test(last(p)) && CODE_VALUE.test(v)) {
        out.messages.push(`${value} ${v.replace(/_/g, ' ')}`);
        return;
      }
    }
  }
}

function fromLeaves(leaves: readonly Leaf[], out: BodyHints): void {
  for (const [path, value] of leaves) {
    const key = last(path);
    if (CODE_KEY.test(key) && CODE_VALUE.test(value) && !/^(true|false|null)$/.test(value))
      out.codes.push(key === '__type' ? value.replace(/^.*#/, '') : value);
    else if ((MESSAGE_KEY.test(key) || IN_ERROR.test(path)) && /\s/.test(value.trim())) out.messages.push(value.trim());
    // Firebase and others put a code where a message goes ({"message": "TOKEN_EXPIRED"}).
    else if (MESSAGE_KEY.test(key) && CODE_VALUE.test(value) && /[A-Z_]/.test(value)) out.codes.push(value);
    // A flag saying the token was refused (Vercel {"invalidToken": true}): its name is the code.
    if (FLAG_KEY.test(key) && value === 'true') out.codes.push(key);
    if (out.codes.length > 40 || out.messages.length > 40) break;
  }
  fieldErrors(leaves, out);
  const topError = first(leaves, 'error');
  const oauth = topError !== undefined && CODE_VALUE.test(topError);
  out.error = oauth
    ? topError
    : (first(leaves, 'error.status', 'error.code', 'error.type', '__type', 'code', 'errorcode', 'error_code') ??
      (topError !== undefined && !/\s/.test(topError) ? topError : undefined));
  if (out.error && /^\d+$/.test(out.error)) out.error = first(leaves, 'error.status', 'error.type') ?? out.error;
  if (out.error?.includes('#')) out.error = out.error.replace(/^.*#/, '');
  out.description = first(
    leaves,
    'error_description',
    'error.message',
    'message',
    'errormessage',
    'errorsummary',
    'detail',
    'msg',
    'authenticationerrordetail',
  );
  out.reason = first(leaves, 'error.errors.reason', 'error.details.reason', 'errors.reason');
  out.uri = first(leaves, 'error_uri');
  out.saysError =
    leaves.some(([k]) => /^(error|errors|error\.|errors\.|fault\.)/.test(k) || k === 'errorcode') ||
    /^false$/.test(first(leaves, 'ok', 'success') ?? '');
  for (const k of ['error', 'description'] as const) if (out[k] === undefined) delete out[k];
  if (out.reason === undefined) delete out.reason;
  if (out.uri === undefined) delete out.uri;
}

function kindOf(t: string, contentType: string): BodyKind {
  const ct = contentType.toLowerCase();
  if (t.startsWith('{') || t.startsWith('[') || /json/.test(ct)) return 'json';
  if (/html/.test(ct) || /^<(!doctype html|html|head|body)\b/i.test(t)) return 'html';
  if (t.startsWith('<') || /xml/.test(ct)) return 'xml';
  if (/x-www-form-urlencoded/.test(ct) || /^[\w.-]{1,40}=[^\s&]*(&[\w.-]{1,40}=[^\s&]*)*$/.test(t.slice(0, 2000)))
    return 'form';
  return 'text';
}

function formLeaves(t: string): Leaf[] {
  const out: Leaf[] = [];
  for (const pair of t.split('&').slice(0, 100)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      out.push([pair.slice(0, eq).toLowerCase(), decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '))]);
    } catch {
      out.push([pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1)]);
    }
  }
  return out;
}

// An OAuth error posted by a page (response_mode=web_message, form_post): {"error":"login_required",...}
const EMBEDDED_ERROR = /["']?error["']?\s*[:=]\s*["']([a-z][a-z0-9_]{2,60})["']/;
const EMBEDDED_DESCRIPTION = /["']?error_description["']?\s*[:=]\s*["']([^"'<>]{1,300})["']/;

export function readBody(body: unknown, contentType: string | undefined): BodyHints {
  if (typeof body !== 'string' || body === '') return { ...EMPTY, leaves: [], codes: [], messages: [] };
  try {
    const capped = body.length > BODY_CAP_CHARS ? body.slice(0, BODY_CAP_CHARS) : body;
    const t = capped.slice(0, BODY_SCAN_CHARS).trimStart();
    const kind = kindOf(t.slice(0, 200), contentType ?? '');
    const out: BodyHints = { kind, text: '', plain: '', leaves: [], codes: [], messages: [], saysError: false };
    if (kind === 'html') {
      const page = readPage(capped.trimStart(), BODY_SCAN_CHARS);
      out.messages.push(...page.headings);
      out.plain = page.text;
      out.text = page.text.toLowerCase();
      const raw = t;
      const err = EMBEDDED_ERROR.exec(raw)?.[1];
      if (err) {
        out.error = err;
        const d = EMBEDDED_DESCRIPTION.exec(raw)?.[1];
        if (d) out.description = d;
        out.codes.push(err);
      }
    } else {
      out.plain = t;
      out.text = t.toLowerCase();
      out.leaves =
        kind === 'json' ? jsonLeaves(t) : kind === 'xml' ? xmlLeaves(t) : kind === 'form' ? formLeaves(t) : [];
      if (out.leaves.length) fromLeaves(out.leaves, out);
      else if (kind === 'text' && t.trim() !== '') out.messages.push(t.trim().split('\n')[0]!.slice(0, 300));
    }
    if (mayFind(CSRF_FAILED, out.text) && CSRF_FAILED.test(out.text)) out.csrf = true;
    return out;
  } catch {
    return { ...EMPTY, leaves: [], codes: [], messages: [] };
  }
}

/** The value of the first field at one of these paths. */
export function field(body: BodyHints, ...paths: string[]): string | undefined {
  return first(body.leaves, ...paths);
}
