// What `npm run fuzz` feeds hostile input to, and what must hold for every input: no exception,
// and per target an invariant (a planted secret never survives masking, a glob agrees with its
// regex). Each target also grows one hostile input of each shape to a given size, so the report
// can show time rising linearly with size. The unit suite runs a slice of the same properties
// (test/scripts/fuzz.test.ts).
import fc from 'fast-check';
import { decodeJwt, diagnose, inspectCredentials, parseChallenges, type Exchange } from '../../src/analysis/index.ts';
import { fromHar } from '../../src/har/read.ts';
import { readBody } from '../../src/har/fields.ts';
import { matchesTerms, parseFilter, wildcard, type Facts } from '../../src/panel/filter.ts';
import { maskRecord } from '../../src/redact/record.ts';
import { maskHeaderValue, maskText, maskUrl } from '../../src/redact/secrets.ts';
import type { CaptureRecord, Header } from '../../src/shared/types.ts';

export interface Target<I> {
  name: string;
  input: fc.Arbitrary<I>;
  /** characters of the input, for the time-per-size table */
  size: (i: I) => number;
  /** runs the code under test; throws = an exception; returns a message when an invariant broke */
  run: (i: I) => string | undefined;
  /** hostile inputs of about n characters, one per shape */
  grow: (n: number) => I[];
}

// ---------- shared pieces ----------

const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
/** strings over a small alphabet of the syntax at hand: random text rarely reaches deep parser states */
const grammar = (units: string[], maxLength = 60): fc.Arbitrary<string> =>
  fc.array(pick(...units), { maxLength }).map((xs) => xs.join(''));
const text = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const repeat = (s: string, n: number): string => s.repeat(Math.max(1, Math.floor(n / s.length)));

const HEADER_NAMES = [
  'Authorization',
  'Proxy-Authorization',
  'Cookie',
  'Set-Cookie',
  'WWW-Authenticate',
  'Proxy-Authenticate',
  'X-Api-Key',
  'Location',
  'Date',
  'Content-Type',
  'DPoP',
  'X-Amz-Security-Token',
  'Origin',
  'Referer',
  'Sec-Fetch-Site',
  'X-GitHub-SSO',
  'cf-mitigated',
  'X-CSRF-Token',
];
const SCHEMES = ['Bearer', 'Basic', 'Digest', 'DPoP', 'Negotiate', 'AWS4-HMAC-SHA256', 'Token', 'NTLM', 'x'];
const CHALLENGE_UNITS = [
  ...SCHEMES,
  ' ',
  ',',
  '=',
  '"',
  '\\',
  'realm',
  'error',
  'scope',
  'nonce',
  'stale',
  'true',
  'invalid_token',
  'a',
  'ab==',
  '\t',
  '\n',
  ';',
];

function jwtOf(header: unknown, payload: unknown): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

const jsonish = fc.jsonValue({ maxDepth: 4 });
const jwtArb = fc.oneof(
  fc.tuple(jsonish, jsonish).map(([h, p]) => jwtOf(h, p)),
  fc
    .tuple(
      fc.record({ alg: pick('HS256', 'RS256', 'none', 'ES256') }),
      fc.record({ exp: fc.double(), aud: fc.jsonValue() }),
    )
    .map(([h, p]) => jwtOf(h, p)),
  grammar(['eyJ', '.', 'a', '_', '-', '=', 'e30', 'eyJhbGciOiJub25lIn0', '%', ' '], 40),
  text(120),
);

