// What a response body says, when one is known (DevTools, HAR). Bodies may be huge or
// truncated: only the first BODY_CAP_CHARS are read, and nothing here throws.
import { BODY_CAP_CHARS } from '../http/limits.ts';

export interface BodyHints {
  /** lower-cased first BODY_CAP_CHARS, for phrase matching */
  text: string;
  /** OAuth `error`, Google `error.status`, or AWS `__type`/`<Code>`/`code` */
  error?: string;
  description?: string;
  /** Google-style error.errors[].reason */
  reason?: string;
  /** a framework said the CSRF check failed */
  csrf?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 500) : undefined);

function fromJson(raw: string, out: BodyHints): void {
  let j: unknown;
  try {
    j = JSON.parse(raw);
  } catch {
    return;
  }
  if (!isObj(j)) return;
  const e = j.error;
  if (isObj(e)) {
    out.error = str(e.status) ?? str(e.code) ?? str(e.type);
    out.description = str(e.message);
    const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
    if (isObj(first)) out.reason = str(first.reason);
  } else {
    out.error = str(e) ?? str(j.__type)?.replace(/^.*#/, '') ?? str(j.code) ?? str(j.Code);
    out.description = str(j.error_description) ?? str(j.message) ?? str(j.Message) ?? str(j.detail);
  }
}

// Django, Django REST framework ("CSRF Failed: …"), Laravel, Rails, Express csurf, Spring Security.
const CSRF =
  /csrf verification failed|csrf failed|could not verify the provided csrf token|csrf cookie not set|origin checking failed|csrf token (mismatch|missing|invalid)|can't verify csrf token authenticity|invalidauthenticitytoken|page expired|invalid csrf token|forbidden \(csrf/;

export function readBody(body: unknown, contentType: string | undefined): BodyHints {
  if (typeof body !== 'string' || body === '') return { text: '' };
  const raw = body.length > BODY_CAP_CHARS ? body.slice(0, BODY_CAP_CHARS) : body;
  const out: BodyHints = { text: raw.toLowerCase() };
  const t = raw.trimStart();
  if (t.startsWith('{') || /json/i.test(contentType ?? '')) fromJson(t, out);
  else if (t.startsWith('<')) {
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(raw)?.[1];
    if (code) out.error = code;
    const msg = /<Message>([^<]{1,500})<\/Message>/.exec(raw)?.[1];
    if (msg) out.description = msg;
  }
  if (CSRF.test(out.text)) out.csrf = true;
  return out;
}
