// Test credentials against a live API, or the reverse (issuer/audience hosts, Stripe key modes).
import type { FoundToken, Inspection, Rule } from '../inspect.ts';
import { consumer, defineFindings, ev } from '../finding.ts';
import { claim } from '../credentials/jwt-token.ts';
import { link } from '../refs.ts';
import { tokenEvidence } from './evidence.ts';

export const ENVIRONMENT = defineFindings('tokens', {
  'token-wrong-environment': {
    title: 'Credential from another environment',
    severity: 'error',
    means:
      'A credential issued for one environment went to another: a test key to a live API, or a production ' +
      'token to a staging host. Environments have separate signing keys and accounts, so the server cannot ' +
      'accept it.',
    restsOn:
      'Vendor key modes (Stripe sk_/rk_/pk_ with test or live, and Stripe’s "a similar object exists in live ' +
      'mode" message); the host of a JWT’s iss or aud naming staging, dev, test, sandbox, qa or uat while the ' +
      'API host does not, or the reverse on the same site.',
    fixes: [consumer('Use the credential issued for this environment (check .env files and base URLs).')],
    references: [link('Stripe: test and live modes', 'https://docs.stripe.com/keys')],
  },
});

const TESTISH = /(^|[.-])(staging|stage|stg|dev|develop|test|testing|sandbox|qa|uat|preprod|nonprod)(\d*)([.-]|$)/;

function hostOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  try {
    return new URL(s.includes('://') ? s : `https://${s}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const site = (h: string): string => h.split('.').slice(-2).join('.');

function verdict(c: Inspection, t: FoundToken): string | undefined {
  const liveHost = !TESTISH.test(c.host) && !c.loopback;
  if (t.format?.env) {
    if (t.format.env === 'live' && !liveHost) return `a live key (${t.format.kind}) is sent to a test host`;
    const other = /similar object exists in (live|test) mode/.exec(c.body.text)?.[1];
    if (other) return `the object exists in ${other} mode, but a ${t.format.kind} was used`;
    return undefined;
  }
  if (t.jwt?.kind !== 'jws') return undefined;
  const p = t.jwt.payload;
  for (const name of ['iss', 'aud']) {
    const h = hostOf(claim(p, name)?.split(', ')[0]);
    if (!h) continue;
    if (TESTISH.test(h) && liveHost)
      return `the token's ${name} (${h}) is a test environment, the API (${c.host}) is not`;
    if (!TESTISH.test(h) && !liveHost && !c.loopback && site(h) === site(c.host))
      return `the token's ${name} (${h}) is production, the API (${c.host}) is a test environment`;
  }
  return undefined;
}

export const environment: Rule = (c) => {
  if (!c.failure && c.status < 400) return [];
  for (const t of c.tokens) {
    const why = verdict(c, t);
    if (!why) continue;
    return [
      ENVIRONMENT.draft('token-wrong-environment', {
        summary: `Credential from the wrong environment: ${why}`,
        explanation:
          `${why[0]!.toUpperCase()}${why.slice(1)}. ` +
          'Environments have separate signing keys and accounts, so the server cannot accept it.',
        evidence: [ev('API host', c.host), ...tokenEvidence(t)],
      }),
    ];
  }
  return [];
};
