// The one credential vocabulary the engine reads credentials with and the views mask with.
import { describe, expect, it } from 'vitest';
import {
  isCredentialHeader,
  isCredentialParam,
  isQueryTokenParam,
  isSecretHeader,
  isUrlHeader,
  looksLikeSecret,
  maskUrl,
} from '../../../src/analysis/index.ts';
import { signedUrl } from '../../../src/analysis/credentials/query.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('isCredentialHeader', () => {
  it.each([
    'Authorization',
    'Cookie',
    'X-API-Key',
    'api-key',
    'Ocp-Apim-Subscription-Key',
    'PRIVATE-TOKEN',
    'X-Shopify-Access-Token',
    'X-Vault-Token',
    'DD-API-KEY',
    'X-Amz-Security-Token',
    'X-Figma-Token',
    'X-Secret-Key',
    'Cf-Access-Jwt-Assertion',
    'X-Goog-Iap-Jwt-Assertion',
    'x-api-auth',
    'X-Forwarded-Authorization',
    'X-Session-Id',
  ])('%s carries a credential', (name) => {
    expect(isCredentialHeader(name, 'v4lue-0f-a-credential')).toBe(true);
    expect(isSecretHeader(name, 'v4lue-0f-a-credential')).toBe(true);
  });

  it.each(['Sec-WebSocket-Key', 'Idempotency-Key', 'Accept', 'X-Request-Id', 'X-Api-Version', 'DPoP-Nonce'])(
    '%s does not',
    (name) => {
      expect(isCredentialHeader(name, 'abc')).toBe(false);
      expect(isSecretHeader(name, 'abc')).toBe(false);
    },
  );

  it('reads any header whose value is shaped like a secret', () => {
    expect(isCredentialHeader('X-Custom', JWT)).toBe(true);
    expect(isCredentialHeader('X-Custom', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a')).toBe(true);
    expect(isCredentialHeader('X-Custom', 'hello world')).toBe(false);
    expect(isCredentialHeader('X-Api-Key', '   ')).toBe(false);
  });

  it('masks anti-CSRF tokens without counting them as credentials', () => {
    for (const n of ['X-CSRFToken', 'X-CSRF-Token', 'X-XSRF-TOKEN', 'X-WP-Nonce', 'Jenkins-Crumb']) {
      expect(isCredentialHeader(n, 'abcdefgh12345678')).toBe(false);
      expect(isSecretHeader(n, 'abcdefgh12345678')).toBe(true);
    }
    expect(isSecretHeader('Set-Cookie')).toBe(true);
    expect(isSecretHeader('Access-Control-Allow-Credentials', 'true')).toBe(false);
  });

  it('knows the headers whose value is a URL', () => {
    expect(['Location', 'referer', 'Content-Location'].every(isUrlHeader)).toBe(true);
    expect(isUrlHeader('Host')).toBe(false);
  });
});

describe('isCredentialParam', () => {
  it.each([
    'access_token',
    'accessToken',
    'auth_token',
    'private_token',
    'secret',
    'client_secret',
    'sessionid',
    'jsessionid',
    'SAMLResponse',
    'oauth_token',
    'ticket',
    'code',
    'sig',
    'X-Amz-Signature',
    'X-Goog-Credential',
    'refresh-token',
    'password',
  ])('%s holds a secret', (name) => expect(isCredentialParam(name)).toBe(true));

  it.each(['state', 'page', 'scope', 'redirect_uri', 'code_challenge', 'response_type', 'se', 'sv'])(
    '%s does not',
    (name) => expect(isCredentialParam(name)).toBe(false),
  );

  it('separates tokens that authenticate a request from other secrets', () => {
    expect(isQueryTokenParam('access_token')).toBe(true);
    expect(isQueryTokenParam('api-key')).toBe(true);
    expect(isQueryTokenParam('code')).toBe(false);
    expect(isQueryTokenParam('sig')).toBe(false);
  });

  it('reads vendor-prefixed key names, but not cursors named like tokens', () => {
    for (const name of ['x-algolia-api-key', 'stripe_api_key', 'app_key', 'access_key', 'appid', 'apiSecret'])
      expect(isQueryTokenParam(name), name).toBe(true);
    for (const name of ['pageToken', 'syncToken', 'continuationToken', 'x-algolia-application-id'])
      expect(isQueryTokenParam(name), name).toBe(false);
    // What authenticates a request is masked wherever it is shown.
    expect(isCredentialParam('appid')).toBe(true);
    expect(isCredentialHeader('X-CMC_PRO_API_KEY', 'b54bcf4d-1bca-4e8e-9a24-22ff2c3d462c')).toBe(true);
  });
});