const headerArb: fc.Arbitrary<Header> = fc.record({
  name: fc.oneof(pick(...HEADER_NAMES), fc.string({ maxLength: 20 })),
  value: fc.oneof(
    text(120),
    grammar(CHALLENGE_UNITS, 30),
    jwtArb.map((t) => `Bearer ${t}`),
    fc.string({ maxLength: 40 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
  ),
});

const urlArb = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  text(100),
  grammar(['https://', 'a', '.', '/', '?', '&', '#', '=', 'code', 'access_token', '@', ':', ';jsessionid=', '%'], 40),
);

const bodyArb = fc.oneof(
  jsonish.map((v) => JSON.stringify(v)),
  grammar(['<p>', '</p>', '<title>', 'CSRF', 'token', ' expired', '{"error":', '"', '}', 'a=b', '&', '\n'], 80),
  text(400),
);

const exchangeArb: fc.Arbitrary<Exchange> = fc.record(
  {
    url: urlArb,
    method: pick('GET', 'POST', 'OPTIONS', 'PUT', ''),
    status: fc.oneof(pick(200, 401, 403, 407, 419, 440, 498, 302, 500, 0), fc.integer({ min: -1, max: 1000 })),
    timeStamp: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), pick(Number.NaN, -1, 0)),
    requestHeaders: fc.array(headerArb, { maxLength: 8 }),
    responseHeaders: fc.array(headerArb, { maxLength: 8 }),
    responseBody: bodyArb,
    redirects: fc.array(
      fc.record({ url: urlArb, status: pick(301, 302, 307), requestHeaders: fc.array(headerArb, { maxLength: 3 }) }),
      { maxLength: 2 },
    ),
    type: pick('xmlhttprequest', 'main_frame', 'other'),
    initiator: urlArb,
  },
  { requiredKeys: ['url', 'method', 'status', 'timeStamp', 'requestHeaders', 'responseHeaders'] },
);

const exchangeSize = (e: Exchange): number =>
  e.url.length +
  (e.responseBody?.length ?? 0) +
  [...e.requestHeaders, ...e.responseHeaders].reduce((n, h) => n + h.name.length + h.value.length, 0);

function exchangeWith(headers: Header[], body?: string, url = 'https://api.example.com/x'): Exchange {
  return {
    url,
    method: 'GET',
    status: 401,
    timeStamp: 1_790_000_000_000,
    requestHeaders: headers,
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api"' }],
    ...(body !== undefined ? { responseBody: body } : {}),
  };
}

// ---------- the targets ----------

const challenge: Target<string> = {
  name: 'challenge parser',
  input: fc.oneof(grammar(CHALLENGE_UNITS, 80), text(200)),
  size: (s) => s.length,
  run: (s) => {
    const r = parseChallenges([s, s]);
    return Array.isArray(r.challenges) ? undefined : 'no challenge list';
  },
  grow: (n) => [
    `Bearer ${repeat('a="b", ', n)}`,
    `Digest realm="${repeat('\\"', n)}`,
    `Basic ${repeat('=', n)}`,
    repeat('Bearer, ', n),
    `x ${repeat('a=', n)}`,
  ],
};

