// Credentials in the query string (RFC 6750 §2.3 `access_token`, and the usual key names).

const NAMES = new Set([
  'access_token',
  'api_key',
  'apikey',
  'api-key',
  'token',
  'key',
  'id_token',
  'auth_token',
  'x-amz-security-token',
]);

export interface QueryToken {
  name: string;
  value: string;
}

export function findQueryTokens(url: URL | undefined): QueryToken[] {
  if (!url) return [];
  const out: QueryToken[] = [];
  for (const [name, value] of url.searchParams) {
    if (NAMES.has(name.toLowerCase()) && value !== '') out.push({ name, value });
  }
  return out;
}

/** A presigned AWS URL carries SigV4 in the query (X-Amz-Credential / X-Amz-Signature). */
export const isPresigned = (url: URL | undefined): boolean => !!url && url.searchParams.has('X-Amz-Signature');
