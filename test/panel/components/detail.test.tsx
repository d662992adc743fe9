// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NS } from '../../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';
import { rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';

afterEach(cleanup);

const NOW = 1_790_000_000_000;
const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const CLAIMS = { sub: 'u1', exp: NOW / 1000 - 840, iat: NOW / 1000 - 3600 };
const TOKEN = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(CLAIMS)}.c2lnbmF0dXJl`;

function expired() {
  return rec({
    time: NOW,
    url: 'https://api.example.com/me',
    requestHeaders: [
      { name: 'Authorization', value: `Bearer ${TOKEN}` },
      { name: 'Cookie', value: 'sid=cookie-secret-value-123; theme=dark' },
      { name: 'Accept', value: 'application/json' },
    ],
    responseHeaders: [
      {
        name: 'WWW-Authenticate',
        value: 'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
      },
      { name: 'Date', value: new Date(NOW).toUTCString() },
      { name: 'Content-Type', value: 'application/json' },
    ],
  });
}

async function open(r = expired(), settings = {}) {
  const p = renderPanel({ selected: r.id });
  await act(() => p.snapshot([r], settings));
  await p.diagnosed();
  return { p, r, detail: screen.getByTestId('detail') };
}

const tab = async (name: string): Promise<void> => act(() => void fireEvent.click(screen.getByRole('tab', { name })));
/** a click whose handler awaits (a copy waits for its text, a report for its diagnosis) */
const press = (el: HTMLElement): Promise<void> =>
  act(async () => {
    fireEvent.click(el);
    await new Promise((r) => setTimeout(r, 0));
  });

describe('detail pane', () => {
  it('puts the diagnosis first: findings, explanation, evidence, fixes with copyable code, references', async () => {
    const { p, detail } = await open();
    expect(screen.getByRole('tab', { name: 'Diagnosis' }).getAttribute('aria-selected')).toBe('true');
    const findings = within(detail).getAllByTestId('finding');
    expect(findings.map((f) => f.dataset.findingId)).toEqual(['token-expired', 'bearer-invalid-token']);
    const first = findings[0]!;
    expect(first.textContent).toContain('Access token expired');
    expect(first.textContent).toContain('14 min before the request');
    expect(within(first).getByText('For the API consumer (client code)')).toBeTruthy();
    const code = first.querySelector('pre code')!.textContent!;
    expect(code.length).toBeGreaterThan(0);
    await act(() => void fireEvent.click(within(first).getByRole('button', { name: /^Copy code/ })));
    expect(p.copied).toEqual([code]);
    const link = within(first).getAllByRole('link')[0] as HTMLAnchorElement;
    expect(link.href).toMatch(/^https:\/\/www\.rfc-editor\.org\//);
    expect(detail.textContent).not.toContain(TOKEN);
    const layer = within(detail).getByTestId('layer');
    expect(layer.dataset.layer).toBe('application');
    expect(layer.textContent).toContain('Refused by the application');
  });

  it('links each finding to its catalogue entry, opened in a tab (a DevTools panel cannot navigate)', async () => {
    const { p, detail } = await open();
    const [first, second] = within(detail).getAllByTestId('about-finding') as HTMLAnchorElement[];
    expect(first!.getAttribute('href')).toBe('findings.html#token-expired');
    expect(second!.getAttribute('href')).toBe('findings.html#bearer-invalid-token');
    await press(first!);
    expect(p.twin.opened).toEqual(['chrome-extension://twin/findings.html#token-expired']);
  });

  it('masks secrets in headers until revealed one by one, and copies the real value on purpose', async () => {
    const { p, detail } = await open();
    await tab('Headers');
    expect(detail.textContent).not.toContain(TOKEN);
    expect(detail.textContent).not.toContain('cookie-secret-value-123');
    expect(detail.textContent).toContain('application/json');
    const authRow = within(detail).getByText('Authorization').closest('tr')!;
    expect(authRow.className).toContain('auth');
    expect(authRow.textContent).toContain('Bearer');
    await act(() => void fireEvent.click(within(authRow).getByRole('button', { name: 'Reveal Authorization header' })));
    expect(authRow.textContent).toContain(TOKEN);
    expect(detail.textContent).not.toContain('cookie-secret-value-123');
    await act(() => void fireEvent.click(within(authRow).getByRole('button', { name: 'Hide Authorization header' })));
    expect(authRow.textContent).not.toContain(TOKEN);
    await act(
      () => void fireEvent.click(within(authRow).getByRole('button', { name: 'Copy Authorization header (unmasked)' })),
    );
    expect(p.copied).toEqual([`Bearer ${TOKEN}`]);
  });

  it('masks secret query parameters of the URL until revealed', async () => {
    const r = rec({ url: 'https://api.example.com/x?access_token=query-secret-123456&page=2' });
    const { detail } = await open(r);
    expect(detail.textContent).not.toContain('query-secret-123456');
    expect(detail.textContent).toContain('page=2');
    await tab('Headers');
    await act(() => void fireEvent.click(within(detail).getByRole('button', { name: 'Reveal request URL' })));
    expect(detail.querySelector('.request-line')!.textContent).toContain('query-secret-123456');
  });

  it('the revealSecrets setting reveals every secret, and masks again when turned off', async () => {
    const { p, detail } = await open(expired(), { revealSecrets: true });
    await tab('Headers');
    expect(detail.textContent).toContain(TOKEN);
    expect(detail.textContent).toContain('cookie-secret-value-123');
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'settings', settings: { ...DEFAULT_SETTINGS } }));
    expect(detail.textContent).not.toContain(TOKEN);
  });

  it('shows the challenge as a table, with the problems the parser found', async () => {
    const r = rec({
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api", error=invalid token"' }],
    });
    const { detail } = await open(r);
    await tab('Challenge');
    const table = within(detail).getByTestId('challenge-table');
    expect(table.textContent).toContain('Bearer');
    expect(table.textContent).toContain('realm');
    expect(within(detail).getByTestId('challenge-problems').textContent).toContain('after the value of "error"');
  });

  it('says when a 401 has no challenge', async () => {
    const { detail } = await open(rec({ status: 401, responseHeaders: [] }));
    await tab('Challenge');
    expect(detail.textContent).toContain('RFC 9110 §15.5.2');
  });

  it('decodes the JWT, exp/iat in UTC and against the server clock; cookies by name, values masked', async () => {
    const { detail } = await open();
    await tab('Credentials');
    const times = within(detail).getByTestId('jwt-times');
    expect(times.textContent).toContain("server's Date header");
    expect(times.textContent).toContain('14 min ago');
    expect(times.textContent).toContain('1 h ago');
    expect(times.textContent).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(detail.textContent).toContain('"sub": "u1"');
    expect(detail.textContent).toContain('sid');
    expect(detail.textContent).toContain('theme');
    expect(detail.textContent).not.toContain('cookie-secret-value-123');
    expect(detail.textContent).not.toContain(TOKEN);
  });

  it('shows the Basic user name once revealed, never the password', async () => {
    const { detail } = await open(
      rec({ requestHeaders: [{ name: 'Authorization', value: `Basic ${btoa('alice:hunter2')}` }] }),
    );
    await tab('Credentials');
    expect(within(detail).getByTestId('basic-user').textContent).not.toContain('alice');
    await act(() => void fireEvent.click(within(detail).getByRole('button', { name: 'Reveal user' })));
    expect(within(detail).getByTestId('basic-user').textContent).toContain('alice');
    expect(detail.textContent).not.toContain('hunter2');
  });

  it('shows the redirect chain and the response body when known', async () => {
    const r = rec({
      url: 'https://b.example/api',
      redirects: [
        {
          url: 'https://a.example/api',
          status: 302,
          statusLine: 'HTTP/1.1 302 Found',
          location: 'https://b.example/api',
          requestHeaders: [{ name: 'Authorization', value: 'Bearer x' }],
          responseHeaders: [],
        },
      ],
      responseBody: '{"error":"unauthorized"}',
    });
    const { detail } = await open(r);
    await tab('Redirects');
    expect(detail.textContent).toContain('302');
    expect(detail.textContent).toContain('https://a.example/api');
    expect(detail.textContent).toContain('Authorization sent');
    expect(detail.textContent).toContain('no Authorization');
    await tab('Body');
    expect(detail.textContent).toContain('{"error":"unauthorized"}');
  });

  it('says where bodies come from when none is known', async () => {
    const { detail } = await open(rec());
    await tab('Body');
    expect(detail.textContent).toContain('DevTools');
  });

  it('copies cURL / fetch masked by default and with the secret once revealed; Markdown report', async () => {
    const { p, detail } = await open();
    await press(within(detail).getByRole('button', { name: 'Copy as cURL (secrets masked)' }));
    await press(within(detail).getByRole('button', { name: 'Copy as fetch (secrets masked)' }));
    await press(within(detail).getByRole('button', { name: 'Copy report as Markdown (secrets masked)' }));
    const [curl, fetchText, md] = p.copied;
    expect(curl).toMatch(/^curl /m);
    expect(curl).not.toContain(TOKEN);
    expect(fetchText).toContain('fetch(');
    expect(fetchText).not.toContain(TOKEN);
    expect(md).toContain('token-expired');
    expect(md).not.toContain(TOKEN);
    await tab('Headers');
    const authRow = within(detail).getByText('Authorization').closest('tr')!;
    await act(() => void fireEvent.click(within(authRow).getByRole('button', { name: 'Reveal Authorization header' })));
    // the one value revealed, and only it: the cookie stays masked
    await press(within(detail).getByRole('button', { name: 'Copy as cURL (1 revealed secret in clear)' }));
    expect(p.copied[3]).toContain(TOKEN);
    expect(p.copied[3]).not.toContain('cookie-secret-value-123');
    await press(within(detail).getByRole('button', { name: 'Copy report as Markdown (1 revealed secret in clear)' }));
    expect(p.copied[4]).toContain(TOKEN);
    expect(p.copied[4]).not.toContain('cookie-secret-value-123');
  });

  it('follows a record update (a body attached from DevTools) with a fresh diagnosis', async () => {
    // a session cookie but no csrftoken cookie: only the body tells this 403 is Django's CSRF check
    // (with the csrftoken cookie the engine infers csrf-rejected without a body)
    const r = rec({ status: 403, method: 'POST', requestHeaders: [{ name: 'Cookie', value: 'sessionid=def' }] });
    const { p, detail } = await open(r);
    const before = within(detail)
      .queryAllByTestId('finding')
      .map((f) => f.dataset.findingId);
    const body = '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>';
    await act(() =>
      p.twin.lastPort().emit({ ns: NS, type: 'updated', tabId: 7, record: { ...r, responseBody: body } }),
    );
    expect(within(detail).getByTestId('diagnosing')).toBeTruthy();
    await p.diagnosed();
    const after = within(detail)
      .getAllByTestId('finding')
      .map((f) => f.dataset.findingId);
    expect(after).toContain('csrf-rejected');
    expect(before).not.toContain('csrf-rejected');
  });

  it('closes with its button', async () => {
    await open();
    await act(() => void fireEvent.click(screen.getByRole('button', { name: 'Close detail (Esc)' })));
    expect(screen.queryByTestId('detail')).toBeNull();
  });
});
