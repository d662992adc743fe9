// The discovery doctor: from a failing request, walk the chain a client follows (challenge,
// protected resource metadata, each authorization server's metadata, the token sent) through a
// fetcher handed in, and report each step with what it fetched and what it found.
import { clip, ev, toFinding, type Draft } from '../finding.ts';

const stepFinding = (d: Draft): StepFinding => ({ ...toFinding(d), summary: d.summary });
import { checkAuthorizationServer, checkChallenge, checkResourceMetadata, checkToken } from './checks.ts';
import { contextOf, type Context } from './context.ts';
import { Fetcher, fetchEvidence, type Outcome } from './documents.ts';
import { DISCOVERY } from './findings.ts';
import { DISCOVERY_LIMITS } from './limits.ts';
import type {
  DiscoverOptions,
  DiscoveryReport,
  DiscoveryStep,
  DiscoveryTarget,
  StepFinding,
  StepKind,
} from './types.ts';
import { authorizationServerMetadataUrls, httpUrl, resourceMetadataUrls, resourceOf } from './urls.ts';

// Passes before infos: here an info is only a URL that had nothing while a later one answered.
const SEVERITY = { error: 0, warning: 1, ok: 2, info: 3 } as const;

class Run {
  readonly steps: DiscoveryStep[] = [];
  readonly drafts: Draft[] = [];
  constructor(private readonly onStep?: (s: DiscoveryStep) => void) {}

  step(kind: StepKind, title: string, drafts: Draft[], doc?: Outcome): void {
    const step: DiscoveryStep = { kind, title, findings: drafts.map(stepFinding) };
    if (doc) {
      step.url = doc.url;
      if (doc.res?.status) step.status = doc.res.status;
      if (doc.redirects.length) step.redirects = doc.redirects;
    }
    this.steps.push(step);
    this.drafts.push(...drafts);
    this.onStep?.(step);
  }
}

/** A miss that a later URL may make up for is information, not yet a failure. */
const softened = (d: Draft): Draft => ({ ...d, severity: 'info', summary: `${d.summary}; trying the next URL` });

export async function discover(target: string | DiscoveryTarget, opts: DiscoverOptions): Promise<DiscoveryReport> {
  const t: DiscoveryTarget = typeof target === 'string' ? { url: target } : target;
  const run = new Run(opts.onStep);
  const url = httpUrl(t.url);
  if (!url.ok) {
    const draft = DISCOVERY.draft('discovery-fetch-failed', {
      summary: `${t.url} is ${url.why}: nothing to discover`,
      evidence: [ev('URL', String(t.url).slice(0, 300))],
    });
    run.step('probe', 'The URL', [draft]);
    return report(String(t.url), run, 0);
  }
  const fetcher = new Fetcher(opts.fetch, Math.max(1, opts.maxFetches ?? DISCOVERY_LIMITS.maxFetches), opts.onFetch);
  let c = contextOf(t, opts.origin);

  // Only a URL: ask it first, as a client would (GET, no credentials), for its challenge.
  if (!t.responseHeaders) {
    const probe = await fetcher.get(resourceOf(t.url));
    if (probe.kind !== 'json' && (!probe.res || probe.res.error || probe.res.status === 0)) {
      run.step('probe', 'The resource', [probe.draft], probe);
      return report(c.resource, run, fetcher.count);
    }
    const www = probe.res?.headers.find((h) => h.name.toLowerCase() === 'www-authenticate')?.value;
    const answered = DISCOVERY.draft('discovery-ok', {
      title: 'Resource asked',
      summary: `${c.resource} answered ${probe.res?.status ?? '?'}`,
      evidence: [...fetchEvidence(probe), ev('WWW-Authenticate', www ? clip(www) : '(absent)')],
    });
    run.step('probe', 'The resource', [answered], probe);
    c = contextOf({ ...t, status: probe.res?.status ?? 0, responseHeaders: probe.res?.headers ?? [] }, opts.origin);
  }
  run.step('challenge', 'The challenge', checkChallenge(c));

  const prm = await resourceMetadata(c, fetcher, run);
  if (prm) {
    const max = DISCOVERY_LIMITS.maxAuthorizationServers;
    for (const issuer of prm.issuers.slice(0, max))
      await authorizationServer(c, issuer.url, issuer.written, fetcher, run);
    const skipped = prm.issuers.slice(max).map((i) => i.written);
    if (skipped.length)
      run.step('authorization-server', 'Other authorization servers', [
        DISCOVERY.draft('discovery-fetch-limit', {
          summary: `Only the first ${max} authorization servers were checked`,
          evidence: skipped.map((w) => ev('Not checked', clip(w))),
        }),
      ]);
  }
  const tokenChecks = checkToken(c, prm?.resource ?? c.resource);
  if (tokenChecks.length) run.step('token', 'The token sent', tokenChecks);
  return report(c.resource, run, fetcher.count);
}

