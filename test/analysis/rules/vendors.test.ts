import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/analysis/index.ts';
import { S, ex, ids, jwt } from './helpers.ts';

const gh = (granted: string, accepted: string) =>
  ids(
    ex({
      url: 'https://api.github.com/x',
      status: 403,
      req: { Authorization: 'token gho_abcdefghijklmnop' },
      res: { 'X-OAuth-Scopes': granted, 'X-Accepted-OAuth-Scopes': accepted },
    }),
  );

describe('GitHub', () => {
  it('compares scopes with the hierarchy', () => {
    expect(gh('read:user', 'repo')[0]).toBe('insufficient-scope');
    expect(gh('repo', 'public_repo')).not.toContain('insufficient-scope');
    expect(gh('admin:org', 'read:org')).not.toContain('insufficient-scope');
    expect(gh('', 'repo, public_repo')[0]).toBe('insufficient-scope');
    expect(gh('public_repo', 'repo, public_repo')).not.toContain('insufficient-scope');
  });
  it('lists the missing scope in words', () => {
    const d = diagnose(
      ex({
        url: 'https://api.github.com/x',
        status: 403,
        req: { Authorization: 'token gho_abcdefghijklmnop' },
        res: { 'X-OAuth-Scopes': 'gist', 'X-Accepted-OAuth-Scopes': 'admin:org' },
      }),
    );
    expect(d.summary).toBe('Token is missing scope admin:org: get a token that includes it');
    expect(d.findings[0]?.explanation).toContain('the token grants gist');
  });
  it('matches SSO "required" only', () => {
    expect(
      ids(
        ex({
          status: 403,
          req: { Authorization: 'token ghp_abcdefgh' },
          res: { 'X-GitHub-SSO': 'partial-results; organizations=1,2' },
        }),
      ),
    ).not.toContain('github-sso-required');
    expect(
      ids(
        ex({
          status: 403,
          req: { Authorization: 'token ghp_abcdefgh' },
          res: { 'X-GitHub-SSO': 'required; url=https://github.com/orgs/o/sso' },
        }),
      )[0],
    ).toBe('github-sso-required');
  });
});

describe('insufficient scope from a challenge', () => {
  it('lists only the scopes the token lacks', () => {
    const d = diagnose(
      ex({
        status: 403,
        req: { Authorization: `Bearer ${jwt({ scp: ['a', 'b'], exp: S + 600 })}` },
        res: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="a c d"' },
      }),
    );
    expect(d.summary).toBe('Token is missing scope c and d: get a token that includes it');
    expect(d.findings[0]?.evidence).toContainEqual({ label: 'Missing', value: 'c d' });
  });
  it('says the scopes are unknown for an opaque token', () => {
    const d = diagnose(
      ex({
        status: 403,
        req: { Authorization: 'Bearer opaque-token-123' },
        res: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' },
      }),
    );
    expect(d.findings[0]?.explanation).toContain('opaque');
  });
});

describe('WAF', () => {
  it('Cloudflare only when it really blocked', () => {
    expect(
      ids(
        ex({
          status: 401,
          res: {
            Server: 'cloudflare',
            'cf-ray': '1-FRA',
            'Content-Type': 'application/json',
            'WWW-Authenticate': 'Bearer realm="x"',
          },
        }),
      ),
    ).not.toContain('waf-block');
    expect(ids(ex({ status: 403, res: { 'cf-mitigated': 'challenge' } }))).toEqual(['waf-block']);
    expect(ids(ex({ status: 403, res: { 'x-iinfo': '10-1234-0 0NNN RT' } }))[0]).toBe('waf-block');
    expect(ids(ex({ status: 403, res: { 'x-sucuri-id': '18005' } }))[0]).toBe('waf-block');
  });
});

describe('AWS', () => {
  it('reads the code from x-amzn-ErrorType with its suffix', () => {
    expect(
      ids(
        ex({
          status: 403,
          res: {
            'x-amzn-ErrorType': 'SignatureDoesNotMatch:http://internal.amazon.com/coral/com.amazon.coral.service/',
          },
        }),
      )[0],
    ).toBe('aws-signature');
  });
  it('reads the code from a JSON __type', () => {
    expect(
      ids(
        ex({
          status: 400,
          res: { 'Content-Type': 'application/x-amz-json-1.0' },
          body:
            '{"__type":"com.amazon.coral.service#ExpiredTokenException",' +
            '"message":"The security token included in the request is expired"}',
        }),
      )[0],
    ).toBe('token-expired');
  });
  it('X-Amz-Date more than 5 min from the server Date is clock skew', () => {
    expect(ids(ex({ status: 403, req: { 'x-amz-date': '20261122T182000Z' } }))[0]).toBe('clock-skew');
    expect(ids(ex({ status: 403, req: { 'x-amz-date': '20261122T183000Z' } }))).not.toContain('clock-skew');
  });
});

describe('Google and Entra', () => {
  it('a quota 403 is not an auth failure', () => {
    expect(
      ids(
        ex({
          status: 403,
          req: { Authorization: 'Bearer ya29.abcdefgh' },
          body: '{"error":{"code":403,"errors":[{"reason":"userRateLimitExceeded"}]}}',
        }),
      ),
    ).toEqual(['rate-limited']);
  });
  it('decodes a claims challenge, base64 or raw JSON', () => {
    const d = diagnose(
      ex({
        req: { Authorization: 'Bearer abcdefgh' },
        res: {
          'WWW-Authenticate':
            'Bearer error="insufficient_claims", ' +
            'claims="{\\"access_token\\":{\\"acrs\\":{\\"essential\\":true,\\"value\\":\\"c2\\"}}}"',
        },
      }),
    );
    expect(d.findings[0]?.id).toBe('claims-challenge');
    expect(d.summary).toContain('auth context c2');
    const bad = diagnose(
      ex({
        req: { Authorization: 'Bearer abcdefgh' },
        res: { 'WWW-Authenticate': 'Bearer error="insufficient_claims", claims="!!!"' },
      }),
    );
    expect(bad.findings[0]?.evidence[0]?.value).toBe('(not base64 JSON)');
  });
});

describe('scope wording', () => {
  it('GitHub accepted scopes are alternatives', () => {
    const d = diagnose(
      ex({
        url: 'https://api.github.com/x',
        status: 403,
        req: { Authorization: 'token gho_abcdefghijklmnop' },
        res: { 'X-OAuth-Scopes': 'gist', 'X-Accepted-OAuth-Scopes': 'repo, public_repo' },
      }),
    );
    expect(d.summary).toBe('Token needs scope repo or public_repo: get a token that includes it');
  });
  it('a challenge that names no scope says so', () => {
    const d = diagnose(
      ex({
        status: 403,
        req: { Authorization: 'Bearer abcdefgh' },
        res: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' },
      }),
    );
    expect(d.summary).toContain('did not name it');
    expect(d.summary).not.toContain('scope :');
  });
});
