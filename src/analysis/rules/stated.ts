// A cause the response states outranks a guess: the statements (vendors/statements.ts) that name
// an existing finding (an expired or rejected credential, a session that ended, a CSRF check, a
// missing scope...) become that finding, quoting the server; where a family already found it, the
// quote joins its evidence. Limits, token claims and credential placement have rules of their own;
// sign-in flows at an identity provider are the oauth rules'.
import type { Inspection, Rule } from '../inspect.ts';
import { clip, ev, type Draft } from '../finding.ts';
import { claim } from '../credentials/jwt-token.ts';
import { formatDuration, formatUtc } from '../time.ts';
import type { Statement } from '../vendors/statements.ts';
import { statedEvidence, tokenEvidence, vendorFixes } from './evidence.ts';
import { TOKENS } from './tokens.ts';
import { BROWSER } from './browser.ts';
import { CSRF } from './csrf.ts';
import { BEARER, scopeFinding } from './bearer.ts';
import { STANDARDS } from './standards.ts';
import { BASIC } from './basic.ts';
import { ID_TOKEN } from './oauth/id-token.ts';
import { ENVIRONMENT } from './environment.ts';
import { TRANSPORT } from './transport.ts';

type Merge = (d: Draft) => void;

function quoteInto(c: Inspection, s: Statement): Merge {
  return (d) => {
    for (const e of statedEvidence(c, s)) if (!d.evidence.some((x) => x.label === e.label)) d.evidence.push(e);
  };
}

const said = (s: Statement): string => (s.quote ? `: "${s.quote}"` : '');
const who = (s: Statement): string => s.row?.vendor ?? 'The server';

/** A signed URL whose own expiry is before the server's Date. */
function signedExpiry(c: Inspection): { at: number; late: number } | undefined {
  const at = c.signed?.expires;
  if (at === undefined || c.serverTime === undefined || at > c.serverTime) return undefined;
  return { at, late: c.serverTime - at };
}

/** The finding a statement becomes for this request: a refused credential is Basic's when Basic was sent. */
function target(c: Inspection, s: Statement, earlier: readonly Draft[]): string {
  if (s.id !== 'no-credentials' && s.id !== 'token-rejected') return s.id;
  if (c.auth?.basic?.user !== undefined) return 'basic-credentials-rejected';
  if (!c.hasCredentials) return 'no-credentials';
  // invalid_token in the challenge already says the token was refused; the body's words join it.
  return earlier.some((d) => d.id === 'bearer-invalid-token') ? 'bearer-invalid-token' : 'token-rejected';
}

