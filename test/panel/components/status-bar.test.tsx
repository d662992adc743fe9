// @vitest-environment happy-dom
// The panel's status line says how many records the background could not keep, and why.
import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NS } from '../../../src/shared/messages.ts';
import { renderPanel } from '../render.tsx';
import { rec } from '../../support/records.ts';

afterEach(cleanup);

describe('panel status line: losses', () => {
  it('shows quota drops and unsaved records as a warning, the per-tab cap as a note, nothing when none', async () => {
    const p = renderPanel();
    await act(() => p.snapshot([rec()], { recordsPerTab: 500 }));
    expect(screen.queryByTestId('losses')).toBeNull();
    expect(screen.queryByTestId('cap-note')).toBeNull();
    await act(() =>
      p.twin.lastPort().emit({
        ns: NS,
        type: 'losses',
        tabId: 7,
        losses: { quota: 1234, cap: 20, unsaved: 3, error: 'Error: IO error' },
      }),
    );
    expect(screen.getByTestId('losses').textContent).toBe(
      '1,234 older records dropped: session storage (10 MB for all tabs) is full, the biggest tab gives first; ' +
        '3 records not saved yet: storage writes fail (Error: IO error), AuthLens keeps retrying',
    );
    expect(screen.getByTestId('cap-note').textContent).toBe(
      ' · 20 older records dropped to keep the newest 500 (Settings: records kept per tab)',
    );
    // another tab's losses are not this panel's
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'losses', tabId: 8, losses: { lost: 1 } }));
    expect(screen.getByTestId('losses').textContent).toMatch(/^1,234 older records/);
    await act(() => p.twin.lastPort().emit({ ns: NS, type: 'losses', tabId: 7, losses: {} }));
    expect(screen.queryByTestId('losses')).toBeNull();
  });
});
