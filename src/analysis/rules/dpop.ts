// RFC 9449 DPoP: nonce required, proof rejected, proof missing.
import type { Rule } from '../context.ts';
import { clip, consumer, draft, ev, server, type Draft } from '../finding.ts';
import { MDN_CORS, rfc } from '../refs.ts';
import { bearerError, describedEvidence } from './bearer.ts';
import { challengeEvidence } from './evidence.ts';

export const dpop: Rule = (c) => {
  const out: Draft[] = [];
  const b = bearerError(c);
  const evs = [...describedEvidence(b), ...challengeEvidence(c)];
  if (b?.error === 'use_dpop_nonce') {
    const nonce = c.res('dpop-nonce');
    const exposed = /(^|,)\s*(dpop-nonce|\*)\s*(,|$)/i.test(c.res('access-control-expose-headers') ?? '');
    const hidden = c.crossOrigin && !exposed;
    out.push(
      draft({
        id: 'dpop-nonce-required',
        severity: 'warning',
        title: 'Server wants a DPoP nonce',
        summary: `DPoP nonce required: retry with a new proof carrying the DPoP-Nonce${nonce ? ` "${clip(nonce, 40)}"` : ''}`,
        explanation:
          'A normal step of DPoP (RFC 9449 §8–9): the server issued a nonce; the next proof must include it as the `nonce` claim.' +
          (hidden
            ? ' This is cross-origin and DPoP-Nonce is not in Access-Control-Expose-Headers, so page scripts cannot read it.'
            : ''),
        evidence: [nonce ? ev('DPoP-Nonce', clip(nonce)) : ev('DPoP-Nonce', '(missing from the response)'), ...evs],
        fixes: [
          consumer(
            'Read DPoP-Nonce from the response, sign a new proof with it, retry once.',
            "const nonce = res.headers.get('DPoP-Nonce');",
          ),
          ...(hidden
            ? [server('Expose the header to browser code.', 'Access-Control-Expose-Headers: DPoP-Nonce')]
            : []),
        ],
        refs: [rfc(9449, '9'), ...(hidden ? [MDN_CORS] : [])],
      }),
    );
  }
  if (b?.error === 'invalid_dpop_proof') {
    out.push(
      draft({
        id: 'dpop-proof-invalid',
        severity: 'error',
        title: 'DPoP proof rejected',
        summary: `DPoP proof rejected${b.description ? `: ${clip(b.description, 100)}` : ''}: check htm, htu, iat, ath and the key`,
        explanation:
          'The DPoP header JWT is invalid (RFC 9449 §4.3): wrong `htm`/`htu` for this request, stale `iat`, a reused `jti`, missing `ath` for the access token, or a key other than the one the token is bound to.',
        evidence: [...evs, ...(c.req('dpop') ? [ev('DPoP header', 'present')] : [ev('DPoP header', 'missing')])],
        fixes: [
          consumer(
            'Create a fresh proof per request: htm = method, htu = URL without query, iat = now, ath = hash of the token.',
          ),
        ],
        refs: [rfc(9449, '4.3')],
      }),
    );
  }
  if (c.auth?.lc === 'dpop' && !c.req('dpop')) {
    out.push(
      draft({
        id: 'dpop-proof-missing',
        severity: 'error',
        title: 'DPoP token sent without a proof',
        summary: 'Authorization: DPoP sent without a DPoP proof header: add the proof',
        explanation:
          'A DPoP-bound token must travel with a `DPoP` header holding a proof JWT signed by the bound key (RFC 9449 §7.1). Without it the server rejects the token.',
        evidence: [ev('Authorization scheme', c.auth.scheme), ev('DPoP header', 'missing')],
        fixes: [
          consumer('Send the proof with every request.', 'headers: { Authorization: `DPoP ${token}`, DPoP: proofJwt }'),
        ],
        refs: [rfc(9449, '7.1')],
      }),
    );
  }
  return out;
};