function draft(c: Inspection, s: Statement, earlier: readonly Draft[]): Draft | undefined {
  const id = target(c, s, earlier);
  const had = earlier.find((d) => d.id === id);
  if (had) {
    quoteInto(c, s)(had);
    // the clocks' difference, seen by us, is a hint; the server saying so makes it the cause
    if (id === 'clock-skew') had.severity = 'error';
    return undefined;
  }
  // The token's environment explains a foreign issuer or audience better than the words do.
  if (
    (id === 'issuer-mismatch' || id === 'token-wrong-audience') &&
    earlier.some((d) => d.id === 'token-wrong-environment')
  )
    return undefined;
  const evidence = [...statedEvidence(c, s), ...tokenEvidence(c.main)];
  switch (s.id) {
    case 'token-expired': {
      const late = signedExpiry(c);
      return TOKENS.draft('token-expired', {
        title: c.signed ? `${c.signed.kind} expired` : 'Credential expired',
        summary: late
          ? `The ${c.signed!.kind} expired ${formatDuration(late.late)} before the request${said(s)}: sign a new one`
          : `${who(s)} says the credential expired${said(s)}: get a new one`,
        ...(s.row ? { explanation: s.row.explain } : {}),
        evidence: [
          ...(late ? [ev('Signed URL expires', `${formatUtc(late.at)} (${c.signed!.expiresBy ?? 'expiry'})`)] : []),
          ...evidence,
        ],
        ...(s.row ? { fixes: vendorFixes(s.row, TOKENS.meta('token-expired').fixes) } : {}),
      });
    }
    case 'token-not-yet-valid':
      return TOKENS.draft('token-not-yet-valid', {
        summary: `${who(s)} says the token is not valid yet${said(s)}`,
        evidence,
      });
    case 'session-expired':
      return BROWSER.draft('session-expired', {
        summary: `${who(s)} says the session expired or is invalid${said(s)}: sign in again`,
        ...(s.row
          ? { explanation: s.row.explain, fixes: vendorFixes(s.row, BROWSER.meta('session-expired').fixes) }
          : {}),
        evidence,
      });
    case 'csrf-rejected':
      return CSRF.draft('csrf-rejected', {
        summary: `CSRF check failed${said(s)}: send the framework's CSRF token (or nonce) with the request`,
        ...(s.row ? { explanation: s.row.explain, fixes: vendorFixes(s.row, CSRF.meta('csrf-rejected').fixes) } : {}),
        evidence: [ev('Method', c.method), ...evidence],
      });
    case 'token-wrong-environment':
      return ENVIRONMENT.draft('token-wrong-environment', {
        summary: `${who(s)} says the credential is from another environment (test or live)${said(s)}`,
        explanation:
          'The credential was recognised, but it belongs to the other environment: test (sandbox) credentials ' +
          'on a live resource, or live ones on a test resource. Environments keep separate accounts and keys.',
        evidence: [...(c.auth?.basic?.user !== undefined ? [ev('User', c.auth.basic.user)] : []), ...evidence],
      });
    case 'clock-skew':
      return TRANSPORT.draft('clock-skew', {
        severity: 'error',
        title: "Request time too far from the server's",
        summary: `${who(s)} refused the request's time${said(s)}: sync the clock of the machine that signed it`,
        evidence,
      });
    case 'step-up-required':
      return BEARER.draft('step-up-required', { summary: `${who(s)} asks for a stronger sign-in${said(s)}`, evidence });
    case 'insufficient-scope': {
      const needed = c.body.leaves.find(([k]) => k === 'needed')?.[1] ?? c.res('x-accepted-oauth-scopes');
      const provided = c.body.leaves.find(([k]) => k === 'provided')?.[1] ?? c.res('x-oauth-scopes');
      const split = (v: string | undefined): string[] | undefined => v?.split(/[\s,]+/).filter(Boolean);
      const named = split(needed) ?? namedScopes(c.body.messages);
      return scopeFinding(c, named, split(provided), who(s), statedEvidence(c, s), named.length > 1);
    }
    case 'issuer-mismatch': {
      const iss = claim(c.main?.jwt?.kind === 'jws' ? c.main.jwt.payload : undefined, 'iss');
      return ID_TOKEN.draft('issuer-mismatch', {
        summary: `Token from an issuer this API does not trust${iss ? ` (iss ${clip(iss, 100)})` : ''}${said(s)}`,
        explanation:
          'The API validates the token’s iss claim against the issuer it is configured with, and they differ: ' +
          'a token from another realm, tenant or environment, or an issuer URL written differently (a trailing ' +
          'slash, http vs https, localhost vs a host name).',
        evidence: [iss ? ev('Token issuer (iss)', iss) : undefined, ...evidence],
      });
    }
    case 'no-credentials':
    case 'token-rejected': {
      if (c.auth?.basic?.user !== undefined)
        return BASIC.draft('basic-credentials-rejected', {
          summary: `${who(s)} refused the Basic credentials for user "${c.auth.basic.user}"${said(s)}`,
          ...(s.row
            ? { explanation: s.row.explain, fixes: vendorFixes(s.row, BASIC.meta('basic-credentials-rejected').fixes) }
            : {}),
          evidence: [ev('User', c.auth.basic.user), ...statedEvidence(c, s)],
        });
      if (!c.hasCredentials) {
        // A 403 with nothing sent is forbidden-unauthenticated's (a 403 where 401 fits); it quotes the body.
        if (c.status === 403 || earlier.some((d) => d.id === 'no-credentials')) return undefined;
        return STANDARDS.draft('no-credentials', {
          summary: `No credentials sent${said(s)}: attach the credential the API expects`,
          ...(s.row ? { explanation: s.row.explain } : {}),
          evidence: statedEvidence(c, s),
        });
      }
      if (earlier.some((d) => d.id === 'credential-wrong-place')) return undefined;
      // The body says nothing arrived, yet a credential went out: the server did not read it, and a
      // challenge naming another scheme (DRF's "Token" for a Bearer) says why.
      if (s.id === 'no-credentials' && earlier.some((d) => d.id === 'scheme-mismatch')) return undefined;
      // The body says the token was read and refused: the scheme it came with was understood, so a
      // challenge naming another scheme (Sentry's "Token" for a Bearer it accepts) is only a hint.
      for (const d of earlier) if (d.id === 'scheme-mismatch' && d.severity === 'error') d.severity = 'warning';
      const kind = c.main?.format ? `${c.main.format.vendor} ${c.main.format.kind}` : 'credential';
      return TOKENS.draft('token-rejected', {
        title: s.row ? `${s.row.vendor} refused the ${kind}` : 'Credential rejected',
        summary: `${who(s)} refused the ${kind}${said(s)}: check it is current, complete and for this account`,
        ...(s.row
          ? { explanation: s.row.explain, fixes: vendorFixes(s.row, TOKENS.meta('token-rejected').fixes) }
          : {}),
        evidence,
      });
    }
    default:
      return undefined;
  }
}

