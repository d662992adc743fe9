// The finding catalogue: every id the engine can report, gathered from the rule files that
// declare them (defineFindings in finding.ts). docs/findings.md and the extension's findings.html
// are rendered from it; a rule file that declares ids is listed here.
import type { FindingMeta } from './finding.ts';
import { FAMILIES, type Family } from './families.ts';
import { STANDARDS } from './rules/standards.ts';
import { BEARER } from './rules/bearer.ts';
import { DPOP } from './rules/dpop.ts';
import { DIGEST } from './rules/digest.ts';
import { BASIC } from './rules/basic.ts';
import { NEGOTIATE } from './rules/negotiate.ts';
import { PROXY } from './rules/proxy.ts';
import { TOKENS } from './rules/tokens.ts';
import { ENVIRONMENT } from './rules/environment.ts';
import { TRANSPORT } from './rules/transport.ts';
import { BROWSER } from './rules/browser.ts';
import { CSRF } from './rules/csrf.ts';
import { FORBIDDEN } from './rules/forbidden.ts';
import { GITHUB } from './rules/vendors/github.ts';
import { ENTRA } from './rules/vendors/entra.ts';
import { DOCKER } from './rules/vendors/docker.ts';
import { AWS } from './rules/vendors/aws.ts';
import { WAF } from './rules/vendors/waf.ts';
import { PATTERNS } from './rules/patterns.ts';
import { DISCOVERY } from './discovery/findings.ts';
import { LIMITS } from './rules/limits.ts';
import { TOKEN_CLAIMS } from './rules/token-claims.ts';
import { TOKEN_ENDPOINT } from './rules/oauth/token-endpoint.ts';
import { AUTHORIZE } from './rules/oauth/authorize.ts';
import { CALLBACK } from './rules/oauth/callback.ts';
import { ID_TOKEN } from './rules/oauth/id-token.ts';
import { LOGIN_REDIRECT } from './rules/oauth/login-redirect.ts';
import { CHANGED } from './compare/rule.ts';

const SETS = [
  STANDARDS,
  BEARER,
  DPOP,
  DIGEST,
  BASIC,
  NEGOTIATE,
  PROXY,
  TOKENS,
  TOKEN_CLAIMS,
  ENVIRONMENT,
  TRANSPORT,
  BROWSER,
  CSRF,
  FORBIDDEN,
  LIMITS,
  TOKEN_ENDPOINT,
  AUTHORIZE,
  CALLBACK,
  ID_TOKEN,
  LOGIN_REDIRECT,
  GITHUB,
  ENTRA,
  DOCKER,
  AWS,
  WAF,
  PATTERNS,
  DISCOVERY,
  CHANGED,
] as const;

/** Every id a diagnosis can contain. */
export type FindingId = (typeof SETS)[number]['ids'][number];

// An id declared in two rule files is a type error here, naming the id.
type IdsOf<S> = S extends { ids: readonly (infer I)[] } ? I : never;
type Repeated<T extends readonly unknown[], Seen = never> = T extends readonly [infer H, ...infer R]
  ? (IdsOf<H> & Seen) | Repeated<R, Seen | IdsOf<H>>
  : never;
type DeclaredOnce<T extends never> = T;
type _NoIdDeclaredTwice = DeclaredOnce<Repeated<typeof SETS>>;

/** id -> metadata, in the order the rule files declare them. */
export const CATALOGUE = Object.freeze(
  Object.fromEntries(SETS.flatMap((s) => s.metas.map((m) => [m.id, m]))),
) as Readonly<Record<FindingId, FindingMeta>>;

export function findingMeta(id: string): FindingMeta | undefined {
  return Object.hasOwn(CATALOGUE, id) ? CATALOGUE[id as FindingId] : undefined;
}

/** Where the extension documents an id: its page, relative to the extension's root. */
export const findingDocPath = (id: string): string => `findings.html#${id}`;

/** The catalogue by family, in the order of FAMILIES (what the docs and findings.html show). */
export function catalogueByFamily(): { family: Family; title: string; findings: FindingMeta[] }[] {
  const all = Object.values(CATALOGUE) as FindingMeta[];
  return (Object.keys(FAMILIES) as Family[])
    .map((family) => ({ family, title: FAMILIES[family], findings: all.filter((m) => m.family === family) }))
    .filter((g) => g.findings.length > 0);
}