const jwt: Target<string> = {
  name: 'JWT decoder',
  input: jwtArb,
  size: (s) => s.length,
  run: (s) => {
    const d = decodeJwt(s);
    return 'error' in d || (typeof d.payload === 'object' && d.payload !== null) ? undefined : 'no payload object';
  },
  grow: (n) => {
    const levels = Math.floor(n / 8);
    return [
      `${b64url('{"alg":"HS256"}')}.${b64url(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`)}.c2ln`,
      `${b64url('{"alg":"HS256"}')}.${b64url(`[${repeat('1,', n * 0.7)}1]`)}.c2ln`,
      `eyJ${repeat('a', n)}`,
      repeat('eyJ.', n),
    ];
  },
};

const body: Target<string> = {
  name: 'body reader (HAR content, engine body hints)',
  input: bodyArb,
  size: (s) => s.length,
  run: (s) => {
    readBody({ text: s, mimeType: 'application/json' });
    readBody({ text: Buffer.from(s).toString('base64'), encoding: 'base64', mimeType: 'text/html' });
    diagnose(exchangeWith([], s));
    return undefined;
  },
  grow: (n) => [
    `${'{"error":'.repeat(Math.floor(n / 9))}`,
    repeat('<div><p>', n),
    repeat('a=b&', n),
    `{"error_description":"${repeat('\\u00e9', n)}"}`,
    repeat('CSRF token missing. ', n),
  ],
};

interface HarInput {
  doc: unknown;
  text: string;
}

const harEntry = fc.record({
  startedDateTime: fc.oneof(pick('2026-11-22T18:04:05.000Z', 'not a date'), fc.string({ maxLength: 10 })),
  request: fc.record({
    method: fc.oneof(pick('GET', 'POST'), fc.jsonValue({ maxDepth: 1 })),
    url: fc.oneof(urlArb, fc.jsonValue({ maxDepth: 1 })),
    headers: fc.oneof(
      fc.array(fc.record({ name: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 1 }) }), {
        maxLength: 5,
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    cookies: fc.jsonValue({ maxDepth: 2 }),
  }),
  response: fc.record({
    status: fc.oneof(pick(401, 403, 200, 0), fc.jsonValue({ maxDepth: 1 })),
    headers: fc.array(
      fc.record({ name: pick('WWW-Authenticate', 'Content-Type', '__proto__'), value: fc.string({ maxLength: 40 }) }),
      { maxLength: 4 },
    ),
    content: fc.record({
      text: bodyArb,
      mimeType: pick('application/json', 'text/html', 'image/png', ''),
      encoding: pick(undefined, 'base64'),
    }),
  }),
  _resourceType: pick('fetch', 'document', '__proto__', 'constructor', 'toString', 'xhr'),
  _authlens: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 })),
});

const har: Target<HarInput> = {
  name: 'HAR import',
  input: fc
    .oneof(
      fc.array(harEntry, { maxLength: 4 }).map((entries) => ({ log: { version: '1.2', entries } })),
      fc.jsonValue({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
    )
    .map((doc) => {
      // "__proto__" as an own key, the way JSON.parse makes it from a hostile file
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc).replaceAll('"constructor"', '"__proto__"');
      return { doc, text };
    }),
  size: (i) => i.text.length,
  run: (i) => {
    for (const input of [i.doc, i.text]) {
      const r = fromHar(input, { tabId: 1 });
      for (const rec of r.records) if (typeof rec.type !== 'string') return `type ${typeof rec.type}`;
    }
    return undefined;
  },
  grow: (n) => {
    const entry = {
      startedDateTime: '2026-11-22T18:04:05.000Z',
      request: { method: 'GET', url: 'https://a.example/x', headers: [{ name: 'Authorization', value: 'Bearer x' }] },
      response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Bearer' }], content: { text: '{}' } },
      _resourceType: '__proto__',
    };
    const one = JSON.stringify(entry).length;
    const many = JSON.stringify({
      log: { entries: Array.from({ length: Math.max(1, Math.floor(n / one)) }, () => entry) },
    });
    const wide = JSON.stringify({
      log: {
        entries: [
          { ...entry, request: { ...entry.request, headers: [{ name: 'Cookie', value: repeat('a=b; ', n) }] } },
        ],
      },
    });
    return [many, wide].map((text) => ({ doc: JSON.parse(text) as unknown, text }));
  },
};

interface FilterInput {
  text: string;
  pattern: string;
  host: string;
}

const facts = (host: string): Facts => ({
  status: 401,
  method: 'get',
  host,
  schemes: ['bearer'],
  findings: ['token-expired'],
  text: `https://${host}/x get 401`,
});

/** the regex a glob stands for: exponential on hostile input, so only asked about short ones */
const globRegex = (p: string): RegExp =>
  new RegExp(
    `^${p
      .split('*')
      .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

const filter: Target<FilterInput> = {
  name: 'filter parser and domain glob',
  input: fc.record({
    text: fc.oneof(
      grammar(['status:', 'domain:', '-', '"', ' ', '*', 'a', '4xx', 'finding:', 'x', ':'], 40),
      text(100),
    ),
    pattern: grammar(['*', 'a', 'b', '.', '-'], 10),
    host: grammar(['a', 'b', '.', '-'], 14),
  }),
  size: (i) => i.text.length + i.pattern.length + i.host.length,
  run: (i) => {
    matchesTerms(parseFilter(i.text), facts(i.host));
    matchesTerms(parseFilter(`domain:${i.pattern}`), facts(i.host));
    return wildcard(i.pattern, i.host) === globRegex(i.pattern).test(i.host)
      ? undefined
      : `glob ${i.pattern} on ${i.host}`;
  },
  grow: (n) => {
    const host = 'a'.repeat(253);
    return [
      { text: `domain:${repeat('*a', n)}*b`, pattern: `${repeat('*a', n)}*b`, host },
      { text: repeat('domain:*a*b "x y" -status:4xx ', n), pattern: repeat('a*', n), host },
      { text: repeat('"', n), pattern: repeat('*', n), host },
    ];
  },
};

interface RedactInput {
  secret: string;
  record: CaptureRecord;
}

const SECRET_PLACES = [
  'bearer',
  'cookie',
  'query',
  'fragment',
  'apikey',
  'location',
  'body-json',
  'body-form',
  'userinfo',
  'digest-uri',
] as const;

function planted(secret: string, place: (typeof SECRET_PLACES)[number], extra: Header[], body: string): CaptureRecord {
  const requestHeaders: Header[] = [...extra];
  const responseHeaders: Header[] = [];
  let url = 'https://api.example.com/v1/x?page=2';
  let responseBody = body;
  if (place === 'bearer') requestHeaders.push({ name: 'Authorization', value: `Bearer ${secret}` });
  if (place === 'cookie') requestHeaders.push({ name: 'Cookie', value: `a=1; sid=${secret}; b=2` });
  if (place === 'query') url += `&access_token=${secret}`;
  if (place === 'fragment') url += `#id_token=${secret}&state=1`;
  if (place === 'apikey') requestHeaders.push({ name: 'X-Api-Key', value: secret });
  if (place === 'location') responseHeaders.push({ name: 'Location', value: `https://app.example/cb?code=${secret}` });
  if (place === 'body-json') responseBody += `{"refresh_token":"${secret}"}`;
  if (place === 'body-form') responseBody += `&client_secret=${secret}&x=1`;
  if (place === 'userinfo') url = `https://user:${secret}@api.example.com/`;
  if (place === 'digest-uri')
    requestHeaders.push({
      name: 'Authorization',
      value: `Digest username="u", uri="/x?token=${secret}", response="r"`,
    });
  return {
    id: 'f-1',
    requestId: 'f',
    tabId: 1,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url,
    status: 401,
    statusLine: 'HTTP/1.1 401',
    time: 0,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders,
    responseHeaders,
    redirects: [],
    responseBody,
  };
}

