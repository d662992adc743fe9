// Not every refusal is about the credential: a rate limit or quota, an API not enabled for the
// project, an account locked (or waiting for a CAPTCHA or a password change), a network the
// service does not accept. Read from what the response says (statements) and from rate-limit
// headers; re-authenticating helps none of them.
import type { Inspection, Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { link, rfc } from '../refs.ts';
import { statedEvidence, vendorFixes } from './evidence.ts';
import type { Statement } from '../vendors/statements.ts';

export const LIMITS = defineFindings('limits', {
  'rate-limited': {
    title: 'Rate limit or quota, not an auth failure',
    severity: 'error',
    means:
      'The credentials were accepted; the API refused because of a rate limit or a quota. Re-authenticating ' +
      'will not help: waiting (Retry-After, the reset time), backing off, or a higher quota will.',
    restsOn:
      'Status 429; Retry-After on a refusal; X-RateLimit-Remaining (or RateLimit-Remaining, X-Rate-Limit-' +
      'Remaining) at 0 on a 403 or 429; or the body saying so: Google reasons rateLimitExceeded, quotaExceeded, ' +
      'RESOURCE_EXHAUSTED, AWS Throttling codes, GitHub’s primary and secondary rate limit messages, Okta ' +
      'E0000047, Docker TOOMANYREQUESTS, OpenAI insufficient_quota, "too many requests" and the like.',
    fixes: [
      consumer('Wait for Retry-After or the reset time, then retry with exponential backoff and jitter.'),
      server('Send Retry-After (and RateLimit headers) with every 429 so clients know when to retry.'),
    ],
    references: [
      rfc(6585, '4'),
      rfc(9110, '10.2.3'),
      link(
        'GitHub: rate limits for the REST API',
        'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api',
      ),
    ],
  },
  'api-not-enabled': {
    title: 'API not enabled for the project or subscription',
    severity: 'error',
    means:
      'The credential is fine, but the service behind it is switched off for the project or subscription the ' +
      'call is billed to: a Google Cloud API never enabled (or disabled) in the project, an Azure subscription ' +
      'not registered for the resource provider. No permission check was even reached.',
    restsOn:
      'Google SERVICE_DISABLED / accessNotConfigured and "API has not been used in project … or it is ' +
      'disabled"; Azure MissingSubscriptionRegistration ("not registered to use namespace"); "API not enabled" ' +
      'texts of other vendors.',
    fixes: [
      consumer('Enable the API for the project (Google: APIs & Services → Library; Azure: register the provider).'),
    ],
    references: [
      link('Google Cloud: enabling services', 'https://cloud.google.com/service-usage/docs/enable-disable'),
      link(
        'Azure: resource provider registration errors',
        'https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/' +
          'error-register-resource-provider',
      ),
    ],
  },
  'account-locked': {
    title: 'Account locked, disabled or waiting for a CAPTCHA',
    severity: 'error',
    means:
      'The sign-in is refused because of the account’s state, not the password just sent: locked after too ' +
      'many failed attempts, asked to solve a CAPTCHA in the browser first, its password expired and must be ' +
      'changed, or disabled. Retrying with the same (even correct) credentials keeps failing and may extend ' +
      'the lockout.',
    restsOn:
      'Atlassian X-Authentication-Denied-Reason (CAPTCHA_CHALLENGE), Okta authn status LOCKED_OUT or ' +
      'PASSWORD_EXPIRED, Entra AADSTS50053 / 50055 / 50057, Auth0 too_many_attempts, and texts such as ' +
      '"account locked", "too many failed login attempts", "password expired", "CAPTCHA".',
    fixes: [
      consumer('Stop retrying; unlock the account (self-service, an admin, the email link) or change the password.'),
      consumer('For scripts, use an API token instead of the user’s password: tokens are not subject to lockout.'),
    ],
    references: [
      link('Okta: authentication transaction states', 'https://developer.okta.com/docs/reference/api/authn/'),
      link(
        'Atlassian: basic authentication and CAPTCHA',
        'https://developer.atlassian.com/server/jira/platform/basic-authentication/',
      ),
      link(
        'Microsoft Entra: AADSTS error codes',
        'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes',
      ),
    ],
  },
  'ip-not-allowed': {
    title: 'The caller’s network is not allowed',
    severity: 'error',
    means:
      'The credential was accepted, but the service only accepts requests from listed IP addresses or ' +
      'networks (an organization’s IP allow list, a storage account firewall, a network rule), and this ' +
      'request came from elsewhere. Looks like a permission problem from outside; new credentials do not help.',
    restsOn:
      'GitHub "IP allow list enabled, and your IP address is not permitted", Azure Storage AuthorizationFailure ' +
      '(firewall and virtual network rules), and texts such as "IP address is not allowed", "not in the allow list".',
    fixes: [
      consumer('Call from an allowed network (VPN, a listed runner or proxy), or ask the owner to add this address.'),
    ],
    references: [
      link(
        'GitHub: allowed IP addresses',
        'https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-security-settings-for-your-' +
          'organization/managing-allowed-ip-addresses-for-your-organization',
      ),
      link(
        'Azure Storage: network security',
        'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
      ),
    ],
  },
});

type LimitId = (typeof LIMITS.ids)[number];
const IDS = new Set<string>(LIMITS.ids);

/** Rate-limit headers that say the limit is used up: [header, why]. */
function exhausted(c: Inspection): string | undefined {
  for (const name of ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining']) {
    const v = c.res(name);
    if (v !== undefined && /^\s*0(\s*[;,]|\s*$)/.test(v)) return `${name}: ${v}`;
  }
  // Shopify: X-Shopify-Shop-Api-Call-Limit: 40/40
  const calls = /^(\d+)\/(\d+)$/.exec(c.res('x-shopify-shop-api-call-limit')?.trim() ?? '');
  if (calls && calls[1] === calls[2]) return `X-Shopify-Shop-Api-Call-Limit: ${calls[0]}`;
  return undefined;
}

const TITLES: Record<LimitId, string> = {
  'rate-limited': 'Rate limited',
  'api-not-enabled': 'API not enabled',
  'account-locked': 'Account locked',
  'ip-not-allowed': 'Network not allowed',
};

function draftFrom(c: Inspection, s: Statement): Draft {
  const id = s.id as LimitId;
  const vendor = s.row?.vendor;
  return LIMITS.draft(id, {
    summary: `${TITLES[id]}${vendor ? ` (${vendor})` : ''}: "${s.quote}"`,
    ...(s.row ? { explanation: s.row.explain } : {}),
    evidence: statedEvidence(c, s),
    ...(s.row ? { fixes: vendorFixes(s.row, LIMITS.meta(id).fixes) } : {}),
    ...(s.row
      ? { references: [link(`${s.row.vendor}: documentation`, s.row.doc), ...LIMITS.meta(id).references] }
      : {}),
  });
}

export const limits: Rule = (c) => {
  // Sign-in flows answer for themselves (oauth rules), and only refusals are limits.
  if (c.status < 400 && !c.failure) return [];
  const s = c.statements.find((x) => IDS.has(x.id));
  if (s) return [draftFrom(c, s)];
  const retry = c.res('retry-after');
  const used = exhausted(c);
  if (c.status === 429 || (used && c.status === 403) || (retry !== undefined && c.status === 403)) {
    const sign = used ?? (retry !== undefined ? `Retry-After: ${retry}` : `status ${c.status}`);
    return [
      LIMITS.draft('rate-limited', {
        summary: `Rate limited (${sign}): wait, then retry with backoff; the credentials are not the problem`,
        evidence: [
          ev('Status', String(c.status)),
          retry !== undefined ? ev('Retry-After', retry) : undefined,
          used ? ev('Limit', used) : undefined,
          ...statedEvidence(c, undefined),
        ],
      }),
    ];
  }
  return [];
};
