// The families the finding catalogue groups ids into, in the order docs/findings.md and
// findings.html show them. A new family is one line here.
export const FAMILIES = {
  http: 'HTTP authentication (RFC 9110)',
  bearer: 'Bearer tokens and OAuth resource servers',
  dpop: 'DPoP (RFC 9449)',
  digest: 'Digest (RFC 7616)',
  basic: 'Basic (RFC 7617)',
  negotiate: 'Negotiate and NTLM (RFC 4559)',
  proxy: 'Proxies',
  tokens: 'Tokens',
  transport: 'How credentials travel',
  browser: 'Causes in the browser',
  forbidden: '403: known, but not allowed',
  limits: 'Refused for another reason: limits, locked accounts, networks, disabled APIs',
  oauth: 'Sign-in flows: OAuth and OpenID Connect, login pages',
  vendors: 'Vendors and services in front of the API',
  patterns: 'Patterns across requests',
  discovery: 'Discovery: protected resource and authorization server metadata',
} as const;

export type Family = keyof typeof FAMILIES;