async function resourceMetadata(c: Context, docs: Fetcher, run: Run) {
  const named = c.challenge?.params.resource_metadata;
  let candidates: string[];
  if (named) {
    const p = httpUrl(named);
    if (!p.ok) {
      run.step('resource-metadata', 'Protected resource metadata', [
        DISCOVERY.draft('discovery-metadata-not-found', {
          summary: `The challenge’s resource_metadata is ${p.why}: ${named.slice(0, 120)}`,
          evidence: [ev('resource_metadata', named.slice(0, 300)), ev('Problem', p.why)],
        }),
      ]);
      return undefined;
    }
    candidates = [p.url.href];
  } else candidates = resourceMetadataUrls(c.resource);

  for (const [i, url] of candidates.entries()) {
    const doc = await docs.get(url, c.caller?.origin);
    const last = i === candidates.length - 1;
    if (doc.kind === 'json') {
      const evidence = fetchEvidence(doc);
      const checked = checkResourceMetadata(
        c,
        doc.json,
        {
          url: doc.finalUrl,
          headers: doc.res.headers,
          ...(doc.res.originSent ? { originSent: doc.res.originSent } : {}),
          fromChallenge: !!named,
          root: !named && last && candidates.length > 1,
        },
        evidence,
      );
      run.step('resource-metadata', 'Protected resource metadata', checked.drafts, doc);
      return { issuers: checked.issuers, resource: checked.resource };
    }
    if (doc.kind === 'miss' && !last) {
      run.step('resource-metadata', 'Protected resource metadata', [softened(doc.draft)], doc);
      continue;
    }
    const drafts = [doc.draft];
    if (doc.kind === 'miss' && doc.draft.id === 'discovery-metadata-not-found' && candidates.length > 1)
      drafts[0] = { ...doc.draft, summary: `No protected resource metadata at ${candidates.join(' or ')}` };
    run.step('resource-metadata', 'Protected resource metadata', drafts, doc);
    return undefined;
  }
  return undefined;
}

async function authorizationServer(c: Context, issuer: URL, written: string, docs: Fetcher, run: Run) {
  const title = `Authorization server ${issuer.host}`;
  const candidates = authorizationServerMetadataUrls(issuer);
  const tried: string[] = [];
  for (const [i, cand] of candidates.entries()) {
    const doc = await docs.get(cand.url, c.caller?.origin);
    tried.push(`${cand.url}: ${doc.res?.status || doc.res?.error?.kind || 'not fetched'}`);
    const last = i === candidates.length - 1;
    if (doc.kind === 'json') {
      const at = {
        url: doc.finalUrl,
        headers: doc.res.headers,
        ...(doc.res.originSent ? { originSent: doc.res.originSent } : {}),
      };
      const evidence = [...fetchEvidence(doc), ev('Kind', cand.kind === 'oauth' ? 'RFC 8414' : 'OpenID discovery')];
      run.step(
        'authorization-server',
        title,
        checkAuthorizationServer(c, issuer, written, doc.json, at, evidence),
        doc,
      );
      return;
    }
    if (doc.kind === 'miss' && !last) {
      run.step('authorization-server', title, [softened(doc.draft)], doc);
      continue;
    }
    if (doc.kind === 'miss') {
      run.step('authorization-server', title, [softened(doc.draft)], doc);
      run.step('authorization-server', title, [
        DISCOVERY.draft('discovery-authorization-server-unreachable', {
          summary: `No metadata for authorization server ${written} at any of the ${candidates.length} URLs tried`,
          evidence: [ev('Issuer', written), ...tried.map((x, n) => ev(`Tried ${n + 1}`, x))],
        }),
      ]);
      return;
    }
    run.step('authorization-server', title, [doc.draft], doc);
    return;
  }
}

function report(resource: string, run: Run, fetches: number): DiscoveryReport {
  const order = run.drafts.map((d, i) => [d, i] as const);
  order.sort(([a, i], [b, j]) => SEVERITY[a.severity] - SEVERITY[b.severity] || i - j);
  const top = order[0]?.[0];
  const findings = order.map(([d]) => stepFinding(d));
  const summary =
    !top || top.severity === 'ok' || top.severity === 'info'
      ? `Discovery works for ${resource}: ${run.drafts.filter((d) => d.id === 'discovery-ok').length} checks passed`
      : top.summary;
  return { resource, summary, findings, steps: run.steps, fetches };
}
