// Vendor knowledge as data: what a vendor's status, headers and body codes mean, with its own
// explanation, fix and documentation. A vendor is added by a row here and a fixture, not by code.
// Each row names the finding id it means; every matcher a row gives must hold. Codes are matched
// against the codes the body and the error headers state (whole code, any case); text against the
// lower-cased sentences. The class-level words (expired, revoked, locked...) are recognisers.ts.
import type { FindingId } from '../catalogue.ts';

export interface Signature {
  vendor: string;
  id: FindingId;
  /** statuses the row applies to; without it, any failure status (4xx, 5xx) */
  status?: readonly number[];
  /** the request's host */
  host?: RegExp;
  /** the request's path */
  path?: RegExp;
  /** a response header and its value */
  header?: readonly [name: string, value: RegExp];
  /** a code the response states */
  code?: RegExp;
  /** words of the response (lower case) */
  text?: RegExp;
  /** what the vendor means by it */
  explain: string;
  fix: string;
  /** the vendor's documentation of it */
  doc: string;
  /** seconds: the longest token lifetime (exp - iat) the vendor accepts */
  maxLifetime?: number;
  /** the request header the vendor reads the credential from */
  expects?: string;
}

const STRIPE_ERRORS = 'https://docs.stripe.com/error-codes';
const SLACK = 'https://docs.slack.dev/reference/methods/auth.test';
const OKTA_ERRORS = 'https://developer.okta.com/docs/reference/error-codes/';
const GOOGLE_ERRORS = 'https://cloud.google.com/apis/design/errors';
const GRAPH_ERRORS = 'https://learn.microsoft.com/en-us/graph/errors';
const AZURE_STORAGE_ERRORS = 'https://learn.microsoft.com/en-us/rest/api/storageservices/common-rest-api-error-codes';
const AWS_ERRORS = 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';
const ENTRA_ERRORS = 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes';