const redact: Target<RedactInput> = {
  name: 'redaction',
  input: fc
    .record({
      secret: fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/),
      place: pick(...SECRET_PLACES),
      extra: fc.array(headerArb, { maxLength: 4 }),
      body: bodyArb,
    })
    .map(({ secret, place, extra, body }) => ({ secret, record: planted(secret, place, extra, body) })),
  size: (i) =>
    i.record.url.length +
    (i.record.responseBody?.length ?? 0) +
    [...i.record.requestHeaders, ...i.record.responseHeaders].reduce((n, h) => n + h.value.length, 0),
  run: (i) => {
    const out = JSON.stringify(maskRecord(i.record, { reveal: false }));
    for (const h of i.record.requestHeaders) maskHeaderValue(h.name, h.value);
    maskText(i.record.responseBody ?? '');
    maskUrl(i.record.url);
    const at = out.indexOf(i.secret);
    return at < 0 ? undefined : `secret survived masking: …${out.slice(Math.max(0, at - 80), at + 60)}…`;
  },
  grow: (n) => {
    const secret = 'Zq7'.repeat(10);
    return [
      { secret, record: planted(secret, 'body-json', [], repeat('"access_token":"', n)) },
      { secret, record: planted(secret, 'body-form', [], repeat('eyJa.', n)) },
      { secret, record: planted(secret, 'query', [{ name: 'X-Debug', value: repeat('a=b&', n) }], '') },
      { secret, record: planted(secret, 'cookie', [], repeat('Bearer a1b2c3d4e5 ', n)) },
      { secret, record: planted(secret, 'location', [], repeat('https://a/?code=x&', n)) },
    ];
  },
};

const diagnoseTarget: Target<Exchange> = {
  name: 'diagnose',
  input: exchangeArb,
  size: exchangeSize,
  run: (e) => {
    const d = diagnose(e, { now: 1_790_000_000_000 });
    inspectCredentials(e);
    return typeof d.summary === 'string' && Array.isArray(d.findings) ? undefined : 'no diagnosis';
  },
  grow: (n) => [
    exchangeWith(
      Array.from({ length: Math.max(1, Math.floor(n / 40)) }, (_, i) => ({ name: `X-H${i}`, value: 'v'.repeat(30) })),
    ),
    exchangeWith([{ name: 'Cookie', value: repeat('a=eyJb.c.d; ', n) }]),
    exchangeWith([{ name: 'Authorization', value: `Bearer ${repeat('a', n)}` }]),
    exchangeWith([], undefined, `https://api.example.com/x?${repeat('access_token=a&', n)}`),
  ],
};

export const TARGETS = [challenge, jwt, body, har, filter, redact, diagnoseTarget] as Target<unknown>[];
