// Test credentials against a live API, or the reverse (issuer/audience hosts, Stripe key modes).
import type { Ctx, FoundToken, Rule } from '../context.ts';
import { consumer, draft, ev } from '../finding.ts';
import { claim } from '../credentials/jwt-token.ts';
import { link } from '../refs.ts';
import { tokenEvidence } from './evidence.ts';

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

function verdict(c: Ctx, t: FoundToken): string | undefined {
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
      draft({
        id: 'token-wrong-environment',
        severity: 'error',
        title: 'Credential from another environment',
        summary: `Credential from the wrong environment: ${why}`,
        explanation: `${why[0]!.toUpperCase()}${why.slice(1)}. Environments have separate signing keys and accounts, so the server cannot accept it.`,
        evidence: [ev('API host', c.host), ...tokenEvidence(t)],
        fixes: [consumer('Use the credential issued for this environment (check .env files and base URLs).')],
        refs: [link('Stripe: test and live modes', 'https://docs.stripe.com/keys')],
      }),
    ];
  }
  return [];
};
