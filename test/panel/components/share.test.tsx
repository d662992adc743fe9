// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { toHar } from '../../../src/har/write.ts';
import { rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';

afterEach(cleanup);

const SECRET = 'Bearer abcdefghijklmnopqrstuvwxyz0123456789';

function failing() {
  return rec({
    status: 403,
    url: 'https://api.example.com/admin',
    requestHeaders: [{ name: 'Authorization', value: SECRET }],
    responseHeaders: [
      { name: 'WWW-Authenticate', value: 'Bearer realm="api", error="insufficient_scope", scope="admin"' },
    ],
  });
}

describe('export', () => {
  it('exports JSON and HAR masked by default, unmasked only when ticked', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([failing()]));
    await act(() => void fireEvent.click(screen.getByTestId('export-json')));
    await waitFor(() => expect(p.downloads).toHaveLength(1));
    await act(() => void fireEvent.click(screen.getByTestId('export-har')));
    await waitFor(() => expect(p.downloads).toHaveLength(2));
    const [json, har] = p.downloads;
    expect(json!.name).toMatch(/^authlens-tab7-.*\.json$/);
    expect(json!.text).not.toContain(SECRET);
    expect(JSON.parse(json!.text).records).toHaveLength(1);
    expect(har!.name).toMatch(/\.har$/);
    const doc = JSON.parse(har!.text);
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.entries).toHaveLength(1);
    expect(har!.text).not.toContain(SECRET);
    await act(() => void fireEvent.click(screen.getByTestId('export-reveal')));
    await act(() => void fireEvent.click(screen.getByTestId('export-har')));
    await waitFor(() => expect(p.downloads).toHaveLength(3));
    expect(p.downloads[2]!.text).toContain(SECRET);
    // each entry carries the record's full diagnosis, made before masking
    expect(doc.log.entries[0]._authlens.report.findings[0].id).toBe('insufficient-scope');
  });

  it('exports only what the filter shows', async () => {
    const p = renderPanel({ filterText: 'status:401' });
    await act(() => p.snapshot([failing(), rec({ status: 401 })]));
    await act(() => void fireEvent.click(screen.getByTestId('export-json')));
    await waitFor(() => expect(p.downloads).toHaveLength(1));
    expect(JSON.parse(p.downloads[0]!.text).records.map((r: { status: number }) => r.status)).toEqual([401]);
  });
});

describe('import HAR', () => {
  const har = (): string =>
    JSON.stringify(
      toHar([failing(), rec({ status: 401, url: 'https://api.example.com/me' })], { reveal: true, version: '1' }),
    );

  it('adds the file’s auth failures to the list with diagnoses, from the file picker', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([]));
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    const file = new File([har()], 'session.har', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    // a plain change event: testing-library's fireEvent.change tries to set a value on file inputs
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(2));
    await p.diagnosed();
    const rows = screen.getAllByTestId('record-row');
    expect(rows.map((r) => r.dataset.status).sort()).toEqual(['401', '403']);
    expect(rows.find((r) => r.dataset.status === '403')!.getAttribute('data-finding')).toBe('insufficient-scope');
    expect(screen.getByTestId('notice').textContent).toContain('session.har: imported 2');
    expect(rows[0]!.textContent).toContain('har');
    // imported records are local: nothing was sent to the worker but the port
    expect(p.twin.sent.filter((m) => m.type !== 'getSettings')).toEqual([]);
  });

  it('accepts a dropped file, and says so when a file is not JSON', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([]));
    const app = p.container.querySelector('.app')!;
    await act(
      () => void fireEvent.drop(app, { dataTransfer: { files: [new File([har()], 'dropped.har')], types: ['Files'] } }),
    );
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(2));
    await act(
      () => void fireEvent.drop(app, { dataTransfer: { files: [new File(['nope'], 'junk.txt')], types: ['Files'] } }),
    );
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toBe('junk.txt: not JSON, so not a HAR file'));
    expect(screen.getAllByTestId('record-row')).toHaveLength(2);
  });

  it('Clear also drops imported records', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([]));
    const app = p.container.querySelector('.app')!;
    await act(
      () => void fireEvent.drop(app, { dataTransfer: { files: [new File([har()], 'x.har')], types: ['Files'] } }),
    );
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(2));
    await act(() => void fireEvent.click(screen.getByTestId('clear')));
    expect(screen.getByTestId('empty')).toBeTruthy();
  });
});

describe('row context menu', () => {
  it('right-click offers the copy actions (masked) and opening the record in a tab; Esc closes it', async () => {
    const p = renderPanel();
    const r = failing();
    await act(() => p.snapshot([r]));
    const row = screen.getByTestId('record-row');
    await act(() => void fireEvent.contextMenu(row, { clientX: 10, clientY: 10 }));
    const menu = screen.getByTestId('row-menu');
    expect([...menu.querySelectorAll('[role=menuitem]')].map((b) => b.textContent)).toEqual([
      'Copy as cURL',
      'Copy as fetch',
      'Copy report as Markdown',
      'Copy URL',
      'Compare with…',
      'Open in a new tab',
    ]);
    expect(document.activeElement?.textContent).toBe('Copy as cURL');
    await act(() => void fireEvent.keyDown(menu, { key: 'ArrowDown' }));
    expect(document.activeElement?.textContent).toBe('Copy as fetch');
    // each action says what its copy carries
    await act(() => void fireEvent.click(screen.getByRole('menuitem', { name: 'Copy as cURL (secrets masked)' })));
    await waitFor(() => expect(p.copied).toHaveLength(1));
    expect(p.copied[0]).toContain('curl ');
    expect(p.copied[0]).not.toContain(SECRET);
    expect(screen.queryByTestId('row-menu')).toBeNull();
    expect(screen.getByTestId('notice').textContent).toBe('Copy as cURL: copied (secrets masked)');

    const list = screen.getByTestId('list');
    await act(() => void fireEvent.keyDown(list, { key: 'F10', shiftKey: true }));
    const again = screen.getByTestId('row-menu');
    await act(() => void fireEvent.keyDown(again, { key: 'Escape' }));
    expect(screen.queryByTestId('row-menu')).toBeNull();
  });
});

describe('import of HAR files written by browsers (test/fixtures/har)', () => {
  it.each(['playwright-chromium.har', 'chrome-h2.har', 'firefox.har'])(
    '%s: its auth failures appear with diagnoses',
    async (name) => {
      const { readFileSync } = await import('node:fs');
      // vitest runs from the repository root (import.meta.url is the page's URL under happy-dom)
      const text = readFileSync(`${process.cwd()}/test/fixtures/har/${name}`, 'utf8');
      const { fromHar } = await import('../../../src/har/read.ts');
      const expected = fromHar(JSON.parse(text), { tabId: 7 }).records;
      expect(expected.length).toBeGreaterThan(0);
      const p = renderPanel();
      await act(() => p.snapshot([]));
      const app = p.container.querySelector('.app')!;
      await act(
        () => void fireEvent.drop(app, { dataTransfer: { files: [new File([text], name)], types: ['Files'] } }),
      );
      await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(Math.min(expected.length, 30)));
      await p.diagnosed();
      const rows = screen.getAllByTestId('record-row');
      expect(rows.map((r) => r.dataset.status).sort()).toEqual(
        expected
          .slice(0, rows.length)
          .map((r) => String(r.status))
          .sort(),
      );
      expect(rows.every((r) => !r.hasAttribute('data-pending'))).toBe(true);
      expect(rows.filter((r) => r.getAttribute('data-finding') !== '').length).toBe(rows.length);
    },
  );
});
