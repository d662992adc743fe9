// Vendor look-alikes. These services cannot run here, so the headers are CANNED: copied from
// each vendor's public documentation. The lab page says so next to each of these scenarios.
import { json, send, type Ctx, type Route } from './http.ts';

// {"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}, Microsoft's documented example
const ENTRA_CLAIMS = 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=';

export function vendorRoutes(): Route {
  return (c: Ctx) => {
    const p = c.url.pathname;
    if (p.startsWith('/vendor/github/')) {
      json(
        c.res,
        403,
        {
          message:
            'Resource protected by organization SAML enforcement. You must grant your Personal Access token ' +
            'access to this organization.',
          documentation_url:
            'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
        },
        {
          'X-GitHub-SSO': 'required; url=https://github.com/orgs/acme/sso?authorization_request=LAB0LOOK0ALIKE',
          'X-OAuth-Scopes': 'repo, read:org',
          'X-Accepted-OAuth-Scopes': 'repo',
          'X-GitHub-Media-Type': 'github.v3; format=json',
          'X-GitHub-Request-Id': 'C0DE:1A2B:3C4D5E:6F7081:67400000',
        },
      );
      return true;
    }
    if (p.startsWith('/vendor/graph/')) {
      json(
        c.res,
        401,
        {
          error: {
            code: 'InvalidAuthenticationToken',
            message:
              'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: ' +
              'TokenIssuedBeforeRevocationTimestamp',
          },
        },
        {
          'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${ENTRA_CLAIMS}"`,
        },
      );
      return true;
    }
    if (p.startsWith('/vendor/cloudflare/')) {
      send(
        c.res,
        403,
        '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body>Enable ' +
          'JavaScript and cookies to continue</body></html>',
        {
          'Content-Type': 'text/html; charset=UTF-8',
          'cf-mitigated': 'challenge',
          Server: 'cloudflare',
          'cf-ray': '8f0a1b2c3d4e5f60-FRA',
          'Critical-CH': 'Sec-CH-UA-Bitness, Sec-CH-UA-Arch',
        },
        'Forbidden',
      );
      return true;
    }
    if (p.startsWith('/vendor/aws/')) {
      json(
        c.res,
        403,
        { message: 'Missing Authentication Token' },
        {
          'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
          'x-amzn-RequestId': '6f1d7c9e-0000-4000-8000-1ab0c0ffee00',
          'x-amz-apigw-id': 'LAB0LOOKALIKE=',
        },
      );
      return true;
    }
    if (p === '/v2/token') {
      json(c.res, 200, { token: 'lab-registry-token', expires_in: 300 });
      return true;
    }
    if (p.startsWith('/v2/')) {
      json(
        c.res,
        401,
        {
          errors: [
            {
              code: 'UNAUTHORIZED',
              message: 'authentication required',
              detail: [{ Type: 'repository', Name: 'library/ubuntu', Action: 'pull' }],
            },
          ],
        },
        {
          'WWW-Authenticate':
            `Bearer realm="${c.primary}/v2/token",service="registry.lab",` + 'scope="repository:library/ubuntu:pull"',
          'Docker-Distribution-Api-Version': 'registry/2.0',
        },
      );
      return true;
    }
    return false;
  };
}
