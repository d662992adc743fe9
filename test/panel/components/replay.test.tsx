// @vitest-environment happy-dom
// The Replay tab with the inspected page played by a sandbox (test/panel/replay/sandbox.ts):
// what is sent, when it asks first, and the new row that is a replay of the original.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';
import { pageSandbox } from '../replay/sandbox.ts';

afterEach(cleanup);

const FRESH = 'Bearer fresh-0123456789abcdefghijklmnop';
const failing = (method = 'GET') =>
  rec({
    method,
    url: 'https://api.example.com/v1/me',
    requestHeaders: [
      { name: 'Authorization', value: 'Bearer stale-0123456789abcdefghijklmnop' },
      { name: 'Cookie', value: 'sid=1' },
    ],
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
  });

async function openReplay(id: string): Promise<HTMLElement> {
  await act(() => void fireEvent.click(document.getElementById(`row-${id}`)!));
  await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Replay' })));
  return screen.getByTestId('replay');
}

async function pasteToken(view: HTMLElement, value: string): Promise<void> {
  await act(() => void fireEvent.click(within(view).getByTestId('replay-auth-replace')));
  await act(() => void fireEvent.input(within(view).getByTestId('replay-auth'), { target: { value } }));
}

describe('Replay tab', () => {
  it('outside DevTools (panel.html?tabId=N) says there is no inspected page, and sends nothing', async () => {
    const p = renderPanel();
    const r = failing();
    await act(() => p.snapshot([r]));
    const view = await openReplay(r.id);
    expect(within(view).getByTestId('replay-unavailable').textContent).toContain('panel.html?tabId=7');
    expect((within(view).getByTestId('replay-run') as HTMLButtonElement).disabled).toBe(true);
  });

  it('GET with a fresh token: replayed on a click, a new green row linked to the original, masked', async () => {
    const page = pageSandbox(() => new Response('{"me":"alice"}', { status: 200, statusText: 'OK' }));
    const p = renderPanel({ evalInPage: page.evalInPage });
    const r = failing();
    await act(() => p.snapshot([r]));
    const view = await openReplay(r.id);
    await pasteToken(view, FRESH);
    await act(() => void fireEvent.click(within(view).getByTestId('replay-run')));
    await waitFor(() => expect(screen.getByTestId('replay-status').getAttribute('data-state')).toBe('ok'), {
      timeout: 5000,
    });
    expect(page.calls).toHaveLength(1);
    expect(page.calls[0]!.url).toBe('https://api.example.com/v1/me');
    expect(page.calls[0]!.init.headers.list).toEqual([['Authorization', FRESH]]);
    expect(page.calls[0]!.init.credentials).toBe('include');
    const replays = p.store.state.value.replays;
    expect(replays).toHaveLength(1);
    expect(replays[0]!.replayOf).toBe(r.id);
    await p.diagnosed();
    const row = document.getElementById(`row-${replays[0]!.id}`)!;
    expect(row.getAttribute('data-status')).toBe('200');
    expect(row.classList.contains('sev-ok')).toBe(true);
    expect(within(row).getByTestId('replay-tag')).toBeTruthy();
    // its headers show the pasted secret masked, like any other
    await act(() => void fireEvent.click(screen.getByTestId('replay-show')));
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Headers' })));
    expect(screen.getByTestId('detail').textContent).not.toContain(FRESH);
    // and the original's Compare tab now has a success to compare with: the replay
    await act(() => void fireEvent.click(document.getElementById(`row-${r.id}`)!));
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Compare' })));
    expect(screen.getByTestId('compare-with').getAttribute('data-from')).toBe('replay');
  });

  it('POST asks first and shows what will be sent (masked); nothing goes out before Send', async () => {
    const page = pageSandbox(() => new Response('', { status: 201 }));
    const p = renderPanel({ evalInPage: page.evalInPage });
    const r = failing('POST');
    await act(() => p.snapshot([r]));
    const view = await openReplay(r.id);
    await pasteToken(view, FRESH);
    await act(() => void fireEvent.input(within(view).getByTestId('replay-body'), { target: { value: '{"a":1}' } }));
    await act(() => void fireEvent.click(within(view).getByTestId('replay-run')));
    const confirm = screen.getByTestId('replay-confirm');
    expect(confirm.textContent).toContain('POST https://api.example.com/v1/me');
    expect(confirm.textContent).toContain('{"a":1}');
    expect(confirm.textContent).not.toContain(FRESH);
    expect(page.evals).toEqual([]);
    await act(() => void fireEvent.click(screen.getByTestId('replay-cancel')));
    expect(screen.queryByTestId('replay-confirm')).toBeNull();
    expect(page.evals).toEqual([]);
    await act(() => void fireEvent.click(within(view).getByTestId('replay-run')));
    await act(() => void fireEvent.click(screen.getByTestId('replay-send')));
    await waitFor(() => expect(screen.getByTestId('replay-status').getAttribute('data-state')).toBe('ok'), {
      timeout: 5000,
    });
    expect(page.calls.map((c) => [c.init.method, c.init.body])).toEqual([['POST', '{"a":1}']]);
  });

  it('a CORS preflight cannot be replayed on its own', async () => {
    const p = renderPanel({ evalInPage: pageSandbox().evalInPage });
    const r = rec({ method: 'OPTIONS', preflight: true });
    await act(() => p.snapshot([r]));
    await act(() => void fireEvent.click(document.getElementById(`row-${r.id}`)!));
    await act(() => void fireEvent.click(screen.getByRole('tab', { name: 'Replay' })));
    expect(screen.getByTestId('replay-preflight')).toBeTruthy();
  });
});
