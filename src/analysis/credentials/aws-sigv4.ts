// AWS Signature Version 4 Authorization header:
// AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=...
// (AWS docs, "Authenticating requests: Using the Authorization header").

export interface SigV4 {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  hasSignature: boolean;
}

export function parseSigV4(value: string): SigV4 | undefined {
  if (!/^AWS4-HMAC-SHA256\s/i.test(value)) return undefined;
  const cred = /Credential=([^,\s]*)/i.exec(value)?.[1] ?? '';
  const [accessKeyId = '', date = '', region = '', service = ''] = cred.split('/');
  const signed = /SignedHeaders=([^,\s]*)/i.exec(value)?.[1] ?? '';
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signed ? signed.toLowerCase().split(';') : [],
    hasSignature: /Signature=[0-9a-f]{64}/i.test(value),
  };
}

/** Region and service named by an AWS host (s3.eu-west-1.amazonaws.com, abc.execute-api.us-east-1...). */
export function awsHostScope(host: string): { region?: string; service?: string } | undefined {
  const m = /(?:^|\.)([a-z0-9-]+)[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (m) return { service: m[1], region: m[2] };
  const g = /(?:^|\.)([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  return g ? { service: g[1] } : undefined;
}
