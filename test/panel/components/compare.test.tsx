// @vitest-environment happy-dom
// The Compare tab: the nearest success to the same endpoint, picked by itself; any two rows by
// "Compare with…"; an imported HAR's success against a live failure; secrets only masked.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { importHar } from '../../../src/panel/actions.ts';
import type { ContextEntry } from '../../../src/shared/types.ts';
import { rec, T0 } from '../../support/records.ts';
import { renderPanel, type Rendered } from '../render.tsx';

afterEach(cleanup);

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (p: object) => `${b64({ alg: 'ES256' })}.${b64(p)}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
const S = Math.floor(T0 / 1000);
const OLD = jwt({ aud: 'orders-api', iss: 'https://id.example.com', exp: S + 3600 });
const NEW = jwt({ aud: 'billing-api', iss: 'https://id.example.com', exp: S + 3600 });

const failure = (over = {}) =>
  rec({
    url: 'https://api.example.com/orders/42',
    time: T0 + 60_000,
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${NEW}` }],
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    ...over,
  });
const success = (over: Partial<ContextEntry> = {}): ContextEntry => ({
  url: 'https://api.example.com/orders/17',
  method: 'GET',
  status: 200,
  time: T0 + 30_000,
  type: 'xmlhttprequest',
  authorization: `Bearer ${OLD}`,
  ...over,
});

async function openCompare(p: Rendered, id: string): Promise<HTMLElement> {
  await act(() => void fireEvent.click(document.getElementById(`row-${id}`)!));
  await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Compare' })));
  return screen.getByTestId('compare');
}

const kinds = (el: HTMLElement): string[] =>
  [...el.querySelectorAll('[data-testid="compare-diff"]')].map((r) => r.getAttribute('data-kind') ?? '');

describe('Compare tab', () => {
  it('picks the nearest success to the same endpoint from the context; top difference first, masked', async () => {
    const p = renderPanel();
    const f = failure();
    await act(() =>
      p.snapshot([f], {}, [success({ time: T0 + 10_000 }), success(), success({ url: 'https://api.example.com/me' })]),
    );
    const view = await openCompare(p, f.id);
    const withEl = within(view).getByTestId('compare-with');
    expect(withEl.getAttribute('data-from')).toBe('context');
    expect(withEl.textContent).toContain('200 GET https://api.example.com/orders/17');
    expect(withEl.textContent).toContain('30 s earlier');
    expect(kinds(view)).toEqual(['audience-changed', 'token-changed']);
    expect(view.querySelector('tr.top')?.getAttribute('data-kind')).toBe('audience-changed');
    expect(view.textContent).toContain('this one is for billing-api, the other was for orders-api');
    // a context entry keeps only its Authorization: the rest is said unknown, not different
    expect(within(view).getByTestId('compare-unknown').textContent).toContain('Cookies');
    expect(view.textContent).not.toContain(NEW);
    expect(view.textContent).not.toContain(OLD);
  });

  it('says so when there is no success to the same endpoint', async () => {
    const p = renderPanel();
    const f = failure();
    await act(() => p.snapshot([f], {}, [success({ url: 'https://api.example.com/me' }), success({ status: 500 })]));
    const view = await openCompare(p, f.id);
    expect(within(view).getByTestId('compare-none').textContent).toContain(
      "No success to the same endpoint (GET https://api.example.com/orders/{id}) in this tab's context",
    );
  });

  it('the diagnosis names the change since the last success', async () => {
    const p = renderPanel();
    const f = failure();
    await act(() => p.snapshot([f], {}, [success()]));
    await p.diagnosed();
    expect(document.getElementById(`row-${f.id}`)!.getAttribute('data-findings')).toContain('changed-since-success');
  });

  it('compares any two rows: "Compare with…" on one, then a click on the other; Esc cancels a pick', async () => {
    const p = renderPanel();
    const a = failure();
    const b = failure({ url: 'https://api.example.com/me', status: 403, requestHeaders: [] });
    await act(() => p.snapshot([a, b]));
    const rowA = document.getElementById(`row-${a.id}`)!;
    await act(() => void fireEvent.contextMenu(rowA, { clientX: 5, clientY: 5 }));
    await act(() => void fireEvent.click(screen.getByTestId('menu-compare')));
    expect(p.store.notice.value).toContain('click the row to compare');
    await act(() => void fireEvent.keyDown(document.body, { key: 'Escape' }));
    expect(p.store.compare.picking.value).toBeUndefined();

    await act(() => void fireEvent.contextMenu(rowA, { clientX: 5, clientY: 5 }));
    await act(() => void fireEvent.click(screen.getByTestId('menu-compare')));
    await act(() => void fireEvent.click(document.getElementById(`row-${b.id}`)!));
    expect(p.store.selectedId.value).toBe(a.id);
    const view = screen.getByTestId('compare');
    const withEl = within(view).getByTestId('compare-with');
    expect(withEl.getAttribute('data-chosen')).toBe('true');
    expect(withEl.textContent).toContain('403 GET https://api.example.com/me');
    expect(within(view).getByTestId('compare-other-endpoint')).toBeTruthy();
    expect(kinds(view)).toEqual(['credential-added']);
    // back to the nearest success
    const select = screen.getByTestId('compare-select') as HTMLSelectElement;
    select.selectedIndex = 0;
    // a plain change event (fireEvent.change does not reach Preact's handler on a select in happy-dom)
    await act(() => void select.dispatchEvent(new Event('change', { bubbles: true })));
    expect(within(screen.getByTestId('compare')).getByTestId('compare-none')).toBeTruthy();
  });

  it('an imported HAR’s success (a customer’s working capture) against a live failure', async () => {
    const p = renderPanel();
    const f = failure({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${NEW}` }] });
    await act(() => p.snapshot([f]));
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: new Date(T0).toISOString(),
            time: 10,
            request: {
              method: 'GET',
              url: 'https://api.example.com/orders/7',
              headers: [
                { name: 'Authorization', value: `Bearer ${OLD}` },
                { name: 'Cookie', value: 'session=c00kie-v4lue' },
              ],
            },
            response: {
              status: 200,
              statusText: 'OK',
              headers: [],
              content: { size: 2, mimeType: 'application/json', text: '{}' },
            },
            timings: { wait: 5 },
          },
        ],
      },
    };
    await act(() => importHar(p.store, { now: () => T0 }, new Blob([JSON.stringify(har)]), 'customer.har'));
    expect(p.store.notice.value).toContain('imported 0 auth failure(s) and 1 success(es) to compare with');
    // the success is not a row
    expect(document.querySelectorAll('[data-testid="record-row"]')).toHaveLength(1);
    const view = await openCompare(p, f.id);
    expect(within(view).getByTestId('compare-with').getAttribute('data-from')).toBe('import');
    expect(kinds(view)).toEqual(['audience-changed', 'cookies-missing', 'token-changed']);
    expect(view.textContent).toContain('not sent: session');
    expect(view.textContent).not.toContain('c00kie-v4lue');
    await waitFor(() => expect(screen.getByTestId('compare')).toBeTruthy());
  });
});