describe('looksLikeSecret', () => {
  it('knows JWTs, vendor formats and scheme-prefixed tokens', () => {
    expect(looksLikeSecret(JWT)).toBe(true);
    expect(looksLikeSecret('sk-ant-api03-abcdefghijklmnop')).toBe(true);
    expect(looksLikeSecret('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')).toBe(true);
    expect(looksLikeSecret('hvs.CAESIBCJXK8EgSNKkwrpDXYD5bGz7')).toBe(true);
    expect(looksLikeSecret('Bearer abcdefgh12345678')).toBe(true);
    expect(looksLikeSecret('application/json')).toBe(false);
    expect(looksLikeSecret('eyJuYW1lIjoiYXV0aDAtc3BhLWpzIn0=')).toBe(false);
  });
});

describe('maskUrl', () => {
  it('masks secret parameters in the query and the fragment, and userinfo', () => {
    const m = maskUrl(
      'https://u:hunter2hunter2@app.example/cb;jsessionid=ABCDEF123456?code=abcdefghijklmnop&state=xyz' +
        '#access_token=ya29.a0AfB_byC3xK1mQzV8nR2pL5tY7uW9&token_type=Bearer',
    );
    for (const secret of ['hunter2hunter2', 'ABCDEF123456', 'abcdefghijklmnop', 'ya29.a0AfB_byC3xK1mQzV8nR2pL5tY7uW9'])
      expect(m).not.toContain(secret);
    expect(m).toContain('state=xyz');
    expect(m).toContain('token_type=Bearer');
    expect(m).toContain('https://u:');
  });

  it('masks a return URL’s own secrets, percent-encoded inside a parameter; one-time codes', () => {
    const secret = 'Zq8vN3xK1mQzV8nR2pL5';
    const m = maskUrl(
      `https://a.example/Account/Login?ReturnUrl=${encodeURIComponent(`/api?access_token=${secret}&x=1`)}`,
    );
    expect(m).not.toContain(secret);
    expect(decodeURIComponent(m.split('ReturnUrl=')[1]!)).toMatch(/^\/api\?access_token=.+&x=1$/);
    expect(maskUrl('https://a.example/verify?otp=12345678&next=%2Fhome')).not.toContain('12345678');
    expect(maskUrl('https://a.example/login?next=%2Fhome%3Fpage%3D2')).toBe(
      'https://a.example/login?next=%2Fhome%3Fpage%3D2',
    );
  });

  it('keeps URLs without secrets as they are, and never throws', () => {
    expect(maskUrl('https://a.example/p?x=1#top')).toBe('https://a.example/p?x=1#top');
    expect(maskUrl('%E0%A4%A?token=%E0%A4%A')).toContain('token=');
    expect(maskUrl('')).toBe('');
  });
});

describe('signedUrl', () => {
  it('reads the expiry of presigned, GCS, SAS and CloudFront URLs', () => {
    const s3 = signedUrl(
      new URL('https://b.s3.amazonaws.com/k?X-Amz-Date=20261122T181205Z&X-Amz-Expires=900&X-Amz-Signature=ab'),
    );
    expect(s3?.expires).toBe(Date.UTC(2026, 10, 22, 18, 27, 5));
    const sas = signedUrl(
      new URL('https://a.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-11-22T16%3A32%3A05Z&sig=x'),
    );
    expect(sas).toMatchObject({ kind: 'Azure SAS', expires: Date.UTC(2026, 10, 22, 16, 32, 5) });
    expect(signedUrl(new URL('https://d.cloudfront.net/x?Expires=1795372325&Signature=a&Key-Pair-Id=K'))?.expires).toBe(
      1795372325000,
    );
    expect(signedUrl(new URL('https://storage.googleapis.com/b/o?X-Goog-Signature=ab'))?.kind).toBe(
      'Google Cloud Storage signed URL',
    );
    expect(signedUrl(new URL('https://x.example/?sig=1'))).toBeUndefined();
  });
});
