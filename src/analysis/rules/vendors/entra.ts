// Microsoft Entra claims challenge (Conditional Access, continuous access evaluation):
// Bearer ..., error="insufficient_claims", claims="<base64 JSON>".
import type { Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev } from '../../finding.ts';
import { code, js, type Snippet } from '../../snippets.ts';
import { decodeBase64Text } from '../../../http/base64.ts';
import { link } from '../../refs.ts';

const CLAIMS = 'Request a token with the claims (MSAL); use interactive sign-in if silent fails.';
const claimsCode = (claims: string): Snippet => js`await msal.acquireTokenPopup({ scopes, claims: ${claims} })`;
const DECLARE_CAE = consumer(
  'Declare CAE support so the server can send these challenges.',
  code('js', "clientCapabilities: ['cp1']"),
);

export const ENTRA = defineFindings('vendors', {
  'claims-challenge': {
    title: 'Claims challenge: a new token with more claims is needed',
    severity: 'error',
    means:
      'Microsoft Entra wants a new token that satisfies extra claims: Conditional Access asks for an ' +
      'authentication context (MFA, a compliant device...), or continuous access evaluation revoked the ' +
      'session behind the token. The challenge carries the claims, base64-encoded; the client passes them to ' +
      'the token request, and the user may have to sign in again or pass MFA.',
    restsOn:
      'A challenge with error="insufficient_claims", or a claims parameter beside an error code; the claims are ' +
      'decoded and shown, with the authentication context (acrs) they ask for.',
    fixes: [
      consumer(CLAIMS, code('js', 'await msal.acquireTokenPopup({ scopes, claims: claimsFromTheChallenge })')),
      DECLARE_CAE,
    ],
    references: [
      link(
        'Microsoft: claims challenges',
        'https://learn.microsoft.com/en-us/entra/identity-platform/claims-challenge',
      ),
    ],
  },
});

function decodeClaims(raw: string): string {
  const text = raw.trim().startsWith('{') ? raw : decodeBase64Text(raw.trim());
  if (text === undefined) return '(not base64 JSON)';
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return clip(text, 500);
  }
}

export const entra: Rule = (c) => {
  const ch = c.challenges.find(
    (x) => x.params.error === 'insufficient_claims' || (x.params.claims && x.params.error !== undefined),
  );
  if (!ch) return [];
  const raw = ch.params.claims ?? '';
  const json = raw ? decodeClaims(raw) : '(no claims parameter)';
  // Only the head: the pattern backtracks, and a real claims document is small.
  const acr = /"acrs"[^}]*"value"\s*:\s*"([^"]+)"/.exec(json.slice(0, 2000))?.[1];
  return [
    ENTRA.draft('claims-challenge', {
      summary:
        `Claims challenge${acr ? ` (auth context ${acr})` : ''}: ` + 'get a new token passing these claims, then retry',
      explanation:
        `Conditional Access or continuous access evaluation wants a token with these claims: ${clip(json, 300)}. ` +
        'The user may need to sign in again or pass MFA.',
      evidence: [
        ev('claims (decoded)', clip(json, 1000)),
        ch.params.error_description ? ev('error_description', clip(ch.params.error_description)) : undefined,
        ch.params.authorization_uri ? ev('authorization_uri', clip(ch.params.authorization_uri)) : undefined,
      ],
      fixes: [consumer(CLAIMS, claimsCode(json.length > 300 ? '…' : json)), DECLARE_CAE],
    }),
  ];
};
