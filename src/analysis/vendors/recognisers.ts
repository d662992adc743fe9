// What a refusal says, by class: the words vendors use for an expired, revoked or foreign token, a
// locked account, a rate limit, a disabled API, a CSRF check... Rows of plain data, most specific
// first; each names the finding id its words mean. They read the codes and sentences a response
// states (body fields, error headers, a challenge's error_description, a page's visible text), so
// a vendor no row names is still understood. Vendor-specific codes live in signatures.ts.
import type { FindingId } from '../catalogue.ts';

export interface Recogniser {
  id: FindingId;
  /** matched against lower-cased codes and sentences; bounded patterns only (no nested repeats) */
  words: RegExp;
}

export const RECOGNISERS: readonly Recogniser[] = [
  {
    id: 'account-locked',
    words:
      /account (is |has been )?(temporarily )?(locked|blocked|suspended|disabled|deactivated)|(password|login|sign[- ]?in|logon|authentication) attempts (limit )?exceeded|exceeded (the )?(maximum )?(number of )?(failed )?(password |login |sign[- ]?in )?attempts|locked[_ ]?out|user (is )?(locked|blocked|disabled)|too[_ ]many[_ ](failed[_ ]|unsuccessful[_ ]|incorrect[_ ]|consecutive[_ ])?(login[_ ]|sign[- ]?in[_ ]|logon[_ ])?attempts|captcha|password (has )?expired|password[_ ]expired|(must|need to) (change|reset) (your |the )?password|account[_ ](locked|disabled|inactive|suspended)|user[_ ]disabled|account (is )?not fully set up|(pending|outstanding) required actions?|required actions? (pending|outstanding)|account (is )?(inactive|not (yet )?activ(e|ated))|user[_ ](inactive|not[_ ]active)|aadsts500(53|55|57)\b/,
  },
  {
    // The server's own words that the request's time is too far from its clock (Azure Storage
    // "Request date header too old", S3 RequestTimeTooSkewed, HMAC APIs' timestamp windows): a clock
    // to sync, not a credential to replace.
    id: 'clock-skew',
    words:
      /request (date|time)( header)? (is )?too (old|far|skewed)|request ?time ?too ?skewed|\bclock[_ -]skew|\btime[_ -]skew|(request |the )?(timestamp|date header|x-(ms|amz)-date)( header)? (is )?(too old|too far|expired|out of range|outside (of )?(the )?(allowed|acceptable|valid) (range|window|time))|difference between the request time and the (current|server) time is too large|request (is|was) (made )?too (far|long) (in the past|ago|in the future)/,
  },
  {
    id: 'ip-not-allowed',
    words:
      /\bip (address )?(is )?(not (allowed|permitted|authori[sz]ed|whitelisted)|blocked|denied)|ip allow ?list|ip (whitelist|allowlist|restriction)|\bip[_ ]restricted|not in the (ip )?allow ?list|(client|source|your) ip( address)? (is )?not|ip address is not permitted|network (rule|acl|policy|restriction)s? (deny|denied|block)|firewall rules?|blocked by (your |the )?[\w ]{0,40}firewall|forbiddenbyfirewall|client address is not authori[sz]ed|\bip (address )?'?[\d.:a-f]{3,45}'? is not (allowed|permitted|authori[sz]ed)|web app you have attempted to reach has blocked your access|not[_ ]on[_ ](the[_ ])?(ip[_ ])?access[_ ]list|source[_ ]?ip[_ ]?(address[_ ]?)?(mismatch|not|is not|restriction)|(from|using) (this|the|your|an?) (source|client|remote|caller'?s?) ip\b|request(ing)? ip (address )?(is )?not (allowed|permitted|authori[sz]ed)|ip address restriction|originating ip address|api_key_(ip_address|http_referrer|android_app|ios_app|service)_blocked|(requests?|calls?) from (the )?(referr?er|origin|ip|location|app|application)\b[^.]{0,120}? (are|is) (blocked|not allowed|denied)|referr?er (restriction|is not allowed|not allowed|blocked)|from location:? [\d.:a-f]{3,45}/,
  },
  {
    id: 'api-not-enabled',
    words:
      /has not been used in project|service_disabled|accessnotconfigured|api (is )?not enabled|api has not been enabled|(service|api) is disabled|it is disabled\. enable it|not registered to use namespace|missingsubscriptionregistration|subscription is not registered|enable it by visiting/,
  },
  {
    id: 'rate-limited',
    words:
      /rate[_ -]?limit|too many requests|toomanyrequests|throttl|slow ?down|request limit exceeded|requestlimitexceeded|quota (exceeded|exhausted)|exceeded (your |the )?(current )?quota|insufficient[_ ]quota|quotaexceeded|resource[_ ]exhausted|ratelimited|calls per second|limit exceeded/,
  },
  {
    id: 'csrf-rejected',
    words:
      /csrf|xsrf|no valid crumb|crumb (was )?(missing|invalid|expired)|cookie[_ ]invalid[_ ]nonce|nonce (verification|check) failed|anti-?forgery|authenticity token|request verification token|invalidauthenticitytoken|page expired|unable to verify your data submission/,
  },
  {
    // A credential valid in one environment used in the other: Twilio "not accessible with Test Account
    // Credentials", Stripe "a similar object exists in live mode, but a test mode key was used",
    // SignatureAPI "a live resource with a test API key", YouCanPay "Sandbox key used on live mode".
    // Before the permission words: "resource not accessible" is said of the environment here.
    id: 'token-wrong-environment',
    words:
      /(test|sandbox|live|production)[- ](mode[- ])?(account[- ])?(api[- ])?(key|credential|token|secret)s? (was |were |is )?used (on|in|for|with|against) (the |a )?(live|production|test|sandbox)|\bwith (a |the )?(test|sandbox|live|production)[- ](mode[- ])?(account[- ])?(api[- ])?(keys?|credentials|tokens?)\b|similar object exists in (live|test) mode|(test|live)[- ]mode (api )?key was used/,
  },
  {
    id: 'client-certificate-required',
    words:
      /no required ssl certificate was sent|ssl certificate error|client certificate|certificate (is )?required|403\.7|secure sockets layer \(ssl\) client certificate|peer did not return a certificate|ssl_client_verify|mutual tls|mtls/,
  },
  {
    id: 'token-lifetime-too-long',
    words:
      /too far (in|into) the future|lifetime (is )?too long|short-lived token|token lifetime|exceeds (the )?max(imum)? (token )?(lifetime|validity)|max(imum)? (token )?lifetime/,
  },
  {
    // A password where the service only takes a token (GitHub, GitLab with 2FA, Bitbucket, Docker Hub):
    // the credential sent is refused as a kind. Before token-expired: GitLab's answer lists "expired"
    // among what a token might have been.
    id: 'token-rejected',
    words:
      /password authentication[^.]{0,30}(not supported|removed|no longer supported|deprecated|disabled)|required to use a (personal access )?token|use (a|an) (personal access |access |api )?token instead|(stopped|no longer) support(ing)? (account )?passwords|please use (a )?personal access token|app passwords are (recommended|required)|basic auth(entication)? with (a )?passwords? is (deprecated|not supported)/,
  },
  { id: 'token-not-yet-valid', words: /not (yet )?valid yet|token used before|before (its )?nbf|not before/ },
  {
    id: 'session-expired',
    words:
      /session (has |is )?(expired|timed out|invalid|not active|no longer valid|not found|terminated)|invalid[_ ]session|session[_ ](expired|invalid|not[_ ]found)|sessionexpired|session timeout|invalid_session_id/,
  },
  {
    // A sentence that lists several causes ("invalid, expired, or revoked", "expired or revoked")
    // states none of them: the credential was refused, the vendor does not say why.
    id: 'token-rejected',
    words:
      /\b(invalid|expired|revoked|malformed|incorrect|unknown|disabled|deleted|inactive|missing)(,? or |, (and |or )?|\/| and\/or )(has been |has |is |was )?(invalid|expired|revoked|malformed|incorrect|unknown|disabled|deleted|inactive|missing)\b/,
  },
  { id: 'token-revoked', words: /revoked|revocation|token_revoked|has been invalidated/ },
  {
    id: 'token-expired',
    words:
      /(?<!(\bnot|n't|never) )\bexpired\b|expiredtoken|token[_ ]?expired|_expired\b|\bexpired[_ ]?(access[_ ]?|api[_ ]?|auth(entication)?[_ ]?|bearer[_ ]?|id[_ ]?)?(token|key|credentials?|jwt|signature)|not valid in the specified time frame|is no longer valid|exp claim .{0,20}past/,
  },
  {
    id: 'token-wrong-audience',
    words:
      /\baudience\b|\baud\b (claim|mismatch|is)|invalid[_ ]?audience|wrong recipient|invalidaudience|aud claim|not (issued|intended|meant|valid) for this (resource|api|service|server)|(issued|intended|minted) for (another|a different) (resource|api|service|server|client|application)/,
  },
  { id: 'issuer-mismatch', words: /\bissuer\b|\biss\b claim|iss claim|invalid[_ ]?issuer|invalidissuer/ },
  {
    id: 'insufficient-scope',
    words:
      /insufficient[_ ](\w+[_ ])?scopes?|missing[_ ](required[_ ])?scope|scope[_ ]insufficient|required scopes?\b|does not (have|contain) (the )?(required )?scopes?|approval for [\w:.-]{1,60} scope|requires (the |a )?[\w:.-]{1,60} scope|scopes? (do|does) not (match|include|allow)|scope_insufficient|not_allowed_token_type|not been granted the required scopes?|requires one of the following scopes|following scopes? (are|is) required|required (roles|scopes?|permissions?|access|privileges)\s*:|access scopes?\b|permission would allow|missing (application|delegated|app|oauth|api|token) (roles|scopes|permissions)|\b(token|key|app|application|integration|client|credential)\b[^.]{0,160}? (does not|doesn't|do not) have (the )?(required|necessary|needed|sufficient) (permissions?|scopes?|privileges?)/,
  },
  {
    // A second factor, or a sign-in fresher than the one behind the credential: Firebase
    // CREDENTIAL_TOO_OLD_LOGIN_AGAIN (auth/requires-recent-login), Supabase reauthentication_needed and
    // insufficient_aal, GitHub "Must specify two-factor authentication OTP code", Rocket.Chat
    // totp-required, Heroku "second authentication factor".
    id: 'step-up-required',
    words:
      /(mfa|multi-?factor|two-?factor|2fa|2-step)( authentication| verification)?[_ ](is )?required|requires? (the use of )?(an? )?(mfa|multi-?factor|two-?factor|2fa)|(must|need to|have to|required to) (use|complete|perform|pass|satisfy|set up|enrol+ in|register for) (an? )?(mfa|multi-?factor|two-?factor|2fa|strong authentication|additional authentication)|strong authentication (is )?required|step[- ]up|two[_ -]factor[_ ](authentication[_ ])?(otp[_ ])?(code[_ ])?(is[_ ])?required|must specify two-factor|(verify|provide) (their |your |a )?second factor|second (authentication )?factor (is |or [\w-]{1,30} )?(is )?required|one[- ]time (password|passcode|code) (is )?required|\b(otp|totp|2fa)[_ -](code[_ ])?(is[_ ])?required|(credential|login|sign[_ -]?in|authentication)s?[_ ](is[_ ])?too[_ ]old|requires?[_ -]recent[_ -](login|sign[_ -]?in|authentication)|recent (login|sign[- ]?in|authentication) (is )?required|re-?auth(entication)?[_ ](nonce[_ ])?(is[_ ])?(required|needed|missing)|re-?authenticate[_ ](is[_ ])?required|insufficient[_ ](user[_ ])?authentication([_ ]context)?\b|insufficient[_ ]aal\b/,
  },
  {
    id: 'no-credentials',
    words:
      /missing (authentication|credentials?|api[_ ]key|token|authorization|bearer)|^not authenticated\.?$|credentials were not provided|failed to resolve api key|(authorization|api[_ ]?key|token) (field |header )?(is )?missing|no [\w ]{0,30}(tokens?|api keys?|credentials?) (were|was) (supplied|provided|sent)|no (api[_ ]key|token|credentials?|authorization header)( was)? (provided|supplied|found|sent|given)|did(n'?t| not) provide (an? )?(api[_ ]key|token|credentials?)|credentials (are )?missing|not_authed|requires authentication|authentication (is )?required|missing subscription key|must (be )?(authenticated|logged in)|you must log ?in( first)?|not logged in|rest_not_logged_in|credentials_missing|unauthenticated request|(authentication|auth|login) credentials? (were |was )?not found|did(n'?t| not) include (an? )?(api[_ ]key|token|credentials?|authorization)|(?<!valid )(authorization|api[_ ]?key|access[_ ]token) (header |field |parameter )?(is )?required|^unauthenticated$/,
  },
  {
    id: 'token-rejected',
    words:
      /invalid (oauth2?|access|auth|authentication|bearer|app|application|application-id|app-id|client|api|user|security|personal access)( or [\w-]{1,30})? (api[_ -]?)?(key|token|credentials?)\b|(access[_ ]token|api[_ ]?key|api[_ ]token|acl[_ ]token|credential)s?[_ ]not[_ ]found|acl not found|\btoken[_ ]not[_ ]found|(token|api[_ ]?key|credential) does not exist|(api[_ ]?key|access[_ ]token|api[_ ]token|credentials?) (is |are )?(invalid|not valid|incorrect|unknown|not recogni[sz]ed)|unknown (x-[\w-]{1,30}-(key|token)|api[_ ]?key|access[_ ]token|api[_ ]token)|authentication[_ ]error|invalid[_ -]?(x-)?(api[_ -]?key|token|access[_ ]token|auth|credentials?|key|signature|password|subscription key|bearer)|bad credentials|incorrect (api key|password|username)|unrecognized login|wrong password|authentication_error|authentication_denied|authentication failed|access token validation failure|token (is )?(invalid|not valid|malformed|not recognized)|unable to authenticate|bad[_ ]?jwt|jwt (is )?(malformed|invalid)|signature (verification )?failed|could not be authenticated|not a valid (key|token)|a valid [\w`'-]{0,40}(api[_ -]?key|token|credentials?)`?( header)? (must be sent|is required)|unrecognizedclient|invalidclienttokenid|invalidaccesskeyid/,
  },
  {
    id: 'forbidden-authenticated',
    words:
      /permission denied|not authori[sz]ed to (perform|access)|access denied|accessdenied|does not have (the )?(required )?permissions?|insufficient (privileges|permissions)|is not allowed to|not permitted to|\b(are|am) not allowed to|authorizationpermissionmismatch|resource not accessible|(do|does)(n't| not) have (the )?(required |necessary |sufficient )?(permissions?|access|rights?|privileges?|authori[sz]ation) (to|for)\b|access[_ -]denied|^forbidden$|shared with (your|the|this) (integration|app|application|bot|connection)|is missing the [\w/ .:-]{1,60} permission|missing (the )?(required )?permissions?\b|lacks? (the )?[\w/ .:-]{0,40}permissions?\b|not enough permissions|violates row-level security|row-level security policy|insufficient[_ ]privilege/,
  },
];

/**
 * What a refusal says of the resource or the account's plan rather than of the caller: an archived
 * repository, a read-only mode or replica, maintenance, a billing problem or a plan that lacks the
 * feature. Sending other credentials would not help, so such a 403 is not an auth failure.
 */
export const RESOURCE_STATE =
  /\b(repository|repo|project|workspace|space|channel|board|document|organi[sz]ation|site|database|instance|server|cluster|bucket) (was|is|has been)( now| currently| temporarily)? (archived|read[- ]only|in maintenance|under maintenance)\b|\barchived (repository|repo|project|workspace)\b|\bindex read[- ]only\b|(cannot|can't|may not) (publish|overwrite|upload) over|previously published version|version already exists|read[- ]only (mode|secondary|replica)|maintenance mode|billing (issue|problem|error)|(upgrade|change) your (plan|subscription)|(your|the|this)( [\w-]{1,20})? (plan|subscription|tier) (does not|doesn't) (include|allow|support)|not (available|included) (on|in) (your|the|this) (current )?(plan|tier|subscription)/;
