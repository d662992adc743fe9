// The MCP server's token verifier (the SDK's OAuthTokenVerifier): a JWT access token from the
// lab's provider, signed by its keys, issued for this resource (RFC 8707 audience), unexpired.
// https://www.rfc-editor.org/rfc/rfc9068
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { describe as describeJwtError } from '../jwt.ts';

export interface VerifierOptions {
  issuer: string;
  jwks: JWTVerifyGetKey;
  /** this endpoint's resource identifier */
  resource: string;
}

export function jwtVerifier(o: VerifierOptions): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      try {
        const { payload } = await jwtVerify(token, o.jwks, { issuer: o.issuer, audience: o.resource, typ: 'at+jwt' });
        return {
          token,
          clientId: typeof payload.client_id === 'string' ? payload.client_id : '',
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          expiresAt: payload.exp,
          resource: new URL(o.resource),
        };
      } catch (e) {
        // requireBearerAuth turns this into 401 `error="invalid_token"` with the reason
        throw new InvalidTokenError(describeJwtError(e));
      }
    },
  };
}
