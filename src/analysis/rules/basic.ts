// RFC 7617 Basic: rejected credentials (the user name shown, never the password), the
// browser's own login dialog for fetch/XHR, and charset.
import type { Rule } from '../context.ts';
import { consumer, draft, ev, server, type Draft } from '../finding.ts';
import { rfc } from '../refs.ts';
import { challengeEvidence } from './evidence.ts';

const SCRIPTED = new Set(['xmlhttprequest', 'fetch', 'xhr']);

export const basic: Rule = (c) => {
  const out: Draft[] = [];
  const ch = c.challenge('basic');
  const b = c.auth?.basic;
  // Under another scheme's challenge the server never read the Basic pair: scheme-mismatch says so.
  if (b?.user !== undefined && (ch || (!c.challenges.length && (c.status === 401 || c.status === 403)))) {
    const charsetHint = b.nonAscii && ch?.params.charset?.toLowerCase() !== 'utf-8';
    out.push(draft({
      id: 'basic-credentials-rejected', severity: 'error', title: 'Basic credentials rejected',
      summary: `Basic credentials for user "${b.user}" were rejected: check the user name and password`,
      explanation: `The server refused user "${b.user}" (password not shown, ${b.passwordLength} characters).` +
        (b.passwordLength === 0 ? ' The password is empty.' : '') +
        (charsetHint ? ' The credentials contain non-ASCII characters and the challenge has no charset="UTF-8": the server may decode them differently (RFC 7617 §2.1).' : ''),
      evidence: [ev('User', b.user), ...challengeEvidence(c)],
      fixes: [consumer('Check user and password; encode "user:password" as UTF-8 before base64.', "'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${pass}`)))"),
        ...(charsetHint ? [server('Declare the encoding.', 'WWW-Authenticate: Basic realm="api", charset="UTF-8"')] : [])],
      refs: [rfc(7617, '2')],
    }));
  }
  if (ch && c.status === 401 && (SCRIPTED.has(c.ex.type ?? '') || c.req('sec-fetch-dest') === 'empty')) {
    out.push(draft({
      id: 'basic-prompt', severity: 'warning', title: 'Browser login dialog for a script request',
      summary: 'A 401 with Basic to fetch/XHR makes the browser show its own login dialog',
      explanation: 'Browsers answer a Basic challenge with a native prompt, even for background API calls; the request stays pending until the user acts.',
      evidence: challengeEvidence(c),
      fixes: [server('For API calls, answer 401 with a non-Basic challenge (e.g. Bearer) or use token auth.', 'WWW-Authenticate: Bearer realm="api"'),
        consumer('Send credentials up front so no challenge comes back.')],
      refs: [rfc(7617, '2')],
    }));
  }
  return out;
};
