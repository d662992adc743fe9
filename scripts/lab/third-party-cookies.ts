// Third-party cookies blocked the way a user blocks them, per browser (checked on Chromium 156
// and Firefox ESR 153 with the lab's silent renew): the cookie the OpenID Provider set in a
// top-level sign-in is not sent to it from the app's cross-site iframe.

/**
 * Chromium: the profile preference behind chrome://settings/cookies, "Block third-party
 * cookies" (`profile.cookie_controls_mode`, CookieControlsMode::kBlockThirdParty = 1; kOff = 0
 * allows them), written into the profile's Default/Preferences before the browser starts.
 * Debian's Chromium 156 already blocked them in a fresh profile; the lab says which it wants.
 * https://source.chromium.org/chromium/chromium/src/+/main:components/content_settings/core/browser/cookie_settings.h
 */
export const chromiumCookiePreferences = (block: boolean): Record<string, unknown> => ({
  profile: { cookie_controls_mode: block ? 1 : 0 },
});

/**
 * Firefox: network.cookie.cookieBehavior 1 rejects every third-party cookie (0 accepts all;
 * Firefox's default 5 partitions them per top-level site, which a silent renew fails on too).
 * https://searchfox.org/mozilla-central/source/modules/libpref/init/StaticPrefList.yaml
 */
export const firefoxCookiePrefs = (block: boolean): Record<string, unknown> => ({
  'network.cookie.cookieBehavior': block ? 1 : 0,
});
