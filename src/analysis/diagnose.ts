// diagnose(): inspect the exchange once, run every rule family, rank, summarise. Never throws:
// a failing rule is skipped, and a failing inspection still yields a generic finding.
import type { DiagnoseContext, Diagnosis, Exchange } from './types.ts';
import { inspect, type Inspection, type Rule } from './inspect.ts';
import { clip, toFinding, type Draft } from './finding.ts';
import { rank } from './rank.ts';
import { refused, standards } from './rules/standards.ts';
import { bearer } from './rules/bearer.ts';
import { dpop } from './rules/dpop.ts';
import { digest } from './rules/digest.ts';
import { basic } from './rules/basic.ts';
import { negotiate } from './rules/negotiate.ts';
import { proxy } from './rules/proxy.ts';
import { tokens } from './rules/tokens.ts';
import { transport } from './rules/transport.ts';
import { environment } from './rules/environment.ts';
import { github } from './rules/vendors/github.ts';
import { entra } from './rules/vendors/entra.ts';
import { docker } from './rules/vendors/docker.ts';
import { aws } from './rules/vendors/aws.ts';
import { waf } from './rules/vendors/waf.ts';
import { browser } from './rules/browser.ts';
import { csrf } from './rules/csrf.ts';
import { forbidden } from './rules/forbidden.ts';
import { PATTERNS, patterns } from './rules/patterns.ts';
import { limits } from './rules/limits.ts';
import { tokenClaims } from './rules/token-claims.ts';
import { stated } from './rules/stated.ts';
import { tokenEndpoint } from './rules/oauth/token-endpoint.ts';
import { authorize } from './rules/oauth/authorize.ts';
import { callback } from './rules/oauth/callback.ts';
import { idToken } from './rules/oauth/id-token.ts';
import { loginRedirect } from './rules/oauth/login-redirect.ts';
import { authorizeInHistory } from './rules/oauth/flow.ts';
import { whoSaidNo } from './layer.ts';
import { CHANGED, changed } from './compare/rule.ts';

const FAMILIES: Rule[] = [
  standards,
  bearer,
  dpop,
  digest,
  basic,
  negotiate,
  proxy,
  tokens,
  transport,
  environment,
  github,
  entra,
  docker,
  aws,
  waf,
  browser,
  csrf,
  tokenEndpoint,
  authorize,
  callback,
  idToken,
  loginRedirect,
  authorizeInHistory,
  limits,
  tokenClaims,
];
/** After the families above: a stated cause another family already found adds its quote there. */
const STATED: Rule[] = [stated];
/** Run after the others: forbidden fires only when nothing more specific did; patterns names the
 * request's own cause in what it says. */
const LATE: Rule[] = [forbidden, patterns, changed];

const PATTERN_IDS = new Set<string>([...PATTERNS.ids, ...CHANGED.ids]);

function sane(ex: Exchange): Exchange {
  const headers = (h: unknown): Exchange['requestHeaders'] =>
    Array.isArray(h) ? h.filter((x) => x && typeof x.name === 'string' && typeof x.value === 'string') : [];
  return {
    ...ex,
    url: typeof ex.url === 'string' ? ex.url : '',
    method: typeof ex.method === 'string' ? ex.method : 'GET',
    status: typeof ex.status === 'number' ? ex.status : 0,
    requestHeaders: headers(ex.requestHeaders),
    responseHeaders: headers(ex.responseHeaders),
    redirects: Array.isArray(ex.redirects)
      ? ex.redirects
          .filter((r) => r && typeof r.url === 'string')
          .map((r) => ({ ...r, requestHeaders: headers(r.requestHeaders) }))
      : [],
  };
}

export function diagnose(exchange: Exchange, context: DiagnoseContext = {}): Diagnosis {
  let c: Inspection | undefined;
  try {
    c = inspect(sane(exchange), context ?? {});
  } catch {
    c = undefined;
  }
  const status = typeof exchange?.status === 'number' ? exchange.status : 0;
  if (!c) {
    const d = refused(status, undefined);
    return { summary: d.summary, findings: [toFinding(d)] };
  }
  const found: Draft[] = [];
  for (const list of [FAMILIES, STATED, LATE]) {
    for (const rule of list) {
      try {
        found.push(...rule(c, found));
      } catch {
        /* one broken rule must not hide the others */
      }
    }
  }
  // Patterns across requests are not this request's cause: without one, the generic finding stays.
  const own = found.filter((d) => !PATTERN_IDS.has(d.id));
  if (
    c.failure &&
    !own.some((d) => d.severity === 'error' || d.severity === 'warning' || d.id === 'negotiate-handshake')
  ) {
    found.push(refused(status, c.res('www-authenticate')));
  }
  const ranked = rank(found);
  const top = ranked[0];
  const summary = top ? clip(top.summary.replace(/\s+/g, ' '), 240) : `No authentication problem found (${status})`;
  const layer = whoSaidNo(c, ranked);
  return { summary, findings: ranked.map(toFinding), ...(layer ? { layer } : {}) };
}
