// What the response itself says went wrong: the vendor rows (signatures.ts) and the class words
// (recognisers.ts) matched against the codes and sentences a response states, with the words
// quoted (clipped, secrets masked) for the evidence. A success (2xx) is read only where a row says
// the vendor fails with it, or where its body says it is an error (ok:false, an error field).
import type { FindingId } from '../catalogue.ts';
import type { BodyHints } from '../body/index.ts';
import type { Challenge, Header } from '../types.ts';
import { maskText } from '../credentials/mask-url.ts';
import { RECOGNISERS } from './recognisers.ts';
import { SIGNATURES, type Signature } from './signatures.ts';
import { mayFind } from './text-filter.ts';

export interface Statement {
  id: FindingId;
  /** the server's words, clipped and masked */
  quote: string;
  /** where they were: 'response body', a header name, 'WWW-Authenticate error_description' */
  source: string;
  /** the vendor row that explains them */
  row?: Signature;
}

export interface StatementInput {
  status: number;
  host: string;
  path: string;
  responseHeaders: readonly Header[];
  challenges: readonly Challenge[];
  body: BodyHints;
  /** seconds between iat and exp of the JWT sent, when there is one */
  lifetime?: number;
}

interface Said {
  text: string;
  lower: string;
  source: string;
  code: boolean;
  /** a challenge's error_description: RFC 6750 invalid_token already says expired or revoked there */
  challenge?: boolean;
}

/** What a challenge's error_description adds to the bearer error it comes with. */
const FROM_CHALLENGE = new Set<FindingId>([
  'token-wrong-audience',
  'issuer-mismatch',
  'token-lifetime-too-long',
  'token-not-yet-valid',
  'account-locked',
  'ip-not-allowed',
  'api-not-enabled',
  'rate-limited',
  'client-certificate-required',
]);

/** Response headers in which servers state an error code or reason. */
const ERROR_HEADER =
  /^(x-[\w-]*error[\w-]*|x-seraph-loginreason|x-authentication-denied-reason|x-amzn-errortype|grpc-message|x-error)$/;

const QUOTE_MAX = 200;

function quoteAround(text: string, at: number, length: number): string {
  const before = text.lastIndexOf('. ', at);
  const start = before < 0 || at - before > 120 ? Math.max(0, at - 60) : before + 2;
  const after = text.indexOf('. ', at + length);
  const end = after < 0 || after - start > QUOTE_MAX ? Math.min(text.length, start + QUOTE_MAX) : after + 1;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

const clipQuote = (s: string): string => maskText(s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);

function sources(i: StatementInput): Said[] {
  const out: Said[] = [];
  const add = (text: string, source: string, code: boolean): void => {
    const t = text.trim();
    if (t !== '' && out.length < 80) out.push({ text: t, lower: t.toLowerCase(), source, code });
  };
  for (const h of i.responseHeaders) if (ERROR_HEADER.test(h.name.toLowerCase())) add(h.value, h.name, true);
  for (const ch of i.challenges)
    if (ch.params.error_description) {
      add(ch.params.error_description, `${ch.scheme} challenge error_description`, false);
      if (out.length) out[out.length - 1]!.challenge = true;
    }
  // Sentences before codes: "invalid x-api-key" says more than authentication_error.
  for (const m of i.body.messages) add(m, 'response body', false);
  for (const c of i.body.codes) add(c, 'response body', true);
  return out;
}

function rowMatches(row: Signature, i: StatementInput, said: readonly Said[]): Said | undefined | false {
  if (row.status ? !row.status.includes(i.status) : i.status < 400) return false;
  if (row.host && !row.host.test(i.host)) return false;
  if (row.path && !row.path.test(i.path)) return false;
  if (row.maxLifetime !== undefined && !(i.lifetime !== undefined && i.lifetime > row.maxLifetime)) return false;
  let hit: Said | undefined;
  if (row.header) {
    const [name, value] = row.header;
    const h = i.responseHeaders.find((x) => x.name.toLowerCase() === name && value.test(x.value));
    if (!h) return false;
    hit = { text: h.value, lower: h.value.toLowerCase(), source: h.name, code: true };
  }
  if (row.code) {
    const c = said.find((s) => s.code && row.code!.test(s.text));
    if (!c) return false;
    hit = c;
  }
  if (row.text) {
    const t = said.find((s) => row.text!.test(s.lower));
    if (t) hit = t;
    else if (mayFind(row.text, i.body.text) && row.text.test(i.body.text)) hit = textHit(i.body, row.text) ?? hit;
    else return false;
  }
  return hit;
}

/** The sentence of a page or text body where these words are, in the body's own case. */
export function quoteFrom(body: BodyHints, words: RegExp): string | undefined {
  const t = textHit(body, words);
  return t ? clipQuote(t.text) : undefined;
}

function textHit(body: BodyHints, words: RegExp): Said | undefined {
  const m = mayFind(words, body.text) ? words.exec(body.text) : null;
  if (!m) return undefined;
  // The quote in the page's own case, when lower-casing kept the length (it nearly always does).
  const shown = body.plain.length === body.text.length ? body.plain : body.text;
  const q = quoteAround(shown, m.index, m[0].length);
  return { text: q, lower: q.toLowerCase(), source: 'response body', code: false };
}

export function statements(i: StatementInput): Statement[] {
  const ok = i.status < 400;
  const said = sources(i);
  const out: Statement[] = [];
  const seen = new Set<string>();
  const push = (id: FindingId, s: Said | undefined, row?: Signature): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const fallback = said.find((x) => !x.code) ?? said[0];
    const shown = s ?? fallback;
    out.push({
      id,
      quote: shown ? clipQuote(shown.text) : '',
      source: shown?.source ?? 'response',
      ...(row ? { row } : {}),
    });
  };
  for (const row of SIGNATURES) {
    const hit = rowMatches(row, i, said);
    if (hit !== false) push(row.id, hit, row);
  }
  // A success is a failure only where the body says so.
  if (ok && !i.body.saysError) return out;
  // A page or text is read whole; so is JSON whose fields named no code or message (an unusual shape).
  const text =
    (i.body.kind === 'html' ||
      i.body.kind === 'text' ||
      (i.body.kind === 'json' && !i.body.messages.length && !i.body.codes.length)) &&
    RECOGNISERS.some((r) => mayFind(r.words, i.body.text));
  // Each sentence or code tells one cause: the most specific recogniser that reads it keeps it
  // ("Session expired" is a session, not a token; "Page Expired" is Laravel's CSRF page).
  const used = new Set<Said>();
  let pageUsed = false;
  // The codes and sentences scanned once, joined, for every recogniser's words: a recogniser whose
  // words are nowhere in them matches none of them.
  const saysAny = mayFind.within(said.map((x) => x.lower).join('\n'));
  for (const r of RECOGNISERS) {
    const s = saysAny(r.words)
      ? said.find((x) => !used.has(x) && (!x.challenge || FROM_CHALLENGE.has(r.id)) && r.words.test(x.lower))
      : undefined;
    if (s) {
      used.add(s);
      pageUsed = true; // the page's headings said it: its text repeats them
      push(r.id, s);
    } else if (text && !ok && !pageUsed) {
      const t = textHit(i.body, r.words);
      if (t) {
        pageUsed = true;
        push(r.id, t);
      }
    }
  }
  return out;
}
