// AWS: error codes (x-amzn-ErrorType, S3 XML <Code>, JSON __type) and the SigV4 header.
// Sources: AWS "Common errors", S3 "Error responses", API Gateway "Missing Authentication Token".
import type { Inspection, Rule } from '../../inspect.ts';
import { clip, consumer, defineFindings, ev, server, type Draft } from '../../finding.ts';
import { code as snippet } from '../../snippets.ts';
import { maskSecret } from '../../mask.ts';
import { formatDuration, formatUtc } from '../../time.ts';
import { awsHostScope } from '../../credentials/aws-sigv4.ts';
import { amzDate } from '../../credentials/query.ts';
import { link } from '../../refs.ts';
import { TOKENS } from '../tokens.ts';
import { TRANSPORT } from '../transport.ts';

const SIGNATURE =
  /^(SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignatureException|IncompleteSignature|AuthorizationHeaderMalformed|InvalidSignature)$/;
const SKEW = /^(RequestTimeTooSkewed|RequestExpired|RequestTimeTooSkewedException)$/;
const EXPIRED = /^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired)$/;
const REJECTED = /^(InvalidAccessKeyId|UnrecognizedClientException|InvalidClientTokenId)$/;
/** SigV4 requests must be signed within minutes of AWS time (15 min for most services) */
const SKEW_MS = 300_000;
const DOCS = link(
  'AWS: signing requests (SigV4)',
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html',
);

export const AWS = defineFindings('vendors', {
  'aws-signature': {
    title: 'AWS signature mismatch',
    severity: 'error',
    means:
      'The SigV4 signature AWS computed differs from the one sent. Usual causes: wrong secret key, wrong region ' +
      'or service in the credential scope, a header changed after signing, or a body hash mismatch.',
    restsOn:
      'AWS error codes SignatureDoesNotMatch, InvalidSignatureException, IncompleteSignature(Exception), ' +
      'AuthorizationHeaderMalformed and InvalidSignature (x-amzn-ErrorType, S3 XML <Code>, JSON __type); or, ' +
      'on a failure, a SigV4 Authorization whose credential scope names another region or service than the ' +
      'host, a temporary ASIA key without X-Amz-Security-Token, or SignedHeaders without host.',
    fixes: [
      consumer('Let an AWS SDK sign; if signing by hand, sign the exact bytes sent with the host’s region.'),
      consumer('Compare with the canonical request AWS returns in the error body (S3: <CanonicalRequest>).'),
    ],
    references: [DOCS],
  },
  'aws-session-token-missing': {
    title: 'AWS temporary key without its session token',
    severity: 'error',
    means:
      'Access key ids starting with ASIA are temporary credentials (STS, SSO, an assumed role, an instance ' +
      'role). They are valid only together with their session token, sent as X-Amz-Security-Token (a header, ' +
      'or a query parameter of a presigned URL) and included in the signature; without it AWS does not know ' +
      'the key at all.',
    restsOn:
      'A SigV4 Authorization or an X-Amz-Credential query parameter whose key id starts with ASIA, and no ' +
      'X-Amz-Security-Token in the headers or the query, on a refusal.',
    fixes: [consumer('Pass the session token along with the key pair (AWS_SESSION_TOKEN; SDKs then sign it in).')],
    references: [
      link(
        'AWS: using temporary credentials',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html',
      ),
      DOCS,
    ],
  },
  'aws-route-not-found': {
    title: 'API Gateway: route not found',
    severity: 'error',
    means:
      'API Gateway answers "Missing Authentication Token" for any path or method it has no route for, ' +
      'including a CORS preflight with no OPTIONS route, and for an unsigned call to an IAM-authorised route. ' +
      'Usually a wrong URL, stage or method: not a credential problem.',
    restsOn: 'x-amzn-ErrorType: MissingAuthenticationTokenException, or "Missing Authentication Token" in the body.',
    fixes: [
      consumer('Check the URL: stage name, path and method.'),
      server('Deploy the route (and an OPTIONS route or CORS config for preflights).'),
    ],
    references: [
      link(
        'AWS: Missing Authentication Token',
        'https://repost.aws/knowledge-center/api-gateway-authentication-token-errors',
      ),
    ],
  },
});

function awsCode(c: Inspection): string | undefined {
  const t = c.res('x-amzn-errortype')?.split(':')[0]?.trim();
  if (t) return t;
  const b = c.body.error;
  return b && /^[A-Z][A-Za-z]+$/.test(b) ? b : undefined;
}

function queryParam(c: Inspection, name: string): string | undefined {
  if (!c.url) return undefined;
  for (const [k, v] of c.url.searchParams) if (k.toLowerCase() === name) return v;
  return undefined;
}

