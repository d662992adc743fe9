import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/background/capture.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { authRequired, h, received, redirected, sent, type Req } from './events.ts';

const config = { captureStatuses: DEFAULT_SETTINGS.captureStatuses, paused: false };
const api: Req = { requestId: '11', url: 'http://127.0.0.1:9/api/me', initiator: 'http://127.0.0.1:9' };

describe('capture: events -> record', () => {
  it('records a 401 with its request and response headers, then forgets the request', () => {
    const c = new Capture(config);
    c.onSendHeaders(sent(api, 1000, [h('Authorization', 'Bearer abc'), h('Accept', '*/*')]));
    const r = c.onHeadersReceived(
      received(api, 1010, 401, [h('WWW-Authenticate', 'Bearer error="invalid_token"')], 'HTTP/1.1 401 Unauthorized'),
    );
    expect(r).toMatchObject({
      id: '11-1',
      requestId: '11',
      tabId: 7,
      frameId: 0,
      type: 'xmlhttprequest',
      method: 'GET',
      url: api.url,
      initiator: 'http://127.0.0.1:9',
      status: 401,
      statusLine: 'HTTP/1.1 401 Unauthorized',
      time: 1010,
      fromCache: false,
      preflight: false,
      source: 'headers',
      requestHeadersKnown: true,
      requestHeaders: [
        { name: 'Authorization', value: 'Bearer abc' },
        { name: 'Accept', value: '*/*' },
      ],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
      redirects: [],
    });
    expect(c.pending.size).toBe(0);
    // JSON-safe: it goes to storage.session as is
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('never records a 2xx, and keeps no reference to it once its headers arrived', () => {
    const c = new Capture(config);
    for (let i = 0; i < 100; i++) {
      const req = { requestId: `r${i}`, url: `http://x/${i}` };
      c.onSendHeaders(sent(req, i, [h('Authorization', 'Bearer t')]));
      expect(c.onHeadersReceived(received(req, i + 1, 200 + (i % 5)))).toBeUndefined();
    }
    expect(c.pending.size).toBe(0);
  });

  it('does not record a 2xx that carries a challenge (Negotiate mutual auth, RFC 4559 §5)', () => {
    const c = new Capture(config);
    c.onSendHeaders(sent(api, 1));
    expect(c.onHeadersReceived(received(api, 2, 200, [h('WWW-Authenticate', 'Negotiate abc')]))).toBeUndefined();
  });

  it('records any other status that carries a challenge (400 + Bearer), and statuses from the settings', () => {
    const c = new Capture(config);
    c.onSendHeaders(sent(api, 1));
    expect(c.onHeadersReceived(received(api, 2, 400, [h('www-authenticate', 'Bearer realm="api"')]))?.status).toBe(400);
    const proxy = { ...api, requestId: '12' };
    expect(c.onHeadersReceived(received(proxy, 3, 502, [h('Proxy-Authenticate', 'Basic realm="p"')]))?.status).toBe(
      502,
    );
    const plain = { ...api, requestId: '13' };
    expect(c.onHeadersReceived(received(plain, 4, 500))).toBeUndefined();
    c.configure({ captureStatuses: [500], paused: false });
    expect(c.onHeadersReceived(received(plain, 5, 500))?.status).toBe(500);
    expect(c.onHeadersReceived(received({ ...api, requestId: '14' }, 6, 401))).toBeUndefined();
  });

  it('captures nothing while paused, and still ends requests', () => {
    const c = new Capture({ ...config, paused: true });
    c.onSendHeaders(sent(api, 1));
    expect(c.onHeadersReceived(received(api, 2, 401, [h('WWW-Authenticate', 'Basic')]))).toBeUndefined();
    expect(c.pending.size).toBe(0);
  });

  it('a 419, 440 and 498 are in the default set', () => {
    const c = new Capture(config);
    for (const s of [419, 440, 498])
      expect(c.onHeadersReceived(received({ ...api, requestId: `s${s}` }, 1, s))?.status).toBe(s);
  });

  it("keeps the redirect chain with each hop's own request headers", () => {
    const c = new Capture(config);
    const r1 = { ...api, url: 'http://a/login', type: 'main_frame' };
    c.onSendHeaders(sent(r1, 1, [h('Cookie', 'sid=1')]));
    expect(c.onHeadersReceived(received(r1, 2, 302, [h('Location', 'http://b/sso')]))).toBeUndefined();
    expect(c.pending.size).toBe(1);
    c.onBeforeRedirect(redirected(r1, 3, 302, 'http://b/sso'));
    const r2 = { ...r1, url: 'http://b/sso' };
    c.onSendHeaders(sent(r2, 4, [h('Authorization', 'Basic eDp5')]));
    c.onHeadersReceived(received(r2, 5, 307));
    c.onBeforeRedirect(redirected(r2, 6, 307, 'http://c/app'));
    const r3 = { ...r1, url: 'http://c/app' };
    c.onSendHeaders(sent(r3, 7, [h('Authorization', 'Bearer z')]));
    const rec = c.onHeadersReceived(received(r3, 8, 403))!;
    expect(rec.url).toBe('http://c/app');
    expect(rec.requestHeaders).toEqual([{ name: 'Authorization', value: 'Bearer z' }]);
    expect(rec.redirects.map((x) => [x.url, x.status, x.location, x.requestHeaders[0]?.value])).toEqual([
      ['http://a/login', 302, 'http://b/sso', 'sid=1'],
      ['http://b/sso', 307, 'http://c/app', 'Basic eDp5'],
    ]);
    expect(rec.redirects[0]!.responseHeaders).toContainEqual({ name: 'Location', value: 'http://b/sso' });
    expect(c.pending.size).toBe(0);
  });

  it('marks a failing CORS preflight (its own requestId, OPTIONS + Access-Control-Request-Method)', () => {
    const c = new Capture(config);
    const pre = { requestId: 'p1', url: 'http://api/x', method: 'OPTIONS' };
    c.onSendHeaders(
      sent(pre, 1, [h('Access-Control-Request-Method', 'GET'), h('Access-Control-Request-Headers', 'authorization')]),
    );
    expect(c.onHeadersReceived(received(pre, 2, 401))?.preflight).toBe(true);
    const plainOptions = { requestId: 'p2', url: 'http://api/x', method: 'OPTIONS' };
    c.onSendHeaders(sent(plainOptions, 1));
    expect(c.onHeadersReceived(received(plainOptions, 2, 401))?.preflight).toBe(false);
  });

  it('keeps tabId -1 (a page service worker) as is: the "no tab" bucket', () => {
    const c = new Capture(config);
    const sw = { ...api, requestId: 'sw1', tabId: -1, frameId: -1 };
    c.onSendHeaders(sent(sw, 1, [h('Authorization', 'Bearer q')]));
    const r = c.onHeadersReceived(received(sw, 2, 401))!;
    expect(r.tabId).toBe(-1);
    expect(r.requestHeaders).toHaveLength(1);
  });

  it('numbers an auth retry with the same requestId, and does not double-record onAuthRequired', () => {
    const c = new Capture(config);
    const basic = [h('WWW-Authenticate', 'Basic realm="x"')];
    c.onSendHeaders(sent(api, 1));
    const first = c.onHeadersReceived(received(api, 2, 401, basic));
    expect(c.onAuthRequired(authRequired(api, 3, 401, basic, false))).toBeUndefined();
    // the user typed a password; the browser retries with the same requestId
    c.onSendHeaders(sent(api, 4, [h('Authorization', 'Basic dTpw')]));
    const second = c.onHeadersReceived(received(api, 5, 401, basic));
    expect(c.onAuthRequired(authRequired(api, 6, 401, basic, false))).toBeUndefined();
    expect([first?.id, second?.id]).toEqual(['11-1', '11-2']);
    expect(first!.requestHeaders).toEqual([]);
    expect(second!.requestHeaders).toEqual([{ name: 'Authorization', value: 'Basic dTpw' }]);
  });

  it("records a real proxy's 407 from onAuthRequired when onHeadersReceived did not", () => {
    const c = new Capture(config);
    const req = { ...api, requestId: 'px' };
    c.onSendHeaders(sent(req, 1, [h('Accept', '*/*')]));
    const r = c.onAuthRequired(authRequired(req, 2, 407, [h('Proxy-Authenticate', 'Basic realm="corp"')], true))!;
    expect(r).toMatchObject({
      status: 407,
      source: 'auth-required',
      requestHeaders: [{ name: 'Accept', value: '*/*' }],
    });
    expect(c.pending.size).toBe(0);
  });

  it('turns a server 407 (net::ERR_UNEXPECTED_PROXY_AUTH) into a 407 record and ends other errors silently', () => {
    const c = new Capture(config);
    c.onSendHeaders(sent(api, 1, [h('Authorization', 'Bearer x')]));
    const r = c.onErrorOccurred({ ...sent(api, 2), error: 'net::ERR_UNEXPECTED_PROXY_AUTH' })!;
    expect(r).toMatchObject({ status: 407, statusLine: 'net::ERR_UNEXPECTED_PROXY_AUTH', responseHeaders: [] });
    expect(r.requestHeaders).toHaveLength(1);
    const other = { ...api, requestId: 'e2' };
    c.onSendHeaders(sent(other, 3));
    expect(c.onErrorOccurred({ ...sent(other, 4), error: 'net::ERR_ABORTED' })).toBeUndefined();
    expect(c.pending.size).toBe(0);
  });

  it('records a response whose onSendHeaders was never seen (worker woke late) as headers unknown', () => {
    const c = new Capture(config);
    const r = c.onHeadersReceived(received(api, 2, 403))!;
    expect(r.requestHeadersKnown).toBe(false);
    expect(r.requestHeaders).toEqual([]);
  });

  it("reads Firefox's originUrl as the initiator origin, and binaryValue headers as Latin-1", () => {
    const c = new Capture(config);
    const ff = { requestId: 'f', url: 'http://x/a' };
    c.onSendHeaders({ ...sent(ff, 1), requestHeaders: [{ name: 'X-Bin', binaryValue: [0x63, 0xe9] }] });
    const r = c.onHeadersReceived({ ...received(ff, 2, 401), originUrl: 'http://page.test:8080/some/path?q' })!;
    expect(r.initiator).toBe('http://page.test:8080');
    expect(r.requestHeaders).toEqual([{ name: 'X-Bin', value: 'cé' }]);
  });

  it('bounds the pending map by size: requests that never end are evicted oldest first', () => {
    const c = new Capture(config, { maxPending: 100, maxAgeMs: 1e12, maxPendingBytes: 1e12 });
    for (let i = 0; i < 1000; i++) c.onSendHeaders(sent({ requestId: `n${i}`, url: 'http://x/' }, i));
    expect(c.pending.size).toBeLessThanOrEqual(100);
    expect(c.pending.has('n999')).toBe(true);
    expect(c.pending.has('n0')).toBe(false);
  });

  it('bounds the pending map by bytes: hanging requests with huge headers are evicted oldest first', () => {
    const c = new Capture(config, { maxPending: 1e6, maxAgeMs: 1e12, maxPendingBytes: 5_000_000 });
    const big = [{ name: 'Cookie', value: 'x'.repeat(200_000) }];
    for (let i = 0; i < 2500; i++) c.onSendHeaders(sent({ requestId: `h${i}`, url: 'http://x/' }, i, big));
    // at most one sweep interval of requests beyond the cap (64 while the map is busy)
    expect(c.pendingBytes).toBeLessThanOrEqual(5_000_000);
    expect(c.pending.size * 200_000).toBeLessThanOrEqual(5_000_000 + 64 * 200_100);
    expect(c.pending.has('h2499')).toBe(true);
    expect(c.pending.has('h0')).toBe(false);
    // a request whose entry went keeps being captured, without its request headers
    const r = c.onHeadersReceived(received({ requestId: 'h0', url: 'http://x/' }, 3000, 401))!;
    expect(r.requestHeadersKnown).toBe(false);
  });

  it('cuts a header value over 8 KB with a visible mark', () => {
    const c = new Capture(config);
    const q = { requestId: 'big', url: 'http://x/' };
    c.onSendHeaders(sent(q, 1, [{ name: 'Cookie', value: 'c'.repeat(100_000) }]));
    const r = c.onHeadersReceived(received(q, 2, 401, [{ name: 'WWW-Authenticate', value: 'Bearer' }]))!;
    expect(r.requestHeaders[0]!.value).toHaveLength(8192 + '…[truncated by AuthLens: 91808 more characters]'.length);
    expect(r.requestHeaders[0]!.value.endsWith('…[truncated by AuthLens: 91808 more characters]')).toBe(true);
    expect(r.responseHeaders[0]!.value).toBe('Bearer');
  });

  it('bounds the pending map by age (by event time, no clock of its own)', () => {
    const c = new Capture(config, { maxPending: 1e6, maxAgeMs: 60_000, maxPendingBytes: 1e12 });
    for (let i = 0; i < 10; i++) c.onSendHeaders(sent({ requestId: `old${i}`, url: 'http://x/' }, 1000 + i));
    // thousands of later requests that finish normally trigger the periodic sweep
    for (let i = 0; i < 2000; i++) {
      const r = { requestId: `ok${i}`, url: 'http://x/' };
      c.onSendHeaders(sent(r, 100_000 + i));
      c.onHeadersReceived(received(r, 100_000 + i, 200));
    }
    expect([...c.pending.keys()].filter((k) => k.startsWith('old'))).toEqual([]);
    c.onSendHeaders(sent({ requestId: 'fresh', url: 'http://x/' }, 200_000));
    c.sweep(200_001);
    expect(c.pending.has('fresh')).toBe(true);
  });

  it('a redirect that never sends its next hop does not leak its hops', () => {
    const c = new Capture(config, { maxPending: 10, maxAgeMs: 1e12, maxPendingBytes: 1e12 });
    for (let i = 0; i < 200; i++) {
      const r = { requestId: `rd${i}`, url: 'http://x/' };
      c.onSendHeaders(sent(r, i));
      c.onHeadersReceived(received(r, i, 302));
      c.onBeforeRedirect(redirected(r, i, 302, 'http://y/'));
    }
    c.sweep(1000);
    expect((c as unknown as { hops: Map<string, unknown> }).hops.size).toBeLessThanOrEqual(10);
  });

  it('hands over the main-frame request of a navigation once (first hop start, last hop url)', () => {
    const c = new Capture(config);
    const nav = { requestId: 'm', url: 'http://a/', type: 'main_frame', tabId: 3 };
    c.onSendHeaders(sent(nav, 100));
    c.onHeadersReceived(received(nav, 101, 302));
    c.onBeforeRedirect(redirected(nav, 102, 302, 'http://a/login'));
    c.onSendHeaders(sent({ ...nav, url: 'http://a/login' }, 103));
    expect(c.takeMainFrame(3)).toEqual({ url: 'http://a/login', start: 100 });
    expect(c.takeMainFrame(3)).toBeUndefined();
  });
});

describe('capture: sign-in flow failures without an auth status', () => {
  it('records the redirect that carries an authorization error, then the request goes on', () => {
    const c = new Capture(config);
    const silent: Req = {
      requestId: 'f1',
      url: 'http://localhost:3/auth?client_id=spa&response_type=code&prompt=none&state=s1',
      type: 'sub_frame',
      frameId: 3,
    };
    c.onSendHeaders(sent(silent, 1));
    const back = 'http://127.0.0.1:1/signin/silent-callback?error=login_required&state=s1';
    const r = c.onHeadersReceived(redirected(silent, 2, 303, back));
    expect(r).toMatchObject({ status: 303, type: 'sub_frame', responseHeaders: [{ name: 'Location', value: back }] });
    c.onBeforeRedirect(redirected(silent, 2, 303, back));
    c.onSendHeaders(sent({ ...silent, url: back }, 3));
    expect(c.onHeadersReceived(received({ ...silent, url: back }, 4, 200))).toBeUndefined();
    expect(c.pending.size).toBe(0);
  });

  it('records a token endpoint’s 400 and an authorization endpoint’s error page', () => {
    const c = new Capture(config);
    const token: Req = { requestId: 't1', url: 'http://localhost:3/token', method: 'POST' };
    c.onSendHeaders(sent(token, 1));
    expect(c.onHeadersReceived(received(token, 2, 400, [h('Content-Type', 'application/json')]))?.status).toBe(400);
    const auth: Req = {
      requestId: 'a1',
      url: 'http://localhost:3/auth?response_type=code&client_id=x',
      type: 'main_frame',
    };
    c.onSendHeaders(sent(auth, 3));
    expect(c.onHeadersReceived(received(auth, 4, 400))?.status).toBe(400);
    const other: Req = { requestId: 'o1', url: 'http://127.0.0.1:1/api/items', method: 'POST' };
    c.onSendHeaders(sent(other, 5));
    expect(c.onHeadersReceived(received(other, 6, 400))).toBeUndefined();
  });

  it('records a fetch redirected to a login page that answered 200 HTML, with its hops', () => {
    const c = new Capture(config);
    const shop: Req = { requestId: 's1', url: 'http://127.0.0.1:1/shop/api/cart' };
    const login = 'http://127.0.0.1:1/shop/login?next=%2Fshop%2Fapi%2Fcart';
    c.onSendHeaders(sent(shop, 1, [h('Accept', '*/*')]));
    expect(c.onHeadersReceived(redirected(shop, 2, 302, login))).toBeUndefined();
    c.onBeforeRedirect(redirected(shop, 2, 302, login));
    c.onSendHeaders(sent({ ...shop, url: login }, 3));
    const r = c.onHeadersReceived(received({ ...shop, url: login }, 4, 200, [h('Content-Type', 'text/html')]));
    expect(r).toMatchObject({ status: 200, url: login, redirects: [{ status: 302, location: login }] });
    // the same page loaded as a document, or a 200 that never redirected, is no failure
    const page: Req = { requestId: 's2', url: login };
    c.onSendHeaders(sent(page, 5));
    expect(c.onHeadersReceived(received(page, 6, 200, [h('Content-Type', 'text/html')]))).toBeUndefined();
  });
});

describe('capture: a sign-in flow as context', () => {
  it('keeps the authorize step that redirected with a code and state, and watches the tab after it', () => {
    const c = new Capture(config);
    const seen: { tabId: number; url: string; status: number }[] = [];
    c.onContext = (tabId, e) => seen.push({ tabId, url: e.url, status: e.status });
    const auth: Req = { requestId: 'z1', url: 'http://localhost:3/auth/uid-1', type: 'main_frame', tabId: 9 };
    c.onSendHeaders(sent(auth, 1));
    const back = 'http://127.0.0.1:1/signin/callback?code=abc&state=s1&iss=x';
    c.onBeforeRedirect(redirected(auth, 2, 303, back));
    expect(seen).toEqual([{ tabId: 9, url: auth.url, status: 303 }]);
    // the callback that follows is context now
    c.onSendHeaders(sent({ ...auth, url: back }, 3));
    c.onHeadersReceived(received({ ...auth, url: back }, 4, 200));
    expect(seen.map((s) => s.status)).toEqual([303, 200]);
    // a redirect that is no authorization response leaves nothing
    const plain: Req = { requestId: 'z2', url: 'http://127.0.0.1:1/old', tabId: 10 };
    c.onSendHeaders(sent(plain, 5));
    c.onBeforeRedirect(redirected(plain, 6, 302, 'http://127.0.0.1:1/new?state=1'));
    expect(seen).toHaveLength(2);
  });
});
