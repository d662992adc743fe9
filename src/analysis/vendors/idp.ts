// Where the identity provider answers: the endpoints by path live in src/http/idp-endpoints.ts
// (the worker's capture reads them too); here, the hosts that only serve sign-in. A request
// matching either is a conversation with an identity provider, whose answers are about the
// sign-in flow, not about an API call.
export { IDP_ENDPOINTS, idpEndpoint, type IdpEndpoint } from '../../http/idp-endpoints.ts';

/** Hosts that serve sign-in and nothing else. */
export const IDP_HOSTS =
  /^(login\.microsoftonline\.com|login\.microsoftonline\.us|login\.live\.com|accounts\.google\.com|oauth2\.googleapis\.com|securetoken\.googleapis\.com|appleid\.apple\.com|accounts\.spotify\.com|[\w-]+\.auth\.[\w-]+\.amazoncognito\.com|login\.salesforce\.com)$/;
