// RFC 7617 Basic: rejected credentials (the user name shown, never the password), the
// browser's own login dialog for fetch/XHR, and charset.
import type { Inspection, Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { link, rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

const CHECK_CREDENTIALS = consumer(
  'Check user and password; encode "user:password" as UTF-8 before base64.',
  code('js', "'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${pass}`)))"),
);
const DECLARE_CHARSET = server(
  'Declare the encoding.',
  code('http', 'WWW-Authenticate: Basic realm="api", charset="UTF-8"'),
);

export const BASIC = defineFindings('basic', {
  'basic-credentials-rejected': {
    title: 'Basic credentials rejected',
    severity: 'error',
    means:
      'The server refused the Basic user name and password. AuthLens decodes the user name to show it, never ' +
      'the password (only its length). Non-ASCII credentials are a frequent hidden cause: without ' +
      'charset="UTF-8" in the challenge, client and server may encode them differently (RFC 7617 §2.1).',
    restsOn:
      'Authorization: Basic with credentials that decode, answered by a Basic challenge, or by a 401 or 403 ' +
      'with no challenge at all (under another scheme’s challenge the pair was never read: see ' +
      'scheme-mismatch).',
    fixes: [CHECK_CREDENTIALS, DECLARE_CHARSET],
    references: [rfc(7617, '2')],
  },
  'basic-prompt': {
    title: 'Browser login dialog for a script request',
    severity: 'error',
    means:
      'Browsers answer a Basic challenge with a native prompt, even for background API calls; the request stays ' +
      'pending until the user acts.',
    restsOn:
      'A 401 with a Basic challenge to a fetch or XMLHttpRequest: by its webRequest type, by Sec-Fetch-Dest: ' +
      'empty, or, when the type is unknown (a bare HAR file), by an Accept that is not a page’s. An error when ' +
      'no Authorization was sent, a warning when credentials were sent and refused, or when the request is of ' +
      'type "other" with no Sec-Fetch-Dest (a tool, not a page’s script).',
    fixes: [
      server(
        'For API calls, answer 401 with a non-Basic challenge (e.g. Bearer) or use token auth.',
        code('http', 'WWW-Authenticate: Bearer realm="api"'),
      ),
      consumer(
        'Send credentials up front so no challenge comes back.',
        code('js', "fetch(url, { headers: { Authorization: 'Basic ' + btoa(`${user}:${pass}`) } })"),
      ),
    ],
    references: [
      rfc(7617, '2'),
      link(
        'Chromium: auth dialogs for subresources',
        'https://www.chromium.org/developers/design-documents/http-authentication/',
      ),
    ],
  },
});

const SCRIPTED = new Set(['xmlhttprequest', 'fetch', 'xhr']);
const UNKNOWN = new Set(['', 'other']);

/** fetch/XHR: by webRequest type, by Sec-Fetch-Dest, or (type unknown: a bare HAR) by an Accept not a page's */
function scripted(type: string | undefined, dest: string | undefined, accept: string | undefined): boolean {
  if (SCRIPTED.has(type ?? '') || dest === 'empty') return true;
  return UNKNOWN.has(type ?? '') && dest === undefined && !/text\/html/i.test(accept ?? '');
}

/** What a server says about the pair itself: anything else it states on a 403 is about the account. */
const ABOUT_THE_PAIR = new Set<string>(['token-rejected', 'no-credentials', 'token-expired', 'token-revoked']);
/** Headers naming who the caller was taken for (Jenkins, Atlassian), or the permission the call lacked. */
const SIGNED_IN_AS = /^(x-you-are-authenticated-as|x-authenticated-user(name)?|x-ausername|x-required-permission)$/i;

/** A 403 to a Basic pair the server read: it names the user it took, or a cause that is not the pair. */
function readThePair(c: Inspection): boolean {
  if (c.status !== 403) return false;
  const named = c.ex.responseHeaders.some((h) => SIGNED_IN_AS.test(h.name) && !/^anonymous$/i.test(h.value.trim()));
  return named || c.statements.some((s) => !ABOUT_THE_PAIR.has(s.id));
}

export const basic: Rule = (c) => {
  const out: Draft[] = [];
  const ch = c.challenge('basic');
  const b = c.auth?.basic;
  // Under another scheme's challenge the server never read the Basic pair: scheme-mismatch says so.
  if (
    b?.user !== undefined &&
    (ch || (!c.challenges.length && (c.status === 401 || (c.status === 403 && !readThePair(c)))))
  ) {
    const charsetHint = b.nonAscii && ch?.params.charset?.toLowerCase() !== 'utf-8';
    out.push(
      BASIC.draft('basic-credentials-rejected', {
        summary: `Basic credentials for user "${b.user}" were rejected: check the user name and password`,
        explanation:
          `The server refused user "${b.user}" (password not shown, ${b.passwordLength} characters).` +
          (b.passwordLength === 0 ? ' The password is empty.' : '') +
          (charsetHint
            ? ' The credentials contain non-ASCII characters and the challenge has no charset="UTF-8": ' +
              'the server may decode them differently (RFC 7617 §2.1).'
            : ''),
        evidence: [ev('User', b.user), ...challengeEvidence(c)],
        fixes: charsetHint ? [CHECK_CREDENTIALS, DECLARE_CHARSET] : [CHECK_CREDENTIALS],
      }),
    );
  }
  if (ch && c.status === 401 && scripted(c.ex.type, c.req('sec-fetch-dest'), c.req('accept'))) {
    // Without credentials the dialog is what the developer sees first, and it is the surprise:
    // the script meant to handle the 401 itself. With credentials sent, their rejection leads.
    const bare = !c.auth;
    // With other schemes offered too, the client can answer one of them: the dialog is a side effect.
    const only = c.challenges.every((x) => x.scheme.toLowerCase() === 'basic');
    // A request of type "other" that no browser marked (no Sec-Fetch-Dest) is not a page's script: a
    // CLI or a tool shows no dialog, so the missing credential leads and the dialog is only a maybe. A
    // bare HAR (no type at all) is presumed a browser's.
    const browser = c.ex.type !== 'other' || c.req('sec-fetch-dest') !== undefined;
    out.push(
      BASIC.draft('basic-prompt', {
        severity: bare && only && !c.hasCredentials && browser ? 'error' : 'warning',
        summary: bare
          ? 'The browser shows its own login dialog: a fetch/XHR without credentials got 401 with a Basic challenge'
          : 'A 401 with Basic to fetch/XHR makes the browser show its own login dialog',
        ...(bare
          ? {
              more:
                'No Authorization was sent, so the server challenged; ' +
                'the script only sees the 401 once the dialog is cancelled.',
            }
          : {}),
        evidence: [
          ...challengeEvidence(c),
          ev('Request', `${c.ex.type || 'fetch/XHR'}${bare ? ', no Authorization' : ''}`),
        ],
      }),
    );
  }
  return out;
};
