// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NS } from '../../../src/shared/messages.ts';
import { diagnosed, rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';

afterEach(cleanup);

const rows = (): HTMLElement[] => screen.queryAllByTestId('record-row');

describe('panel list', () => {
  it('says it is connecting, then shows the empty state naming what it watches', async () => {
    const p = renderPanel();
    expect(screen.getByTestId('disconnected').textContent).toContain('Connecting');
    await act(() => p.snapshot([], { captureStatuses: [401, 403, 419] }));
    expect(screen.queryByTestId('disconnected')).toBeNull();
    const empty = screen.getByTestId('empty');
    expect(empty.textContent).toContain('401, 403, 419');
    expect(empty.textContent).toContain('WWW-Authenticate');
  });

  it('renders one row per record with the test hooks, coloured by the top finding', async () => {
    const p = renderPanel();
    const a = rec({
      status: 401,
      exportedDiagnosis: diagnosed('Token expired', ['token-expired', 'error']),
    });
    const b = rec({ status: 403, method: 'POST', url: 'https://x.example/admin?api_key=supersecretvalue123' });
    await act(() => p.snapshot([a, b]));
    await p.diagnosed();
    const [ra, rb] = rows();
    expect(ra!.dataset).toMatchObject({ recordId: a.id, status: '401', finding: 'token-expired' });
    expect(ra!.className).toContain('sev-error');
    expect(ra!.textContent).toContain('Token expired');
    expect(rb!.dataset).toMatchObject({ recordId: b.id, status: '403' });
    // stored without a diagnosis (the worker leaves the engine out): the panel runs it
    expect(rb!.getAttribute('data-finding')).toBe('forbidden-authenticated');
    expect(rb!.textContent).toContain('POST');
    expect(rb!.textContent).toContain('x.example/admin');
    expect(rb!.textContent).not.toContain('supersecretvalue123');
    expect(rb!.querySelector('.c-url')!.textContent).toMatch(/^x\.example\/admin\?api_key=•••/);
  });

  it('a record whose diagnosis has no finding gets an empty data-finding and no colour', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([rec({ exportedDiagnosis: diagnosed('Nothing specific') })]));
    expect(rows()[0]!.getAttribute('data-finding')).toBe('');
    expect(rows()[0]!.className).toContain('sev-none');
  });

  it('paints a screenful of records at once, their diagnoses as they arrive (data-pending meanwhile)', async () => {
    const p = renderPanel();
    const many = Array.from({ length: 60 }, () => rec({ status: 401, url: 'https://api.example.com/x' }));
    await act(() => p.snapshot(many));
    expect(rows().length).toBeGreaterThan(20);
    expect(rows().every((r) => r.hasAttribute('data-pending'))).toBe(true);
    await waitFor(() => expect(rows().every((r) => !r.hasAttribute('data-pending'))).toBe(true));
    expect(new Set(rows().map((r) => r.getAttribute('data-finding')))).toEqual(new Set(['no-credentials']));
    // one streaming in is pending a moment, then diagnosed
    await act(() =>
      p.twin
        .lastPort()
        .emit({ ns: NS, type: 'added', tabId: 7, record: rec({ status: 401, url: 'https://api.example.com/x' }) }),
    );
    await waitFor(() => expect(rows().some((r) => r.hasAttribute('data-pending'))).toBe(false));
  });

  it('keeps the selection while rows stream in, and survives a worker restart with a re-sync', async () => {
    const p = renderPanel();
    const a = rec();
    const b = rec();
    await act(() => p.snapshot([a, b]));
    await act(() => void fireEvent.click(rows()[1]!));
    expect(p.store.selectedId.value).toBe(b.id);
    const port = p.twin.lastPort();
    for (let i = 0; i < 20; i++) await act(() => port.emit({ ns: NS, type: 'added', tabId: 7, record: rec() }));
    expect(rows().find((r) => r.getAttribute('aria-selected') === 'true')!.dataset.recordId).toBe(b.id);
    expect(screen.getByTestId('detail')).toBeTruthy();

    await act(() => port.drop());
    expect(screen.getByTestId('disconnected').textContent).toContain('lost');
    expect(rows().length).toBe(22); // what we had stays visible
    await act(() => p.twin.flushTimers());
    expect(p.twin.ports.length).toBe(2);
    await act(() => p.snapshot([a, b]));
    expect(screen.queryByTestId('disconnected')).toBeNull();
    expect(rows().length).toBe(2);
    expect(p.store.selectedId.value).toBe(b.id);
  });

  it('Clear asks the worker to clear; Preserve log and Pause go through setSettings', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([rec()]));
    await act(() => void fireEvent.click(screen.getByTestId('clear')));
    expect(p.twin.sent.map((m) => m.type)).toContain('clear');
    expect(p.twin.sent.find((m) => m.type === 'clear')).toMatchObject({ tabId: 7 });
    await act(() => void fireEvent.click(screen.getByLabelText('Preserve log')));
    expect(p.twin.sent.find((m) => m.type === 'setSettings')).toMatchObject({ patch: { preserveLog: true } });
    await act(() => void fireEvent.click(screen.getByTestId('pause')));
    expect(p.twin.sent.filter((m) => m.type === 'setSettings')[1]).toMatchObject({ patch: { paused: true } });
    await act(async () => {});
    expect(screen.getByTestId('pause').getAttribute('aria-label')).toBe('Resume capture');
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'cleared', tabId: 7 }));
    expect(screen.getByTestId('empty')).toBeTruthy();
  });

  it('filters as you type, with quick toggles, and says when nothing matches', async () => {
    const p = renderPanel();
    await act(() =>
      p.snapshot([
        rec({ status: 401, url: 'https://api.example.com/a' }),
        rec({ status: 403, url: 'https://cdn.example.com/b' }),
        rec({ status: 419, url: 'https://api.example.com/c', method: 'POST' }),
      ]),
    );
    const filter = screen.getByTestId('filter') as HTMLInputElement;
    await act(() => void fireEvent.input(filter, { target: { value: 'domain:api.example.com' } }));
    expect(rows().map((r) => r.dataset.status)).toEqual(['401', '419']);
    await act(() => void fireEvent.input(filter, { target: { value: 'domain:api.example.com -method:post' } }));
    expect(rows().map((r) => r.dataset.status)).toEqual(['401']);
    await act(() => void fireEvent.input(filter, { target: { value: '' } }));
    await act(() => void fireEvent.click(screen.getByTestId('toggle-other')));
    expect(rows().map((r) => r.dataset.status)).toEqual(['419']);
    await act(() => void fireEvent.click(screen.getByTestId('toggle-403')));
    expect(rows().map((r) => r.dataset.status)).toEqual(['403', '419']);
    await act(() => void fireEvent.input(filter, { target: { value: 'status:500' } }));
    expect(screen.getByTestId('no-match')).toBeTruthy();
    expect(p.store.persisted.value).toEqual({
      filterText: 'status:500',
      toggles: ['other', '403'],
      groupByOrigin: false,
    });
  });

  it('groups by origin with collapsible group rows', async () => {
    const p = renderPanel();
    await act(() =>
      p.snapshot([
        rec({ url: 'https://a.example/1' }),
        rec({ url: 'https://b.example/1' }),
        rec({ url: 'https://a.example/2' }),
      ]),
    );
    await act(() => void fireEvent.click(screen.getByTestId('group-by-origin')));
    const groups = screen.getAllByTestId('group-row');
    expect(groups.map((g) => g.textContent)).toEqual([
      expect.stringContaining('https://a.example'),
      expect.stringContaining('https://b.example'),
    ]);
    await act(() => void fireEvent.click(groups[0]!.querySelector('button')!));
    expect(rows().length).toBe(1);
  });

  it('keyboard: arrows move, Enter opens, Esc closes, / and Ctrl+F focus the filter', async () => {
    const p = renderPanel();
    const [a, b] = [rec(), rec()];
    await act(() => p.snapshot([a, b]));
    const list = screen.getByTestId('list');
    list.focus();
    await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown' }));
    expect(p.store.selectedId.value).toBe(a.id);
    await act(() => void fireEvent.keyDown(list, { key: 'ArrowDown' }));
    expect(p.store.selectedId.value).toBe(b.id);
    await act(() => void fireEvent.keyDown(list, { key: 'ArrowUp' }));
    expect(p.store.selectedId.value).toBe(a.id);
    expect(list.getAttribute('aria-activedescendant')).toBe(`row-${a.id}`);
    expect(screen.queryByTestId('detail')).toBeNull();
    await act(() => void fireEvent.keyDown(list, { key: 'Enter' }));
    expect(screen.getByTestId('detail')).toBeTruthy();
    await act(() => void fireEvent.keyDown(list, { key: 'Escape' }));
    expect(screen.queryByTestId('detail')).toBeNull();
    await act(() => void fireEvent.keyDown(list, { key: '/' }));
    expect(document.activeElement).toBe(screen.getByTestId('filter'));
    list.focus();
    await act(() => void fireEvent.keyDown(list, { key: 'f', ctrlKey: true }));
    expect(document.activeElement).toBe(screen.getByTestId('filter'));
  });

  it('windows 5 000 records: renders a screenful, not all of them', async () => {
    const p = renderPanel();
    const many = Array.from({ length: 5000 }, (_, i) => rec({ time: 1_790_000_000_000 + i }));
    await act(() => p.snapshot(many));
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(80);
    const list = screen.getByTestId('list');
    list.scrollTop = 21 * 4000;
    await act(() => void fireEvent.scroll(list));
    const shown = rows().map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
    expect(Math.min(...shown)).toBeLessThanOrEqual(4000);
    expect(Math.max(...shown)).toBeGreaterThan(4000);
    expect(screen.getByText(/5000 auth failures/)).toBeTruthy();
  });

  it('opens on the record named in the URL (panel.html?record=ID)', async () => {
    const a = rec();
    const b = rec();
    const p = renderPanel({ selected: b.id });
    await act(() => p.snapshot([a, b]));
    expect(screen.getByTestId('detail')).toBeTruthy();
    expect(rows().find((r) => r.getAttribute('aria-selected') === 'true')!.dataset.recordId).toBe(b.id);
  });

  it('follows new rows at the end of the list while nothing is selected, like the Network panel', async () => {
    const p = renderPanel();
    const many = Array.from({ length: 300 }, (_, i) => rec({ time: 1_790_000_000_000 + i }));
    await act(() => p.snapshot(many));
    const last = (): string | undefined =>
      rows().sort((a, b) => Number(b.getAttribute('aria-rowindex')) - Number(a.getAttribute('aria-rowindex')))[0]
        ?.dataset.recordId;
    expect(last()).toBe(many[299]!.id);
    const next = rec({ time: 1_790_000_001_000 });
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'added', tabId: 7, record: next }));
    expect(last()).toBe(next.id);
  });

  it('scrolls the record named in the URL into view when it is far down the list', async () => {
    const many = Array.from({ length: 500 }, (_, i) => rec({ time: 1_790_000_000_000 + i }));
    const p = renderPanel({ selected: many[400]!.id });
    await act(() => p.snapshot(many));
    await act(async () => {});
    expect(rows().some((r) => r.dataset.recordId === many[400]!.id && r.getAttribute('aria-selected') === 'true')).toBe(
      true,
    );
  });
});
