// Where and how credentials travel: in the URL, over plain http, and whose clock is right.
import type { Rule } from '../inspect.ts';
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

export const transport: Rule = (c) => {
  const out: Draft[] = [];
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
