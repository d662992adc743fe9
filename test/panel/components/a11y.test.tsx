// @vitest-environment happy-dom
// Structure and labels only: happy-dom has no layout, so contrast is checked in real Chromium.
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { rec } from '../../support/records.ts';
import { renderPanel } from '../render.tsx';

afterEach(cleanup);

async function violations(): Promise<string[]> {
  const r = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core, serious and critical)', () => {
  it('the check is live: an unlabelled control is reported', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([]));
    const bad = document.createElement('input');
    document.body.appendChild(bad);
    expect((await violations()).some((v) => v.startsWith('label:'))).toBe(true);
    bad.remove();
  });

  it('empty state', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([]));
    expect(await violations()).toEqual([]);
  });

  it('list with the detail open on each tab, and the row menu', async () => {
    const r = rec({
      requestHeaders: [
        { name: 'Authorization', value: 'Bearer abc.def.ghi' },
        { name: 'Cookie', value: 'a=1' },
      ],
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    });
    const p = renderPanel({ selected: r.id });
    await act(() => p.snapshot([r, rec({ status: 403 })]));
    for (const name of ['Diagnosis', 'Challenge', 'Credentials', 'Headers', 'Redirects', 'Body']) {
      await act(() => void fireEvent.click(screen.getByRole('tab', { name })));
      expect(await violations()).toEqual([]);
    }
    await act(() => void fireEvent.contextMenu(screen.getAllByTestId('record-row')[0]!));
    expect(await violations()).toEqual([]);
  });
});
