// How servers ask for a second factor or a fresher sign-in outside RFC 9470's Bearer error: a
// challenge scheme for a one-time password (npm's "WWW-Authenticate: OTP"), a header announcing it
// (GitHub's "X-GitHub-OTP: required; app"), and the error codes identity providers use for "the
// sign-in behind this token is too weak or too old". The words of a body are recognisers.ts's.

/** Challenge schemes that ask for a one-time code, not for the credential's scheme. */
export const SECOND_FACTOR_SCHEME = /^(otp|totp|mfa|2fa|two-?factor)$/i;

/** Response headers that say a one-time code must come with the request (X-GitHub-OTP and kin). */
export const OTP_HEADER = /^x-([\w-]+-)?(otp|2fa|mfa)(-required)?$/i;
export const OTP_REQUIRED = /\brequired\b/i;

/** Error codes for a sign-in too weak or too old (RFC 9470, and Okta's name for the same). */
export const STEP_UP_ERROR = /^(insufficient_user_authentication|insufficient_authentication_context)$/;