export const aws: Rule = (c) => {
  const out: Draft[] = [];
  const code = awsCode(c);
  const msg = c.body.description ?? c.res('x-amzn-errormessage');
  const codeEv = [code ? ev('AWS error', code) : undefined, msg ? ev('Message', clip(msg)) : undefined];
  const v4 = c.auth?.sigv4;
  const scope = awsHostScope(c.host);
  const hints: string[] = [];
  if (v4) {
    if (scope?.region && v4.region && scope.region !== v4.region)
      hints.push(`signed for region ${v4.region} but the host is in ${scope.region}`);
    if (
      scope?.service &&
      v4.service &&
      scope.service !== v4.service &&
      !(scope.service.startsWith('s3') && v4.service === 's3')
    )
      hints.push(`signed for service ${v4.service} but the host is ${scope.service}`);
    if (v4.signedHeaders.length && !v4.signedHeaders.includes('host')) hints.push('host is not in SignedHeaders');
  }
  const keyId = v4?.accessKeyId ?? queryParam(c, 'x-amz-credential')?.split('/')[0] ?? '';
  const sessionToken = c.req('x-amz-security-token') ?? queryParam(c, 'x-amz-security-token');
  const temporary = keyId.startsWith('ASIA') && !sessionToken;
  // AWS saying "signature" has read the key: then the missing token is a hint on the signature.
  const noSession = temporary && c.failure && !(code && SIGNATURE.test(code));
  if (temporary && !noSession) hints.push('a temporary ASIA key is used without X-Amz-Security-Token');
  if (noSession) {
    out.push(
      AWS.draft('aws-session-token-missing', {
        summary: 'A temporary AWS key (ASIA…) was used without its session token: send X-Amz-Security-Token',
        evidence: [...codeEv, ev('Access key id', maskSecret(keyId)), ev('X-Amz-Security-Token', 'not sent')],
      }),
    );
  }
  const xAmz = amzDate(c.req('x-amz-date'));
  if ((code && SIGNATURE.test(code)) || (hints.length && c.failure)) {
    out.push(
      AWS.draft('aws-signature', {
        summary:
          `AWS rejected the request signature${hints.length ? `: ${hints[0]}` : ''}: ` +
          'check secret key, region, signed headers and body hash',
        explanation:
          `The SigV4 signature AWS computed differs from the one sent${hints.length ? `; ${hints.join('; ')}` : ''}. ` +
          'Usual causes: wrong secret key, wrong region or service in the credential scope, a header changed ' +
          'after signing, or a body hash mismatch.',
        evidence: [
          ...codeEv,
          ...(v4
            ? [
                ev('Access key id', maskSecret(v4.accessKeyId)),
                ev('Credential scope', `${v4.date}/${v4.region}/${v4.service}`),
                ev('SignedHeaders', v4.signedHeaders.join(';')),
              ]
            : []),
          scope?.region ? ev('Host region', scope.region) : undefined,
        ],
      }),
    );
  }
  const skewMs = xAmz !== undefined && c.serverTime !== undefined ? xAmz - c.serverTime : undefined;
  if ((code && SKEW.test(code)) || (skewMs !== undefined && Math.abs(skewMs) > SKEW_MS && c.failure)) {
    const off =
      skewMs !== undefined ? `X-Amz-Date is ${formatDuration(skewMs)} ${skewMs > 0 ? 'ahead of' : 'behind'}` : '';
    out.push(
      TRANSPORT.draft('clock-skew', {
        severity: 'error',
        title: 'Request time too far from AWS time',
        summary: `AWS refused the request time${off ? ` (${off} the server)` : ''}: sync the clock`,
        explanation:
          'SigV4 requests must be signed within a few minutes of AWS time (15 min for most services). ' +
          'The signing machine’s clock is off.',
        evidence: [
          ...codeEv,
          xAmz !== undefined ? ev('X-Amz-Date', formatUtc(xAmz)) : undefined,
          c.serverTime !== undefined ? ev('Server time (Date)', formatUtc(c.serverTime)) : undefined,
        ],
        fixes: [consumer('Sync the clock (NTP); SDKs can correct skew (JS SDK: correctClockSkew: true).')],
        references: [DOCS],
      }),
    );
  }
  if (code && EXPIRED.test(code)) {
    out.push(
      TOKENS.draft('token-expired', {
        title: 'AWS session token expired',
        summary: `AWS session credentials expired (${code}): refresh them`,
        explanation: 'The temporary credentials (STS, SSO, an assumed role) have expired. Get new ones.',
        evidence: codeEv,
        fixes: [
          consumer('Refresh temporary credentials.', snippet('sh', 'aws sso login   # or: aws sts assume-role …')),
        ],
        references: [
          link(
            'AWS: temporary credentials',
            'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html',
          ),
        ],
      }),
    );
  }
  if (code && REJECTED.test(code) && !noSession) {
    out.push(
      TOKENS.draft('token-rejected', {
        title: 'AWS access key not recognised',
        summary: `AWS does not recognise the access key (${code}): check the key id, account and partition`,
        explanation:
          'The access key id does not exist in this AWS account or partition, was deleted, or a temporary key is ' +
          'missing its session token.',
        evidence: [...codeEv, ...(v4 ? [ev('Access key id', maskSecret(v4.accessKeyId))] : [])],
        fixes: [consumer('Check which credentials the SDK picked up.', snippet('sh', 'aws sts get-caller-identity'))],
        references: [DOCS],
      }),
    );
  }
  if (code === 'MissingAuthenticationTokenException' || c.body.text.includes('missing authentication token')) {
    const route = `${c.method} ${c.url?.pathname ?? ''}`;
    out.push(
      AWS.draft('aws-route-not-found', {
        summary: `API Gateway "Missing Authentication Token": ${route} has no route (not a credential problem)`,
        explanation:
          'API Gateway says this for any path or method it does not know' +
          (c.method === 'OPTIONS' ? ', here a CORS preflight with no OPTIONS route' : '') +
          ', or an unsigned call to an IAM-authorised route. Usually a wrong URL, stage or method.',
        evidence: [...codeEv, ev('Method and path', route)],
      }),
    );
  }
  return out;
};
