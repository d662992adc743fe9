// @vitest-environment happy-dom
// The Discovery tab: offered on a failure whose challenge names resource metadata (and on a
// Bearer 401), nothing fetched before the click, each step shown as it completes with its URL,
// status and findings, and the Diagnosis tab's button running it.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocFetch } from '../../../src/analysis/index.ts';
import { createDiscoveryRuns } from '../../../src/panel/discovery/runs.ts';
import { rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';
import { cannedFetch, type CannedResponse } from '../../analysis/discovery/fixtures.ts';

afterEach(cleanup);

const R = 'https://mcp.example.com/mcp';
const PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const AS = 'https://auth.example.com';
const JSONH = [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Access-Control-Allow-Origin', value: '*' },
];
const DOCS: Record<string, CannedResponse> = {
  [PRM]: { status: 200, headers: JSONH, json: { resource: R, authorization_servers: [AS] } },
  [`${AS}/.well-known/oauth-authorization-server`]: {
    status: 200,
    headers: JSONH,
    json: { issuer: AS, code_challenge_methods_supported: ['plain'], registration_endpoint: `${AS}/reg` },
  },
};

const failure = (www = `Bearer error="invalid_token", resource_metadata="${PRM}"`) =>
  rec({
    url: R,
    method: 'POST',
    initiator: 'https://app.example.com',
    responseHeaders: [
      { name: 'WWW-Authenticate', value: www },
      { name: 'Access-Control-Allow-Origin', value: '*' },
      { name: 'Access-Control-Expose-Headers', value: 'WWW-Authenticate' },
    ],
  });

async function open(r = failure(), fetch: DocFetch = cannedFetch(DOCS)) {
  const asked: string[] = [];
  const counting: DocFetch = (url, init) => (asked.push(url), fetch(url, init));
  const p = renderPanel({ selected: r.id, discovery: createDiscoveryRuns(counting) });
  await act(() => p.snapshot([r]));
  await p.diagnosed();
  return { p, asked };
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  });

describe('Discovery tab', () => {
  it('fetches nothing until the click, then shows each step with its URL, status and findings', async () => {
    const { asked } = await open();
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Discovery' })));
    expect(asked).toEqual([]);
    await act(() => void fireEvent.click(screen.getByTestId('check-discovery')));
    await settle();
    expect(asked).toEqual([PRM, `${AS}/.well-known/oauth-authorization-server`]);
    const view = screen.getByTestId('discovery');
    expect(view.dataset.status).toBe('done');
    const steps = within(view).getAllByTestId('discovery-step');
    expect(steps.map((s) => s.dataset.kind)).toEqual(['challenge', 'resource-metadata', 'authorization-server']);
    expect(steps[1]!.textContent).toContain(PRM);
    expect(steps[1]!.textContent).toContain('200');
    expect(screen.getByTestId('discovery-summary').textContent).toContain('not S256');
    const top = within(view)
      .getAllByTestId('discovery-finding')
      .find((f) => f.dataset.findingId !== 'discovery-ok');
    expect(top?.dataset.findingId).toBe('discovery-pkce-s256-unsupported');
    expect(within(top!).getByText('For the server owner')).toBeTruthy();
  });

  it('shows the steps as they complete', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const inner = cannedFetch(DOCS);
    const slow: DocFetch = async (url, init) => {
      if (url.includes('oauth-authorization-server')) await gate;
      return inner(url, init);
    };
    await open(failure(), slow);
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Discovery' })));
    await act(() => void fireEvent.click(screen.getByTestId('check-discovery')));
    await settle();
    expect(screen.getByTestId('discovery').dataset.status).toBe('running');
    expect(screen.getAllByTestId('discovery-step')).toHaveLength(2);
    expect(screen.getByTestId('discovery-fetching').textContent).toContain('oauth-authorization-server');
    expect((screen.getByTestId('check-discovery') as HTMLButtonElement).disabled).toBe(true);
    release();
    await settle();
    expect(screen.getAllByTestId('discovery-step')).toHaveLength(3);
  });

  it('is offered from the Diagnosis tab, which switches to it and runs', async () => {
    const { asked } = await open();
    await act(() => void fireEvent.click(screen.getByTestId('check-discovery-offer')));
    await settle();
    expect(screen.getByRole('tab', { name: 'Discovery' }).getAttribute('aria-selected')).toBe('true');
    expect(asked.length).toBe(2);
  });

  it('is offered on a Bearer 401 without resource_metadata, not on a Basic one', async () => {
    await open(failure('Bearer realm="api"'));
    expect(screen.getByRole('tab', { name: 'Discovery' })).toBeTruthy();
    cleanup();
    await open(failure('Basic realm="api"'));
    expect(screen.queryByRole('tab', { name: 'Discovery' })).toBeNull();
    expect(screen.queryByTestId('check-discovery-offer')).toBeNull();
  });
});

describe('Discovery tab and secrets', () => {
  it('masks a token sent in the query wherever the URL called appears', async () => {
    const secret = 'sk_live_0123456789abcdefghij';
    const r = failure('Bearer realm="api"');
    r.url = `${R}?access_token=${secret}`;
    await open(r);
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Discovery' })));
    await act(() => void fireEvent.click(screen.getByTestId('check-discovery')));
    await settle();
    const view = screen.getByTestId('discovery');
    expect(view.textContent).toContain('access_token=');
    expect(view.textContent).not.toContain(secret);
  });
});
