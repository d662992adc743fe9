// Credentials in request headers other than Authorization and Cookie: X-API-Key (AWS API Gateway),
// api-key (Azure OpenAI), Ocp-Apim-Subscription-Key (Azure APIM), PRIVATE-TOKEN (GitLab),
// X-Shopify-Access-Token, X-Vault-Token, and any header the vocabulary reads as a credential.
import type { Header } from '../types.ts';
import { isCredentialHeader } from './vocabulary.ts';

/** Read on their own (authorization.ts, cookies.ts). */
const OWN_READERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'cookie2']);

export function findApiKeys(headers: readonly Header[]): Header[] {
  return headers.filter((h) => !OWN_READERS.has(h.name.toLowerCase()) && isCredentialHeader(h.name, h.value));
}
