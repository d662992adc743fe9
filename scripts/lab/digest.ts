// A real RFC 7616 Digest server for the lab: HMAC-signed, time-stamped nonces that go stale,
// both SHA-256 and MD5 challenges offered (§3.7: one challenge per algorithm, preferred first).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Algorithm = 'SHA-256' | 'MD5';
export interface DigestUser {
  user: string;
  password: string;
}

export interface DigestServer {
  /** WWW-Authenticate values, one per algorithm (send each as its own header line) */
  challenges(now: number, stale?: boolean): string[];
  /** decide on an Authorization header for `method uri` */
  check(authorization: string | undefined, method: string, uri: string, now: number): DigestVerdict;
}

export type DigestVerdict = 'ok' | 'missing' | 'stale' | 'rejected' | 'malformed';

export function hash(alg: Algorithm, s: string): string {
  return createHash(alg === 'MD5' ? 'md5' : 'sha256')
    .update(s, 'utf8')
    .digest('hex');
}

/** response = H(H(user:realm:pw):nonce:nc:cnonce:qop:H(method:uri)) (RFC 7616 §3.4.1) */
export function responseFor(
  alg: Algorithm,
  p: {
    user: string;
    realm: string;
    password: string;
    method: string;
    uri: string;
    nonce: string;
    nc: string;
    cnonce: string;
    qop: string;
  },
): string {
  const ha1 = hash(alg, `${p.user}:${p.realm}:${p.password}`);
  const ha2 = hash(alg, `${p.method}:${p.uri}`);
  return hash(alg, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

/** Parse `Digest k=v, k="v"` into a map (lower-case keys); undefined when it is not Digest. */
export function parseDigest(header: string): Record<string, string> | undefined {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m || m[1] === undefined) return undefined;
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/g;
  let g: RegExpExecArray | null;
  while ((g = re.exec(m[1])) !== null) {
    const key = g[1];
    if (key === undefined) continue;
    out[key.toLowerCase()] = g[2] !== undefined ? g[2].replace(/\\(.)/g, '$1') : (g[3] ?? '');
  }
  return out;
}

export function createDigestServer(opts: {
  realm: string;
  users: DigestUser[];
  nonceLifetimeMs: number;
  secret?: Buffer;
}): DigestServer {
  const secret = opts.secret ?? randomBytes(32);
  const opaque = randomBytes(8).toString('hex');
  const sign = (issued: string): string => createHmac('sha256', secret).update(issued).digest('base64url').slice(0, 22);
  const nonce = (now: number): string => `${now.toString(36)}.${randomBytes(6).toString('base64url')}.`;
  const makeNonce = (now: number): string => {
    const body = nonce(now);
    return body + sign(body);
  };
  /** 'bad' (not ours or forged), 'stale' (ours but too old), 'fresh' */
  const nonceState = (n: string, now: number): 'bad' | 'stale' | 'fresh' => {
    const cut = n.lastIndexOf('.') + 1;
    const body = n.slice(0, cut);
    const mac = Buffer.from(n.slice(cut));
    const want = Buffer.from(sign(body));
    if (mac.length !== want.length || !timingSafeEqual(mac, want)) return 'bad';
    const issued = parseInt(body.split('.')[0] ?? '', 36);
    if (!Number.isFinite(issued)) return 'bad';
    return now - issued > opts.nonceLifetimeMs ? 'stale' : 'fresh';
  };
  return {
    challenges(now, stale = false) {
      return (['SHA-256', 'MD5'] as Algorithm[]).map(
        (alg) =>
          `Digest realm="${opts.realm}", qop="auth", algorithm=${alg}, nonce="${makeNonce(now)}", ` +
          `opaque="${opaque}"${stale ? ', stale=true' : ''}`,
      );
    },
    check(authorization, method, uri, now) {
      if (!authorization) return 'missing';
      const p = parseDigest(authorization);
      if (!p) return 'malformed';
      const { username, realm, nonce: n, uri: u, response, nc, cnonce, qop } = p;
      if (!username || !realm || !n || !u || !response || !nc || !cnonce || qop !== 'auth') return 'malformed';
      const alg: Algorithm = (p.algorithm ?? 'MD5').toUpperCase() === 'SHA-256' ? 'SHA-256' : 'MD5';
      if (u !== uri || realm !== opts.realm) return 'rejected';
      const state = nonceState(n, now);
      if (state === 'bad') return 'rejected';
      const user = opts.users.find((x) => x.user === username);
      const good =
        user !== undefined &&
        responseFor(alg, { user: username, realm, password: user.password, method, uri, nonce: n, nc, cnonce, qop }) ===
          response;
      if (!good) return 'rejected';
      // RFC 7616 §3.3: stale=true only when the credentials were right and the nonce was not
      return state === 'stale' ? 'stale' : 'ok';
    },
  };
}