// Where a refusal names the permissions it wanted: after "required roles:", "Required access:", "the
// following scopes:" (a list), or quoted before the word ("Having the 'rak_x_read' permission").
const LISTED =
  /(?:required (?:roles|scopes?|permissions?|access|privileges)|following (?:scopes?|permissions?|roles))\s*:\s*((?:[^.;]|\.(?=\w)){1,300})/i;
const QUOTED_BEFORE = /['"`]([\w:./-]{2,80})['"`] (?:permission|scope|access scope|role)\b/i;
const QUOTED = /[`'"]([\w:./-]{2,80})[`'"]/g;
const NOT_A_NAME = /^(access|scopes?|roles?|permissions?|and|or|the|any|of|application|delegated)$/i;

/** The scopes or permissions a refusal says it needs, in its own words (none when it names none). */
function namedScopes(messages: readonly string[]): string[] {
  for (const m of messages.slice(0, 10)) {
    const listed = LISTED.exec(m)?.[1];
    if (listed) {
      // Stop at the next "label:" (Graph follows the roles needed with "application roles: ." held)
      // and a bracketed list, or ", but", ends the names (GitHub goes on with the scopes the token has).
      const part = listed.split(/\]|,\s*but\b|,\s*[a-z][\w ]{0,30}:/i)[0]!;
      const quoted = [...part.matchAll(QUOTED)].map((x) => x[1]!);
      const names = quoted.length
        ? quoted
        : part.split(/[\s,[\]]+/).filter((x) => /^[\w:./-]{2,80}$/.test(x) && !NOT_A_NAME.test(x));
      if (names.length) return [...new Set(names)].slice(0, 10);
    }
    const before = QUOTED_BEFORE.exec(m)?.[1];
    if (before) return [before];
  }
  return [];
}

/** Causes a server can only name after reading the credential. */
const READ_TOKEN_CAUSE = new Set<string>([
  'token-expired',
  'token-not-yet-valid',
  'token-revoked',
  'token-wrong-audience',
  'issuer-mismatch',
  'insufficient-scope',
  'step-up-required',
]);

/** Causes a server names about a token it read: they say which check failed. */
const NAMED_TOKEN_CAUSE = new Set<string>(['token-wrong-audience', 'issuer-mismatch', 'token-revoked']);

export const stated: Rule = (c, earlier) => {
  if (!c.failure || c.endpoint === 'token' || c.endpoint === 'authorize') return [];
  // The server names the check that failed (wrong tenant, audience, issuer, revoked): that outranks an
  // expiry or validity read from the token's claims alone, which is then a second thing to fix.
  if (c.statements.some((s) => NAMED_TOKEN_CAUSE.has(s.id)) && !c.statements.some((s) => s.id === 'token-expired'))
    for (const d of earlier)
      if ((d.id === 'token-expired' || d.id === 'token-not-yet-valid') && d.severity === 'error')
        d.severity = 'warning';
  // The server says what it found in the credential (expired, for another audience, short of a scope):
  // it read it, so the header's shape or a local decoding failure is a hint beside that, not the cause
  // (AppSync and Cognito take a raw JWT with no scheme).
  if (c.statements.some((s) => READ_TOKEN_CAUSE.has(s.id)))
    for (const d of earlier)
      if ((d.id === 'malformed-authorization' || d.id === 'token-malformed') && d.severity === 'error')
        d.severity = 'warning';
  const out: Draft[] = [];
  for (const s of c.statements) {
    const d = draft(c, s, [...earlier, ...out]);
    if (d) out.push(d);
  }
  // A signed URL past its own expiry, by the server's clock, even when the body is not known.
  if (!out.some((d) => d.id === 'token-expired') && !earlier.some((d) => d.id === 'token-expired')) {
    const late = signedExpiry(c);
    if (late)
      out.push(
        TOKENS.draft('token-expired', {
          title: `${c.signed!.kind} expired`,
          summary: `The ${c.signed!.kind} expired ${formatDuration(late.late)} before the request: sign a new one`,
          explanation:
            `A signed URL carries its own validity: this one ended at ${formatUtc(late.at)} ` +
            `(${c.signed!.expiresBy ?? 'its expiry'}), ${formatDuration(late.late)} before the server's Date.`,
          evidence: [ev('Signed URL expires', formatUtc(late.at)), ev('Server time (Date)', formatUtc(c.serverTime!))],
        }),
      );
  }
  return out;
};
