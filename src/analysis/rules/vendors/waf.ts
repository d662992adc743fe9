// WAF / bot protection answering instead of the app: Cloudflare, AWS WAF, Akamai, Imperva, Sucuri.
import type { Inspection, Rule } from '../../inspect.ts';
import { consumer, defineFindings, ev, server } from '../../finding.ts';
import { link } from '../../refs.ts';
import { WAF_SIGNS } from '../../vendors/waf-signs.ts';
import { mayFind } from '../../vendors/text-filter.ts';

export const WAF = defineFindings('vendors', {
  'waf-block': {
    title: 'A firewall or bot check blocked the request',
    severity: 'error',
    means:
      'A web application firewall or bot protection in front of the site answered before the request reached ' +
      'the application: a bot challenge, a firewall rule or a rate rule. Changing credentials will not help.',
    restsOn:
      'Cloudflare cf-mitigated, or Server: cloudflare with cf-ray on a 403 HTML page; AWS WAF x-amzn-waf-* ' +
      'headers (x-amzn-waf-action); Akamai Server: AkamaiGHost on a 403 (its "Reference #" page); Imperva ' +
      'x-iinfo; Sucuri x-sucuri-block or x-sucuri-id on an error; Vercel x-vercel-mitigated; Azure Application ' +
      'Gateway’s own 403 and Front Door’s "The request is blocked."; and the default block pages of AWS WAF (an ' +
      'ALB’s bare 403 or "Request blocked", CloudFront’s "Request blocked."), Imperva ("Incapsula incident ' +
      'ID"), F5 BIG-IP ASM ("The requested URL was rejected … support ID", even on a 200), Akamai and Sucuri.',
    fixes: [
      consumer('Open the URL in a normal tab to pass the challenge, or ask the site owner to allow this client.'),
      server('Check the WAF event log for the ray/reference id and add a rule for API clients.'),
    ],
    references: [
      link(
        'Cloudflare: challenge detection',
        'https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/',
      ),
    ],
  },
});

type Hit = [vendor: string, sign: string, doc?: string];

function detect(c: Inspection): Hit | undefined {
  return c.status >= 400 ? (byHeaders(c) ?? byPage(c)) : byPage(c);
}

/** The block pages of WAF_SIGNS; a row with an empty status list also reads successes. */
function byPage(c: Inspection): Hit | undefined {
  for (const row of WAF_SIGNS) {
    if (row.status ? row.status.length > 0 && !row.status.includes(c.status) : c.status < 400) continue;
    if (row.server && !row.server.test(c.res('server') ?? '')) continue;
    if (row.header && !row.header[1].test(c.res(row.header[0]) ?? '')) continue;
    if (row.text && !(mayFind(row.text, c.body.text) && row.text.test(c.body.text))) continue;
    return [row.vendor, row.sign, row.doc];
  }
  return undefined;
}

/** Vendor headers: Imperva and Sucuri mark every answer, so only a refusal counts. */
function byHeaders(c: Inspection): Hit | undefined {
  const mitigated = c.res('cf-mitigated');
  if (mitigated) return ['Cloudflare', `cf-mitigated: ${mitigated}`];
  const srv = c.res('server')?.toLowerCase() ?? '';
  const html = /html/i.test(c.res('content-type') ?? '') || c.body.kind === 'html';
  if (srv === 'cloudflare' && c.res('cf-ray') && c.status === 403 && html)
    return ['Cloudflare', `cf-ray: ${c.res('cf-ray')}`];
  const vercel = c.res('x-vercel-mitigated');
  if (vercel) return ['Vercel Firewall', `x-vercel-mitigated: ${vercel}`];
  // AWS WAF's own headers: x-amzn-waf-action, and the x-amzn-waf-* a custom response carries.
  const aws = c.ex.responseHeaders.find((h) => h.name.toLowerCase().startsWith('x-amzn-waf-'));
  if (aws) return ['AWS WAF', `${aws.name}: ${aws.value}`];
  if (srv.startsWith('akamaighost') && c.status === 403)
    return [
      'Akamai',
      `server: ${c.res('server')}${c.body.text.includes('reference #') ? ' ("Reference #" page)' : ''}`,
    ];
  if (c.res('x-iinfo')) return ['Imperva', `x-iinfo: ${c.res('x-iinfo')}`];
  const sucuri = c.res('x-sucuri-block') ?? c.res('x-sucuri-id');
  if (sucuri) return ['Sucuri', `x-sucuri: ${sucuri}`];
  return undefined;
}

export const waf: Rule = (c) => {
  const hit = detect(c);
  if (!hit) return [];
  const [vendor, sign, doc] = hit;
  return [
    WAF.draft('waf-block', {
      title: `${vendor} blocked the request`,
      summary: `${vendor} firewall/bot check blocked this, not the app's auth: credentials are not the problem`,
      explanation:
        `${vendor} answered before the request reached the application (${sign}): a bot challenge, firewall or ` +
        'rate rule. Changing credentials will not help.',
      evidence: [
        ev('Signal', sign.slice(0, 200)),
        c.body.messages[0] ? ev('Page', c.body.messages.slice(0, 2).join(' · ').slice(0, 200)) : undefined,
      ],
      ...(doc ? { references: [link(`${vendor}: its block answer`, doc), ...WAF.meta('waf-block').references] } : {}),
    }),
  ];
};
