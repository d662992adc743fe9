// RFC 9449 DPoP: nonce required, proof rejected, proof missing.
import type { Rule } from '../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { MDN_CORS, rfc } from '../refs.ts';
import { bearerError, describedEvidence } from './bearer.ts';
import { challengeEvidence } from './evidence.ts';

const READ_NONCE = consumer(
  'Read DPoP-Nonce from the response, sign a new proof with it, retry once.',
  code('js', "const nonce = res.headers.get('DPoP-Nonce');"),
);
const EXPOSE_NONCE = server(
  'Expose the header to browser code.',
  code('http', 'Access-Control-Expose-Headers: DPoP-Nonce'),
);

export const DPOP = defineFindings('dpop', {
  'dpop-nonce-required': {
    title: 'Server wants a DPoP nonce',
    severity: 'warning',
    means:
      'A normal step of DPoP (RFC 9449 §8–9): the server issued a nonce; the next proof must include it as the ' +
      '`nonce` claim.',
    restsOn:
      'error="use_dpop_nonce" in the challenge or the OAuth JSON error body, and the DPoP-Nonce response ' +
      'header. On a cross-origin call, whether Access-Control-Expose-Headers lists DPoP-Nonce: page scripts ' +
      'cannot read it otherwise.',
    fixes: [READ_NONCE, EXPOSE_NONCE],
    references: [rfc(9449, '9'), MDN_CORS],
  },
  'dpop-proof-invalid': {
    title: 'DPoP proof rejected',
    severity: 'error',
    means:
      'The DPoP header JWT is invalid (RFC 9449 §4.3): wrong `htm`/`htu` for this request, stale `iat`, a reused ' +
      '`jti`, missing `ath` for the access token, or a key other than the one the token is bound to.',
    restsOn:
      'error="invalid_dpop_proof" in the challenge or the OAuth JSON error body; whether a DPoP header was sent.',
    fixes: [
      consumer(
        'Create a fresh proof per request: htm = method, htu = URL without query, iat = now, ath = hash of the token.',
      ),
    ],
    references: [rfc(9449, '4.3')],
  },
  'dpop-bound-token-as-bearer': {
    title: 'DPoP-bound token sent as a plain Bearer token',
    severity: 'error',
    means:
      'The access token is bound to a key (its cnf.jkt claim holds the key’s thumbprint, RFC 9449 §6.1), so it ' +
      'is only valid with Authorization: DPoP and a DPoP proof signed by that key. Sent as Bearer, the server ' +
      'must refuse it (RFC 9449 §7.2): a downgrade would let a stolen token be replayed.',
    restsOn: 'Authorization: Bearer with a JWT whose payload has cnf.jkt, on a refusal.',
    fixes: [
      consumer(
        'Send it with the DPoP scheme and a fresh proof for each request.',
        code('js', 'headers: { Authorization: `DPoP ${accessToken}`, DPoP: await proofFor(method, url, accessToken) }'),
      ),
    ],
    references: [rfc(9449, '7.1'), rfc(9449, '6.1')],
  },
  'dpop-proof-missing': {
    title: 'DPoP token sent without a proof',
    severity: 'error',
    means:
      'A DPoP-bound token must travel with a `DPoP` header holding a proof JWT signed by the bound key (RFC 9449 ' +
      '§7.1). Without it the server rejects the token.',
    restsOn: 'Authorization: DPoP <token> and no DPoP request header.',
    fixes: [
      consumer(
        'Send the proof with every request.',
        code('js', 'headers: { Authorization: `DPoP ${token}`, DPoP: proofJwt }'),
      ),
    ],
    references: [rfc(9449, '7.1')],
  },
});

/** The thumbprint a Bearer JWT is bound to (RFC 9449 §6.1 cnf.jkt), when it is one. */
function boundTo(c: Parameters<Rule>[0]): string | undefined {
  if (c.auth?.lc !== 'bearer' || c.main?.jwt?.kind !== 'jws') return undefined;
  const cnf = c.main.jwt.payload.cnf;
  return cnf && typeof cnf === 'object' && typeof (cnf as Record<string, unknown>).jkt === 'string'
    ? ((cnf as Record<string, unknown>).jkt as string)
    : undefined;
}

export const dpop: Rule = (c) => {
  const out: Draft[] = [];
  const jkt = boundTo(c);
  if (jkt && c.failure) {
    out.push(
      DPOP.draft('dpop-bound-token-as-bearer', {
        summary: 'The token is DPoP-bound (cnf.jkt) but was sent as Bearer: send it as DPoP with a proof',
        evidence: [
          ev('cnf.jkt', clip(jkt, 80)),
          ev('Authorization scheme', c.auth!.scheme),
          ev('DPoP header', c.req('dpop') ? 'present' : 'missing'),
          ...challengeEvidence(c),
        ],
      }),
    );
  }
  const b = bearerError(c);
  const evs = [...describedEvidence(b), ...challengeEvidence(c)];
  if (b?.error === 'use_dpop_nonce') {
    const nonce = c.res('dpop-nonce');
    const exposed = /(^|,)\s*(dpop-nonce|\*)\s*(,|$)/i.test(c.res('access-control-expose-headers') ?? '');
    const hidden = c.crossOrigin && !exposed;
    const shown = nonce ? ` "${clip(nonce, 40)}"` : '';
    out.push(
      DPOP.draft('dpop-nonce-required', {
        summary: `DPoP nonce required: retry with a new proof carrying the DPoP-Nonce${shown}`,
        ...(hidden
          ? {
              more:
                'This is cross-origin and DPoP-Nonce is not in Access-Control-Expose-Headers, ' +
                'so page scripts cannot read it.',
            }
          : { fixes: [READ_NONCE], references: [rfc(9449, '9')] }),
        evidence: [nonce ? ev('DPoP-Nonce', clip(nonce)) : ev('DPoP-Nonce', '(missing from the response)'), ...evs],
      }),
    );
  }
  if (b?.error === 'invalid_dpop_proof') {
    const desc = b.description ? `: ${clip(b.description, 100)}` : '';
    out.push(
      DPOP.draft('dpop-proof-invalid', {
        summary: `DPoP proof rejected${desc}: check htm, htu, iat, ath and the key`,
        evidence: [...evs, ev('DPoP header', c.req('dpop') ? 'present' : 'missing')],
      }),
    );
  }
  if (c.auth?.lc === 'dpop' && !c.req('dpop')) {
    out.push(
      DPOP.draft('dpop-proof-missing', {
        summary: 'Authorization: DPoP sent without a DPoP proof header: add the proof',
        evidence: [ev('Authorization scheme', c.auth.scheme), ev('DPoP header', 'missing')],
      }),
    );
  }
  return out;
};
