// Opaque tokens that name their issuer by prefix. Sources: GitHub "About authentication"
// (token prefixes), GitLab token overview, Slack token types, Stripe API keys, Google OAuth,
// AWS IAM identifiers (AKIA long-term, ASIA temporary), Shopify access token prefixes, Vault
// token prefixes (hvs/hvb/hvr), OpenAI and Anthropic key formats, Hugging Face user access tokens,
// Salesforce session ids (18-character org id, "!", the session part).

export interface TokenFormat {
  vendor: string;
  kind: string;
  /** test/live for vendors that encode the mode in the key */
  env?: 'test' | 'live';
}

const PREFIXES: [RegExp, string, string][] = [
  [/^ghp_/, 'GitHub', 'personal access token (classic)'],
  [/^github_pat_/, 'GitHub', 'fine-grained personal access token'],
  [/^gho_/, 'GitHub', 'OAuth app token'],
  [/^ghu_/, 'GitHub', 'GitHub App user token'],
  [/^ghs_/, 'GitHub', 'GitHub App installation token'],
  [/^ghr_/, 'GitHub', 'refresh token'],
  [/^glpat-/, 'GitLab', 'personal access token'],
  [/^xoxb-/, 'Slack', 'bot token'],
  [/^xoxp-/, 'Slack', 'user token'],
  [/^xox[aers]-/, 'Slack', 'token'],
  [/^ya29\./, 'Google', 'OAuth access token'],
  [/^AIza[\w-]{35}$/, 'Google', 'API key'],
  [/^AKIA[A-Z2-7]{16}$/, 'AWS', 'long-term access key id'],
  [/^ASIA[A-Z2-7]{16}$/, 'AWS', 'temporary access key id (needs a session token)'],
  [/^npm_/, 'npm', 'access token'],
  [/^glrt-/, 'GitLab', 'runner token'],
  [/^gldt-/, 'GitLab', 'deploy token'],
  [/^xapp-/, 'Slack', 'app-level token'],
  [/^shpat_/, 'Shopify', 'Admin API access token'],
  [/^shpca_/, 'Shopify', 'custom app access token'],
  [/^shppa_/, 'Shopify', 'private app access token'],
  [/^shpss_/, 'Shopify', 'shared secret'],
  [/^hvs\./, 'HashiCorp Vault', 'service token'],
  [/^hvb\./, 'HashiCorp Vault', 'batch token'],
  [/^hvr\./, 'HashiCorp Vault', 'recovery token'],
  [/^sk-ant-/, 'Anthropic', 'API key'],
  [/^sk-proj-/, 'OpenAI', 'project API key'],
  [/^sk-(svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, 'OpenAI', 'API key'],
  [/^hf_[A-Za-z0-9]{20,}$/, 'Hugging Face', 'user access token'],
  [/^SG\.[\w-]{16,}\.[\w-]{16,}$/, 'SendGrid', 'API key'],
  [/^00D[A-Za-z0-9]{12,15}![\w.]{20,}$/, 'Salesforce', 'session id'],
  [/^pypi-/, 'PyPI', 'API token'],
  [/^dop_v1_/, 'DigitalOcean', 'personal access token'],
  [/^whsec_/, 'Stripe', 'webhook signing secret'],
];

const STRIPE = /^(sk|rk|pk)_(test|live)_/;
const STRIPE_KIND: Record<string, string> = { sk: 'secret key', rk: 'restricted key', pk: 'publishable key' };

export function identifyToken(token: string): TokenFormat | undefined {
  const s = STRIPE.exec(token);
  if (s) return { vendor: 'Stripe', kind: `${s[2]} ${STRIPE_KIND[s[1]!]}`, env: s[2] as 'test' | 'live' };
  for (const [re, vendor, kind] of PREFIXES) if (re.test(token)) return { vendor, kind };
  return undefined;
}

export function describeFormat(f: TokenFormat): string {
  return `${f.vendor} ${f.kind}`;
}