export const SIGNATURES: readonly Signature[] = [
  // Stripe
  {
    vendor: 'Stripe',
    id: 'token-expired',
    code: /^api_key_expired$/,
    explain: 'Stripe says the API key has expired: it was rolled or reached its expiry date.',
    fix: 'Use the current key from the Dashboard (Developers → API keys), or roll a new one.',
    doc: `${STRIPE_ERRORS}#api-key-expired`,
  },
  // Salesforce
  {
    vendor: 'Salesforce',
    id: 'session-expired',
    code: /^INVALID_SESSION_ID$/,
    explain:
      'Salesforce says the session id (the access token) expired or was invalidated: its session timeout ' +
      'passed, the user logged out, or an admin revoked it.',
    fix: 'Get a new access token (refresh token flow or log in again) and retry.',
    doc: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm',
  },
  // Google APIs (google.rpc.ErrorInfo reasons)
  {
    vendor: 'Google Cloud',
    id: 'api-not-enabled',
    code: /^(SERVICE_DISABLED|accessNotConfigured)$/i,
    explain:
      'Google says the API is not enabled for the project the request is billed to (the project of the ' +
      'credential, or x-goog-user-project).',
    fix: 'Enable the API in the Cloud console (APIs & Services → Library) or `gcloud services enable`, then retry.',
    doc: 'https://cloud.google.com/service-usage/docs/enable-disable',
  },
  {
    vendor: 'Google APIs',
    id: 'token-expired',
    code: /^ACCESS_TOKEN_EXPIRED$/,
    explain: 'Google says the OAuth access token expired (they live an hour).',
    fix: 'Refresh the access token with the refresh token and retry.',
    doc: GOOGLE_ERRORS,
  },
  {
    vendor: 'Google APIs',
    id: 'insufficient-scope',
    code: /^ACCESS_TOKEN_SCOPE_INSUFFICIENT$/,
    explain: 'Google says the access token was granted without a scope this method needs.',
    fix: 'Request the token again with the scope the method documents (the user consents again).',
    doc: GOOGLE_ERRORS,
  },
  {
    vendor: 'Google APIs',
    id: 'rate-limited',
    code: /^(rateLimitExceeded|userRateLimitExceeded|quotaExceeded|dailyLimitExceeded|RESOURCE_EXHAUSTED|RATE_LIMIT_EXCEEDED)$/,
    explain: 'Google says a quota or rate limit was reached; the credentials were accepted.',
    fix: 'Retry with exponential backoff; request a higher quota if it persists.',
    doc: 'https://developers.google.com/workspace/drive/api/guides/handle-errors',
  },
  // Microsoft
  {
    vendor: 'Azure Resource Manager',
    id: 'api-not-enabled',
    code: /^MissingSubscriptionRegistration$/,
    explain:
      'Azure says the subscription is not registered for the resource provider (the namespace in the message), ' +
      'so the request never reached a permission check.',
    fix: 'Register the provider: `az provider register --namespace <Namespace>` (or the portal’s Resource providers).',
    doc:
      'https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/' +
      'error-register-resource-provider',
  },
  {
    vendor: 'Azure Storage',
    id: 'ip-not-allowed',
    code: /^AuthorizationFailure$/,
    status: [403],
    explain:
      'Azure Storage answers AuthorizationFailure when the account’s firewall or virtual network rules refuse ' +
      'the caller’s network (a missing role answers AuthorizationPermissionMismatch instead).',
    fix: 'Add the client’s IP or virtual network to the storage account’s Networking rules (or a private endpoint).',
    doc: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
  },
  {
    vendor: 'Azure Storage',
    id: 'forbidden-authenticated',
    code: /^AuthorizationPermissionMismatch$/,
    explain: 'Azure Storage says the identity has no data role for this operation (RBAC).',
    fix: 'Assign a Storage Blob Data role (Reader, Contributor...) on the account or container.',
    doc: AZURE_STORAGE_ERRORS,
  },
  {
    vendor: 'Azure Storage',
    id: 'token-expired',
    text: /signature not valid in the specified time frame|signed expiry time .{0,40} (has to be|must be) after/,
    explain: 'Azure Storage says the shared access signature is outside its validity window (st to se).',
    fix: 'Generate a new SAS with a later expiry (se); keep start time (st) a few minutes in the past for clock skew.',
    doc: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview',
  },
  {
    vendor: 'Azure API Management',
    id: 'no-credentials',
    text: /missing subscription key/,
    expects: 'Ocp-Apim-Subscription-Key',
    explain:
      'Azure API Management reads the subscription key from the Ocp-Apim-Subscription-Key header (or the ' +
      'subscription-key query parameter) and found none there.',
    fix: 'Send the key in Ocp-Apim-Subscription-Key (a Bearer token does not replace it unless the API says so).',
    doc: 'https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions',
  },
  {
    vendor: 'Microsoft Graph',
    id: 'insufficient-scope',
    code: /^Authorization_RequestDenied$/,
    explain:
      'Graph says the token does not carry a permission this operation needs: a delegated scope (scp) or an ' +
      'application role (roles) not granted or not consented, or a directory role the signed-in user lacks.',
    fix: 'Add the permission the method’s page lists to the app registration, grant admin consent, get a new token.',
    doc: 'https://learn.microsoft.com/en-us/graph/resolve-auth-errors',
  },
  {
    vendor: 'Microsoft Graph',
    id: 'token-rejected',
    code: /^InvalidAuthenticationToken$/,
    explain: 'Microsoft Graph refused the access token (expired, for another audience, or not a Graph token).',
    fix: 'Get a token for https://graph.microsoft.com with the scopes the call needs.',
    doc: GRAPH_ERRORS,
  },
  {
    vendor: 'Microsoft Entra ID',
    id: 'account-locked',
    text: /aadsts50053|aadsts50055|aadsts50057/,
    explain:
      'Entra ID refuses the sign-in for the account itself: locked after too many failed attempts (AADSTS50053), ' +
      'password expired (AADSTS50055) or disabled (AADSTS50057).',
    fix: 'Wait for the lockout to pass or reset the password; an admin can unlock or enable the account.',
    doc: ENTRA_ERRORS,
  },
  // AWS
  {
    vendor: 'AWS',
    id: 'rate-limited',
    code: /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|SlowDown|ProvisionedThroughputExceededException|RequestThrottled)$/,
    explain: 'AWS throttled the call: too many requests for the account, the API or the resource.',
    fix: 'Retry with exponential backoff and jitter (the SDKs do); ask for a quota increase if it persists.',
    doc: 'https://docs.aws.amazon.com/general/latest/gr/api-retries.html',
  },
  {
    vendor: 'Amazon S3',
    id: 'token-expired',
    code: /^AccessDenied$/,
    text: /request has expired/,
    explain: 'S3 says the presigned URL has expired: X-Amz-Date plus X-Amz-Expires is before its own clock.',
    fix: 'Presign a new URL (at most 7 days; no longer than the credentials that signed it live).',
    doc: AWS_ERRORS,
  },
  // GitHub
  {
    vendor: 'GitHub',
    id: 'rate-limited',
    host: /(^|\.)github\.com$/,
    text: /secondary rate limit|api rate limit exceeded/,
    explain:
      'GitHub says a rate limit was reached: the primary limit (X-RateLimit-Remaining: 0 until X-RateLimit-Reset) ' +
      'or a secondary limit on bursts and concurrency (Retry-After). The token is fine.',
    fix: 'Wait until X-RateLimit-Reset (or Retry-After), then slow down: serialise requests, use conditional requests.',
    doc: 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api',
  },
  {
    vendor: 'GitHub',
    id: 'ip-not-allowed',
    host: /(^|\.)github\.com$/,
    text: /ip allow list/,
    explain:
      'The organization or enterprise only accepts requests from addresses on its IP allow list, and this ' +
      'one is not on it. The token itself is accepted.',
    fix: 'Call from an allowed address (a runner or proxy on the list), or ask an owner to add this one.',
    doc:
      'https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-security-settings-for-your-' +
      'organization/managing-allowed-ip-addresses-for-your-organization',
  },
  {
    vendor: 'GitHub',
    id: 'token-lifetime-too-long',
    host: /(^|\.)github\.com$/,
    path: /^\/app(\/|$)/,
    maxLifetime: 600,
    explain: 'A GitHub App authenticates with a JWT whose exp is at most 10 minutes after iat.',
    fix: 'Sign the JWT with iat 60 s in the past and exp at most 10 minutes later.',
    doc:
      'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/' +
      'generating-a-json-web-token-jwt-for-a-github-app',
  },
  // Apple
  {
    vendor: 'App Store Connect',
    id: 'token-lifetime-too-long',
    host: /^api\.appstoreconnect\.apple\.com$/,
    status: [401],
    maxLifetime: 1200,
    explain:
      'App Store Connect refuses tokens whose exp is more than 20 minutes after iat, and says only NOT_AUTHORIZED.',
    fix: 'Sign a new token with exp at most 20 minutes after iat (and kid, iss, aud "appstoreconnect-v1").',
    doc: 'https://developer.apple.com/documentation/appstoreconnectapi/generating-tokens-for-api-requests',
  },
  // Slack (answers 200 with ok:false)
  {
    vendor: 'Slack',
    id: 'token-rejected',
    code: /^(invalid_auth|account_inactive|not_allowed_token_type)$/,
    status: [200],
    explain: 'Slack answers 200 with ok:false: the token is not valid (mistyped, from another workspace, or deleted).',
    fix: 'Use a token from the app’s OAuth & Permissions page for this workspace.',
    doc: SLACK,
  },
  {
    vendor: 'Slack',
    id: 'token-revoked',
    code: /^(token_revoked|app_uninstalled)$/,
    status: [200],
    explain: 'Slack says the token was revoked or the app uninstalled.',
    fix: 'Reinstall the app to the workspace (or re-run OAuth) to get a new token.',
    doc: SLACK,
  },
  {
    vendor: 'Slack',
    id: 'token-expired',
    code: /^token_expired$/,
    status: [200],
    explain: 'Slack says the token expired (token rotation is on: access tokens live 12 hours).',
    fix: 'Refresh it with the refresh token (oauth.v2.access, grant_type=refresh_token).',
    doc: SLACK,
  },
  {
    vendor: 'Slack',
    id: 'no-credentials',
    code: /^not_authed$/,
    status: [200],
    explain: 'Slack says no token was provided.',
    fix: 'Send the token in Authorization: Bearer xoxb-… (or the token form field).',
    doc: SLACK,
  },
  {
    vendor: 'Slack',
    id: 'insufficient-scope',
    code: /^missing_scope$/,
    status: [200],
    explain: 'Slack says the token lacks a scope this method needs (the body names it in "needed").',
    fix: 'Add the scope in the app’s OAuth & Permissions page and reinstall the app.',
    doc: 'https://docs.slack.dev/authentication/tokens',
  },
  {
    vendor: 'Slack',
    id: 'rate-limited',
    code: /^ratelimited$/,
    explain: 'Slack rate-limited the method (Retry-After says when to try again).',
    fix: 'Wait Retry-After seconds; stay within the method’s tier.',
    doc: 'https://docs.slack.dev/apis/web-api/rate-limits',
  },
  // Okta
  {
    vendor: 'Okta',
    id: 'account-locked',
    code: /^(LOCKED_OUT|PASSWORD_EXPIRED)$/,
    status: [200, 401, 403],
    explain:
      'Okta’s authentication API answers with the user’s state: LOCKED_OUT after too many failed sign-ins, ' +
      'PASSWORD_EXPIRED when the password must be changed.',
    fix: 'Unlock the user (self-service unlock or an admin) or change the password, then sign in again.',
    doc: 'https://developer.okta.com/docs/reference/api/authn/#transaction-state',
  },
  {
    vendor: 'Okta',
    id: 'token-rejected',
    code: /^E0000011$/,
    explain: 'Okta says the API token (SSWS) is invalid: revoked, expired after 30 days unused, or mistyped.',
    fix: 'Create a new API token (Security → API → Tokens) and send it as Authorization: SSWS <token>.',
    doc: OKTA_ERRORS,
  },
  {
    vendor: 'Okta',
    id: 'rate-limited',
    code: /^E0000047$/,
    explain: 'Okta says the org’s rate limit for this endpoint was exceeded (X-Rate-Limit-Reset says until when).',
    fix: 'Wait until X-Rate-Limit-Reset; spread calls or raise the limit.',
    doc: 'https://developer.okta.com/docs/reference/rl-best-practices/',
  },
  // Atlassian
  {
    vendor: 'Atlassian',
    id: 'account-locked',
    header: ['x-authentication-denied-reason', /./],
    status: [200, 401, 403],
    explain:
      'Jira or Confluence refuse Basic authentication for the account until the user passes a CAPTCHA in the ' +
      'browser (X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE), after repeated failed logins.',
    fix: 'Log in once through the web page (the login-url in the header) to clear the CAPTCHA; use an API token.',
    doc: 'https://developer.atlassian.com/server/jira/platform/basic-authentication/',
  },
  {
    vendor: 'Atlassian',
    id: 'token-rejected',
    header: ['x-seraph-loginreason', /AUTHENTICATION_DENIED|AUTHENTICATED_FAILED/i],
    status: [200, 401, 403],
    explain:
      'Jira says the login failed (X-Seraph-LoginReason), and may still answer 200 as an anonymous user: ' +
      'the user name or password is wrong.',
    fix: 'Check the user name and password, or use an API token / personal access token.',
    doc: 'https://developer.atlassian.com/server/jira/platform/basic-authentication/',
  },
  // Twilio
  {
    vendor: 'Twilio',
    id: 'token-rejected',
    code: /^20003$/,
    host: /(^|\.)twilio\.com$/,
    explain: 'Twilio error 20003: the Account SID and Auth Token (or API key and secret) do not match.',
    fix: 'Use the Account SID as user name and its Auth Token (or an API key SID and secret) as password.',
    doc: 'https://www.twilio.com/docs/api/errors/20003',
  },
  // WordPress
  {
    vendor: 'WordPress',
    id: 'csrf-rejected',
    code: /^rest_cookie_invalid_nonce$/,
    explain:
      'WordPress checks a nonce (X-WP-Nonce) on every cookie-authenticated REST request; this one is missing, ' +
      'expired (12–24 h) or from another session.',
    fix: 'Send a fresh nonce from wp_create_nonce("wp_rest") (wpApiSettings.nonce) in X-WP-Nonce.',
    doc: 'https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/',
  },
  // Docker registries
  {
    vendor: 'Docker Hub',
    id: 'rate-limited',
    code: /^TOOMANYREQUESTS$/,
    explain: 'Docker Hub says the pull rate limit was reached (RateLimit-Remaining: 0 for the window).',
    fix: 'Authenticate (higher limits) or wait for the window; mirror the images you pull often.',
    doc: 'https://docs.docker.com/docker-hub/usage/',
  },
  // Kong (and the gateways built on it, such as Supabase's)
  {
    vendor: 'Kong',
    id: 'no-credentials',
    text: /no api key found in (request|headers or querystring)/,
    expects: 'apikey',
    explain:
      'Kong’s key-auth plugin reads the key only from the header or query parameter named in its key_names ' +
      '(apikey unless configured otherwise), and found none there; a key in Authorization is not read.',
    fix: 'Send the key in the apikey header (or ?apikey=), or the name the route’s key_names configures.',
    doc: 'https://docs.konghq.com/hub/kong-inc/key-auth/',
  },
  {
    vendor: 'CircleCI',
    id: 'no-credentials',
    host: /(^|\.)circleci\.com$/,
    text: /you must log in first/,
    expects: 'Circle-Token',
    explain:
      'CircleCI’s API reads a personal or project API token from the Circle-Token header (or Basic with the ' +
      'token as user name), and found none it accepts.',
    fix: 'Send the token in the Circle-Token header.',
    doc: 'https://circleci.com/docs/api/v2/index.html#section/Authentication',
  },
  {
    vendor: 'OpenStack Keystone',
    id: 'no-credentials',
    header: ['www-authenticate', /^\s*keystone\b/i],
    expects: 'X-Auth-Token',
    explain:
      'OpenStack services read the Keystone token from the X-Auth-Token header; the WWW-Authenticate: Keystone ' +
      'challenge says none was found there.',
    fix: 'Send the token from POST /v3/auth/tokens (its X-Subject-Token) in X-Auth-Token.',
    doc: 'https://docs.openstack.org/api-guide/compute/authentication.html',
  },
  // OpenAI, Anthropic
  {
    vendor: 'OpenAI',
    id: 'rate-limited',
    code: /^insufficient_quota$/,
    explain: 'OpenAI says the account has no quota left (billing), not that the key is wrong.',
    fix: 'Check the plan and billing details, or use a key from a project with credit.',
    doc: 'https://platform.openai.com/docs/guides/error-codes/api-errors',
  },
  {
    vendor: 'OpenAI',
    id: 'no-credentials',
    text: /you didn'?t provide an api key/,
    expects: 'Authorization',
    explain: 'OpenAI reads the key only from Authorization: Bearer <key>, and found none there.',
    fix: 'Send Authorization: Bearer <key> (spelled exactly so).',
    doc: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  // Supabase
  {
    vendor: 'Supabase',
    id: 'refresh-token-reused',
    code: /^refresh_token_already_used$/,
    explain:
      'Supabase rotates refresh tokens: each can be used once (after a short reuse interval), and this one ' +
      'was used before, often by two tabs or a retried request refreshing at the same time.',
    fix: 'Refresh from one place (the client library’s auto-refresh) and store the new refresh token each time.',
    doc: 'https://supabase.com/docs/guides/auth/sessions#refresh-token-reuse-detection',
  },
  // Auth0
  {
    vendor: 'Auth0',
    id: 'account-locked',
    code: /^too_many_attempts$/,
    explain:
      'Auth0’s brute-force protection blocked the account for this IP after consecutive failed logins; the ' +
      'user gets an email to unblock it.',
    fix: 'Unblock through the email link or the Dashboard (User Management → Users → Unblock).',
    doc: 'https://auth0.com/docs/secure/attack-protection/brute-force-protection',
  },
];
