// @vitest-environment happy-dom
// What a page (or a file) controls cannot take the panel down: deep or huge values are shown
// within bounds, a view that throws anyway shows a note in its pane and the rest keeps working,
// and an imported file's own report is labelled as such and offers no code to copy.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NS } from '../../../src/shared/messages.ts';
import type { CaptureRecord } from '../../../src/shared/types.ts';
import { diagnosed, rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';

afterEach(cleanup);

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** a Bearer JWT whose payload nests `levels` objects: about 13 KB at 4 200 levels */
function deepJwt(levels: number): string {
  const payload = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(payload)}.c2lnbmF0dXJl`;
}

const tab = async (name: string): Promise<void> => act(() => void fireEvent.click(screen.getByRole('tab', { name })));

async function open(r: CaptureRecord) {
  const p = renderPanel({ selected: r.id });
  await act(() => p.snapshot([r]));
  await p.diagnosed();
  return { p, detail: screen.getByTestId('detail') };
}

describe('a page that tries to crash the panel', () => {
  it('a Bearer JWT nested 4 200 levels deep shows in the Credentials tab, cut at a bounded depth', async () => {
    const token = deepJwt(4200);
    const r = rec({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }] });
    const { p, detail } = await open(r);
    await tab('Credentials');
    expect(screen.queryByTestId('pane-error')).toBeNull();
    const payload = within(detail).getByLabelText('JWT payload').textContent!;
    expect(payload).toContain('{…}');
    expect(payload.length).toBeLessThan(1000);
    // and the panel keeps following the tab
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'added', tabId: 7, record: rec({ status: 403 }) }));
    expect(screen.getAllByTestId('record-row')).toHaveLength(2);
  });

  it('a view that throws shows "could not display this record" in its pane; the rest goes on', async () => {
    const r = rec({ url: 'https://api.example.com/broken' });
    Object.defineProperty(r, 'fromCache', {
      enumerable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    const { p, detail } = await open(r);
    await tab('Headers');
    expect(within(detail).getByTestId('pane-error').textContent).toContain('could not display this record');
    await tab('Credentials');
    expect(screen.queryByTestId('pane-error')).toBeNull();
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'added', tabId: 7, record: rec({ status: 403 }) }));
    expect(screen.getAllByTestId('record-row')).toHaveLength(2);
    await tab('Headers');
    expect(within(screen.getByTestId('detail')).getByTestId('pane-error')).toBeTruthy();
    // a later version of the record that no longer throws is shown again
    const fixed = { ...rec({ url: 'https://api.example.com/broken' }), id: r.id, requestId: r.requestId };
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'updated', tabId: 7, record: fixed }));
    expect(screen.queryByTestId('pane-error')).toBeNull();
    expect(screen.getByTestId('detail').textContent).toContain('From cache');
  });

  it('a megabyte header value is shown clipped, copied whole', async () => {
    const big = 'x'.repeat(1_000_000);
    const r = rec({ responseHeaders: [{ name: 'X-Big', value: big }] });
    const { p, detail } = await open(r);
    await tab('Headers');
    expect(detail.textContent!.length).toBeLessThan(20_000);
    expect(detail.textContent).toContain('more characters');
    void p;
  });
});

describe('a report from a file', () => {
  it('is labelled "from the file" and its code has no Copy button', async () => {
    const report = diagnosed('Token expired', ['token-expired', 'error']);
    report.findings[0]!.fixes = [{ audience: 'consumer', text: 'Run this', code: 'curl "$(touch pwned)"' }];
    const r = rec({ source: 'import', exportedDiagnosis: report });
    const { detail } = await open(r);
    expect(within(detail).getByTestId('from-file').textContent).toContain('From the file');
    expect(detail.textContent).toContain('curl "$(touch pwned)"');
    expect(within(detail).queryByRole('button', { name: /^Copy code/ })).toBeNull();
  });

  it('a diagnosis by the engine keeps its Copy buttons and has no such label', async () => {
    const r = rec({
      requestHeaders: [{ name: 'Authorization', value: 'Basic %%%' }],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Basic realm="x"' }],
    });
    const { detail } = await open(r);
    expect(within(detail).queryByTestId('from-file')).toBeNull();
    expect(within(detail).queryAllByRole('button', { name: /^Copy code/ }).length).toBeGreaterThan(0);
  });
});

describe('reveal is per value', () => {
  it('revealing one cookie leaves the others masked, in the Credentials tab and in the Cookie header', async () => {
    const r = rec({ requestHeaders: [{ name: 'Cookie', value: 'sid=first-secret-0001; csrf=second-secret-0002' }] });
    const { detail } = await open(r);
    await tab('Credentials');
    await act(() => void fireEvent.click(within(detail).getByRole('button', { name: 'Reveal cookie sid' })));
    expect(detail.textContent).toContain('first-secret-0001');
    expect(detail.textContent).not.toContain('second-secret-0002');
    await tab('Headers');
    const row = within(detail).getByText('Cookie').closest('tr')!;
    expect(row.textContent).toContain('sid=first-secret-0001');
    expect(row.textContent).not.toContain('second-secret-0002');
    const curl = within(detail).getByRole('button', { name: 'Copy as cURL (1 revealed secret in clear)' });
    expect(curl).toBeTruthy();
  });

  it('the response body is masked until revealed, and its copy says what it carries', async () => {
    const body = '{"access_token":"body-secret-0123456789","token_type":"Bearer"}';
    const { detail } = await open(rec({ responseBody: body }));
    await tab('Body');
    expect(detail.textContent).not.toContain('body-secret-0123456789');
    expect(within(detail).getByRole('button', { name: 'Copy response body (secrets masked)' })).toBeTruthy();
    await act(
      () => void fireEvent.click(within(detail).getByRole('button', { name: 'Reveal secrets in the response body' })),
    );
    expect(detail.textContent).toContain('body-secret-0123456789');
    expect(within(detail).getByRole('button', { name: 'Copy response body (secrets included)' })).toBeTruthy();
  });
});
