// Opaque tokens named by their prefix: naming the issuer tells the developer where to look.
// Prefixes from each vendor's docs (GitHub token formats blog 2021, Stripe API keys, Slack
// token types, Google OAuth, AWS IAM unique id prefixes).
const FORMATS: [RegExp, string][] = [
  [/^github_pat_/, 'GitHub fine-grained personal access token'],
  [/^ghp_/, 'GitHub personal access token'],
  [/^gho_/, 'GitHub OAuth token'],
  [/^ghu_/, 'GitHub user-to-server token'],
  [/^ghs_/, 'GitHub server-to-server token'],
  [/^ghr_/, 'GitHub refresh token'],
  [/^glpat-/, 'GitLab personal access token'],
  [/^xoxb-/, 'Slack bot token'],
  [/^xoxp-/, 'Slack user token'],
  [/^xox[aers]-/, 'Slack token'],
  [/^sk_test_/, 'Stripe secret key (test mode)'],
  [/^sk_live_/, 'Stripe secret key (live mode)'],
  [/^rk_test_/, 'Stripe restricted key (test mode)'],
  [/^rk_live_/, 'Stripe restricted key (live mode)'],
  [/^pk_test_/, 'Stripe publishable key (test mode)'],
  [/^pk_live_/, 'Stripe publishable key (live mode)'],
  [/^ya29\./, 'Google OAuth access token'],
  [/^AIza[0-9A-Za-z_-]{10,}/, 'Google API key'],
  [/^AKIA[0-9A-Z]{12,}/, 'AWS long-term access key id'],
  [/^ASIA[0-9A-Z]{12,}/, 'AWS temporary access key id'],
  [/^sk-ant-/, 'Anthropic API key'],
  [/^sk-(proj-)?[A-Za-z0-9_-]{20,}/, 'OpenAI API key'],
  [/^npm_/, 'npm access token'],
  [/^SG\./, 'SendGrid API key'],
];

export function tokenFormat(token: string): string | undefined {
  const t = token.trim();
  for (const [re, name] of FORMATS) if (re.test(t)) return name;
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(t) && t.startsWith('eyJ')) return 'JWT (JWS)';
  if (/^eyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){4}$/.test(t)) return 'JWE (encrypted JWT)';
  return undefined;
}
