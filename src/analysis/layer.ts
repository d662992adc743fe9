// Who said no: the layer that refused the request, named with the mark it left. The top finding
// says most (a WAF block, a preflight, a proxy, a sign-in flow); otherwise the headers of a gateway
// answering for itself (vendors/layers.ts), an identity provider's endpoint, and by default the
// application.
import type { Inspection } from './inspect.ts';
import type { Draft } from './finding.ts';
import type { Diagnosis, Layer } from './types.ts';
import { LAYER_SIGNS } from './vendors/layers.ts';

const BROWSER = new Set(['cors-preflight-auth', 'credentials-not-sent', 'authorization-dropped-on-redirect']);
const PROXY = new Set(['proxy-auth-required', 'client-certificate-required']);
const FLOW = new Set([
  'oauth-authorization-error',
  'silent-auth-failed',
  'redirect-uri-mismatch',
  'pkce-missing',
  'pkce-plain',
  'implicit-flow',
  'state-missing',
]);

type Said = NonNullable<Diagnosis['layer']>;

const NAMES: Record<Layer, string> = {
  waf: 'a WAF or bot check',
  gateway: 'the API gateway',
  'identity-provider': 'the identity provider',
  proxy: 'a proxy or TLS front',
  application: 'the application',
  browser: 'the browser',
};

/** How the views name a layer: "Refused by the API gateway". */
export const layerName = (layer: Layer): string => NAMES[layer] ?? layer;
const said = (layer: Layer, evidence: string): Said => ({ layer, evidence });

function gateway(c: Inspection): Said | undefined {
  for (const sign of LAYER_SIGNS) {
    if (sign.host && !sign.host.test(c.host)) continue;
    const v = sign.header ? c.res(sign.header) : undefined;
    if (sign.header && v === undefined) continue;
    if (sign.value && !sign.value.test(v ?? '')) continue;
    if (sign.text && !sign.text.test(`${c.body.text} ${c.body.messages.join(' ')}`.toLowerCase())) continue;
    if (sign.unless && c.res(sign.unless) !== undefined) continue;
    return said(sign.layer, `${sign.name} answered (${sign.header}${v ? `: ${v.slice(0, 60)}` : ''})`);
  }
  return undefined;
}

export function whoSaidNo(c: Inspection, ranked: readonly Draft[]): Said | undefined {
  const top = ranked.find((d) => d.severity === 'error' || d.severity === 'warning');
  if (!top) return undefined;
  if (top.id === 'waf-block') return said('waf', top.evidence[0]?.value ?? top.title);
  if (BROWSER.has(top.id)) return said('browser', `${top.title}: the browser did not send what the server needed`);
  if (PROXY.has(top.id)) {
    const srv = c.res('server');
    return said('proxy', `${top.title}${srv ? ` (Server: ${srv.slice(0, 40)})` : ''}`);
  }
  if (c.endpoint) return said('identity-provider', `the ${c.endpoint} endpoint ${c.url?.pathname ?? ''} answered`);
  if (c.idp) return said('identity-provider', `the identity provider ${c.host} answered`);
  if (FLOW.has(top.id)) return said('identity-provider', `${top.title} (from the identity provider)`);
  const g = gateway(c);
  if (g) return g;
  const srv = c.res('server');
  return said('application', `the application answered ${c.status}${srv ? ` (Server: ${srv.slice(0, 40)})` : ''}`);
}
