import { describe, expect, it } from 'vitest';
import { identifyToken } from '../../../src/analysis/credentials/token-formats.ts';
import { inspectBasic } from '../../../src/analysis/credentials/basic.ts';
import { parseCookies } from '../../../src/analysis/credentials/cookies.ts';
import { findApiKeys } from '../../../src/analysis/credentials/api-keys.ts';
import { findQueryTokens, signedUrl } from '../../../src/analysis/credentials/query.ts';
import { awsHostScope } from '../../../src/analysis/credentials/aws-sigv4.ts';

describe('identifyToken', () => {
  it.each([
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'GitHub', 'personal access token (classic)'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'GitHub', 'fine-grained personal access token'],
    ['gho_16C7e42F292c6912E7710c838347Ae178B4a', 'GitHub', 'OAuth app token'],
    ['ghu_16C7e42F292c6912E7710c838347Ae178B4a', 'GitHub', 'GitHub App user token'],
    ['ghs_16C7e42F292c6912E7710c838347Ae178B4a', 'GitHub', 'GitHub App installation token'],
    ['glpat-xxxxxxxxxxxxxxxxxxxx', 'GitLab', 'personal access token'],
    ['xoxb-1234-5678-abcdef', 'Slack', 'bot token'],
    ['xoxp-1234-5678-abcdef', 'Slack', 'user token'],
    ['sk_live_51Hxyz', 'Stripe', 'live secret key'],
    ['rk_test_51Hxyz', 'Stripe', 'test restricted key'],
    ['pk_test_51Hxyz', 'Stripe', 'test publishable key'],
    ['ya29.a0AfB_byC3xK1mQzV8nR2pL5tY7uW9eA4sD6fG8hJ0kL2', 'Google', 'OAuth access token'],
    ['AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'Google', 'API key'],
    ['AKIAIOSFODNN7EXAMPLE', 'AWS', 'long-term access key id'],
    ['ASIAIOSFODNN7EXAMPLE', 'AWS', 'temporary access key id (needs a session token)'],
  ])('%s is %s %s', (token, vendor, kind) => {
    expect(identifyToken(token)).toMatchObject({ vendor, kind });
  });

  it('knows Stripe modes and leaves opaque tokens alone', () => {
    expect(identifyToken('sk_test_abc')?.env).toBe('test');
    expect(identifyToken('pk_live_abc')?.env).toBe('live');
    for (const t of ['mF_9.B5f-4.1JqM', 'AKIA', 'eyJhbGciOi', 'sk_abc', 'ghx_abc'])
      expect(identifyToken(t)).toBeUndefined();
  });
});

describe('inspectBasic', () => {
  it('reads UTF-8 and flags non-ASCII (RFC 7617 §2.1 example)', () => {
    expect(inspectBasic('dGVzdDoxMjPCow==')).toEqual({ user: 'test', passwordLength: 4, nonAscii: true });
  });
  it('falls back to ISO-8859-1 for non-UTF-8 bytes', () => {
    expect(inspectBasic(Buffer.from([0x6a, 0xf6, 0x72, 0x67, 0x3a, 0x70]).toString('base64')).user).toBe('jörg');
  });
  it('allows an empty password and colons inside it', () => {
    expect(inspectBasic(Buffer.from('u:').toString('base64'))).toMatchObject({ user: 'u', passwordLength: 0 });
    expect(inspectBasic(Buffer.from('u:a:b').toString('base64'))).toMatchObject({ user: 'u', passwordLength: 3 });
  });
});

describe('request credential finders', () => {
  it('parses cookies by name', () => {
    expect(parseCookies('a=1; b = two ;c=x=y')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two' },
      { name: 'c', value: 'x=y' },
    ]);
    expect(parseCookies(undefined)).toEqual([]);
    expect(parseCookies('x;'.repeat(1000)).length).toBe(200);
  });
  it('finds API-key headers, not look-alikes', () => {
    const names = [
      'x-api-key',
      'api-key',
      'X-API-Token',
      'Ocp-Apim-Subscription-Key',
      'x-goog-api-key',
      'PRIVATE-TOKEN',
      'x-auth-token',
      'accept',
      'x-apikey-hint',
      'x-api-version',
    ];
    expect(findApiKeys(names.map((name) => ({ name, value: 'v' }))).map((h) => h.name)).toEqual([
      'x-api-key',
      'api-key',
      'X-API-Token',
      'Ocp-Apim-Subscription-Key',
      'x-goog-api-key',
      'PRIVATE-TOKEN',
      'x-auth-token',
    ]);
  });
  it('finds query tokens and presigned URLs', () => {
    const u = new URL('https://x.test/?access_token=a&apikey=b&page=2&key=c&token=');
    expect(findQueryTokens(u).map((q) => q.name)).toEqual(['access_token', 'apikey', 'key']);
    expect(signedUrl(new URL('https://b.s3.amazonaws.com/k?X-Amz-Signature=ab'))?.kind).toBe('AWS presigned URL');
    expect(signedUrl(undefined)).toBeUndefined();
  });
  it('reads region and service from AWS hosts', () => {
    expect(awsHostScope('examplebucket.s3.eu-west-1.amazonaws.com')).toEqual({ service: 's3', region: 'eu-west-1' });
    expect(awsHostScope('a1b2.execute-api.us-east-1.amazonaws.com')).toEqual({
      service: 'execute-api',
      region: 'us-east-1',
    });
    expect(awsHostScope('dynamodb.us-gov-west-1.amazonaws.com')).toEqual({
      service: 'dynamodb',
      region: 'us-gov-west-1',
    });
    expect(awsHostScope('s3.amazonaws.com')).toEqual({ service: 's3' });
    expect(awsHostScope('example.com')).toBeUndefined();
  });
});
