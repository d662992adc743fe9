// Where and how credentials travel: in the URL, over plain http, and whose clock is right.
import type { Inspection, Rule } from '../inspect.ts';
import type { Statement } from '../vendors/statements.ts';
import { challengeEvidence, statedEvidence } from './evidence.ts';
import { consumer, defineFindings, ev, list, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { maskSecret } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { MDN_COOKIES, link, rfc } from '../refs.ts';

const SKEW_MS = 60_000;

export const TRANSPORT = defineFindings('transport', {
  'token-in-query': {
    title: 'Credential in the URL',
    severity: 'warning',
    means:
      'The credential travels in the query string. It works, but URLs end up in server logs, proxies, browser ' +
      'history and Referer headers (RFC 6750 §2.3), where whoever reads them can use it.',
    restsOn:
      'A query parameter named access_token, api_key, apikey, api-key, token, key, id_token, auth_token or ' +
      'X-Amz-Security-Token, with a value.',
    fixes: [
      consumer(
        'Move the credential into a header.',
        code('js', 'fetch(url, { headers: { Authorization: `Bearer ${token}` } })'),
      ),
    ],
    references: [rfc(6750, '2.3'), rfc(9700, '4.3.2')],
  },
  'insecure-transport': {
    title: 'Plain http to a non-local host',
    severity: 'warning',
    means:
      'Credentials went unencrypted: anyone on the path can read and replay them. Browsers also never send ' +
      'Secure cookies over http, which can explain a missing session.',
    restsOn:
      'An http: URL to a host that is not loopback (localhost, 127.0.0.0/8, ::1), for a request that carried ' +
      'credentials or failed authentication.',
    fixes: [
      consumer('Call the https URL.'),
      server('Redirect http to https and send HSTS.', code('http', 'Strict-Transport-Security: max-age=31536000')),
    ],
    references: [rfc(6750, '5.3'), MDN_COOKIES],
  },
  'credential-wrong-place': {
    title: 'Credential sent where the API does not read it',
    severity: 'error',
    means:
      'A credential went out, but in a header (or a spelling of one) the API does not read, so the server ' +
      'says none arrived: an Azure API Management subscription key sent as a Bearer token, a key in X-API-Key ' +
      'where the API wants Authorization: Bearer, a misspelled Authorization header.',
    restsOn:
      'The server saying no credential arrived (a body message or vendor row such as "missing subscription ' +
      'key", "You didn’t provide an API key"), while the request carried one elsewhere; the header the API ' +
      'reads comes from the vendor row, a challenge parameter naming it (APIM name="Ocp-Apim-Subscription-' +
      'Key"), the body naming it ("No `apikey` request header", "in the Authorization header", Apigee\'s ' +
      "request.queryparam.apikey), or the challenge’s scheme (Authorization); where none names it, the body's " +
      'words must say nothing arrived ("no … found", "credentials not found", "missing", "not provided").',
    fixes: [consumer('Send the credential in the header the API documents, spelled exactly.')],
    references: [
      link(
        'Azure API Management: subscriptions',
        'https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions',
      ),
      rfc(9110, '11.6.2'),
    ],
  },
  'client-certificate-required': {
    title: 'A client certificate (mTLS) is required',
    severity: 'error',
    means:
      'The server, or the TLS-terminating proxy in front of it, wants a client certificate in the TLS handshake ' +
      '(mutual TLS) and got none, or one it does not trust. Tokens, cookies and keys do not replace it; a ' +
      'browser only sends one it has installed and the user picked.',
    restsOn:
      'nginx’s 400 pages "No required SSL certificate was sent" and "The SSL certificate error" (and its 495 / ' +
      '496 statuses), IIS 403.7, and texts naming a missing or rejected client certificate.',
    fixes: [
      consumer('Install the client certificate (browser or OS store) or pass it to the client (curl --cert).'),
      server('Check ssl_client_certificate / ssl_verify_client (nginx) or the IIS SSL settings for the site.'),
    ],
    references: [
      link('nginx: ssl_verify_client and its errors', 'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors'),
      rfc(8446, '4.3.2'),
    ],
  },
  'clock-skew': {
    title: "Browser clock differs from the server's",
    severity: 'warning',
    means:
      'The clocks disagree. Tokens judged by the client clock expire early or late, and signed requests (AWS ' +
      'SigV4, HMAC schemes) are refused: AWS accepts a request time only within minutes of its own.',
    restsOn:
      `The response Date against the time the browser recorded, more than ${SKEW_MS / 1000} s apart; for AWS, ` +
      'the error codes RequestTimeTooSkewed and RequestExpired, or an X-Amz-Date more than 5 minutes from Date ' +
      '(then an error).',
    fixes: [consumer('Turn on automatic time sync (NTP); judge token expiry by the server Date.')],
    references: [
      rfc(9110, '6.6.1'),
      link('AWS: RequestTimeTooSkewed', 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html'),
    ],
  },
});

// A header the body names ("No `apikey` request header or url param was found", "add a header for
// either X-Postmark-Server-Token or …"): quoted, or hyphenated like a header name.
const QUOTED_HEADER = /[`'"]([A-Za-z][\w-]{1,60})[`'"] (?:request )?header\b/;
// Apigee names the flow variable it read (request.queryparam.apikey, request.header.x-api-key).
const FLOW_VARIABLE = /\brequest\.(?:queryparam|header)\.([\w-]{1,60})/;
const ABSENT =
  /\bno\b[^.]{0,40}\b(found|provided|supplied|sent|given|present)\b|\bmissing\b|not (been )?(provided|supplied|present)|\bnot found\b/i;
const AUTHORIZATION_FIELD = /\bauthorization (?:field|header)\b/i;
const HEADER_FOR = /\bheader (?:named |called )?(?:for )?(?:either )?[`'"]?([A-Za-z][\w]{0,30}-[\w-]{1,60})/i;

/** The request header the server reads its credential from, when the response or a vendor row says. */
function expectedHeader(c: Inspection, s: Statement): string | undefined {
  if (s.row?.expects) return s.row.expects;
  const said = QUOTED_HEADER.exec(c.body.plain) ?? FLOW_VARIABLE.exec(c.body.plain) ?? HEADER_FOR.exec(c.body.plain);
  if (said) return said[1];
  if (AUTHORIZATION_FIELD.test(c.body.plain)) return 'Authorization';
  const named = c.challenges.find((x) => x.params.name && (x.params.type ?? 'header') === 'header');
  if (named) return named.params.name;
  return c.challenges.some((x) => /^(bearer|basic|token|dpop)$/i.test(x.scheme)) ? 'Authorization' : undefined;
}

function wrongPlace(c: Inspection): Draft | undefined {
  const s = c.statements.find((x) => x.id === 'no-credentials');
  if (!s) return undefined;
  const expects = expectedHeader(c, s);
  // Where the server does not name its header, only words that say nothing arrived count ("No API key
  // found", "missing token"); "authentication required" is also how servers refuse a bad token.
  if (!expects && !ABSENT.test(s.quote)) return undefined;
  const sentHeaders = c.ex.requestHeaders.map((h) => h.name.toLowerCase());
  const sentThere =
    expects !== undefined &&
    (sentHeaders.includes(expects.toLowerCase()) ||
      c.queryTokens.some((q) => q.name.toLowerCase() === expects.toLowerCase()));
  if (sentThere) return undefined;
  const sent = [
    ...(c.auth ? ['Authorization'] : []),
    ...c.apiKeys.map((k) => k.name),
    ...c.queryTokens.map((q) => `?${q.name}`),
  ];
  if (!sent.length) return undefined;
  if (!expects)
    return TRANSPORT.draft('credential-wrong-place', {
      summary:
        `A credential went in ${sent[0]}, but the server says none arrived: "${s.quote}"; ` +
        'send it where the API documents',
      explanation:
        `The request carried a credential in ${list(sent)}, and the server says it found none: it reads ` +
        'its credential from another header, parameter or scheme than the one used.',
      evidence: [ev('Sent in', sent.join(', ')), ...statedEvidence(c, s), ...challengeEvidence(c)],
    });
  return TRANSPORT.draft('credential-wrong-place', {
    summary: `A credential went in ${sent[0]}, but ${s.row?.vendor ?? 'the server'} reads ${expects}: send it there`,
    explanation:
      `The request carried a credential in ${list(sent)}, and the server says none arrived: ` +
      `${s.row?.explain ?? `it reads ${expects}.`}`,
    evidence: [
      ev('Sent in', sent.join(', ')),
      ev('Read from', expects),
      ...statedEvidence(c, s),
      ...challengeEvidence(c),
    ],
    fixes: [consumer(`Send the credential in ${expects}.`), ...(s.row ? [consumer(s.row.fix)] : [])],
    ...(s.row ? { references: [link(`${s.row.vendor}: documentation`, s.row.doc)] } : {}),
  });
}

export const transport: Rule = (c) => {
  const out: Draft[] = [];
  const misplaced = wrongPlace(c);
  if (misplaced) out.push(misplaced);
  const cert = c.statements.find((x) => x.id === 'client-certificate-required');
  if (cert || c.status === 495 || c.status === 496) {
    out.push(
      TRANSPORT.draft('client-certificate-required', {
        summary:
          'A client certificate (mutual TLS) is required' +
          `${cert ? `: "${cert.quote}"` : ` (status ${c.status})`}; tokens and cookies do not replace it`,
        evidence: [
          ev('Status', String(c.status)),
          ...statedEvidence(c, cert),
          ...(c.res('server') ? [ev('Server', c.res('server')!)] : []),
        ],
      }),
    );
  }
  if (c.queryTokens.length) {
    const names = c.queryTokens.map((q) => q.name);
    out.push(
      TRANSPORT.draft('token-in-query', {
        summary: `Credential in the URL (?${names[0]}=): it leaks into logs and history; send it in a header`,
        explanation:
          `The query carries ${list(names)}. It works, but URLs end up in server logs, proxies, browser history ` +
          'and Referer headers (RFC 6750 §2.3).',
        evidence: c.queryTokens.map((q) => ev(`?${q.name}`, maskSecret(q.value))),
      }),
    );
  }
  if (c.url?.protocol === 'http:' && !c.loopback && (c.hasCredentials || c.failure)) {
    const what = [
      c.auth && 'Authorization',
      c.cookies.length && 'cookies',
      c.apiKeys.length && 'API key',
      c.queryTokens.length && 'URL token',
    ].filter((x): x is string => !!x);
    out.push(
      TRANSPORT.draft('insecure-transport', {
        summary: what.length
          ? `Credentials (${list(what)}) sent over plain http to ${c.host}: use https`
          : `Plain http to ${c.host}: Secure cookies are not sent; use https`,
        explanation:
          (what.length
            ? `The ${list(what)} went unencrypted: anyone on the path can read and replay them.`
            : 'No credentials went out.') +
          ' Browsers also never send Secure cookies over http, which can explain a missing session.',
        evidence: [ev('URL scheme', 'http'), ev('Host', c.host)],
      }),
    );
  }
  if (c.serverTime !== undefined && c.clientTime !== undefined && Math.abs(c.clientTime - c.serverTime) > SKEW_MS) {
    const d = c.clientTime - c.serverTime;
    out.push(
      TRANSPORT.draft('clock-skew', {
        summary:
          `Browser clock is ${formatDuration(d)} ${d > 0 ? 'ahead of' : 'behind'} the server: ` +
          'sync the system clock',
        explanation:
          `The response Date is ${formatUtc(c.serverTime)} but the browser recorded ${formatUtc(c.clientTime)}. ` +
          'Tokens judged by the client clock expire early or late; signed requests (AWS, HMAC) fail.',
        evidence: [
          ev('Server time (Date)', formatUtc(c.serverTime)),
          ev('Browser time', formatUtc(c.clientTime)),
          ev('Difference', formatDuration(d)),
        ],
      }),
    );
  }
  return out;
};
