// @vitest-environment happy-dom
// The popup says how many of the tab's records the background could not keep, and why.
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Popup } from '../../src/popup/popup.tsx';
import { createClient } from '../../src/shared/client.ts';
import { NS } from '../../src/shared/messages.ts';
import { backgroundTwin } from '../support/background-twin.ts';
import { rec } from '../support/records.ts';

afterEach(cleanup);

describe('Popup: losses', () => {
  it('a banner for records lost or dropped for room, a quiet note for the per-tab cap', async () => {
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [rec()] } });
    render(<Popup client={createClient(twin.transport)} />);
    await waitFor(() => expect(screen.queryAllByTestId('popup-row')).toHaveLength(1));
    expect(screen.queryByTestId('popup-losses')).toBeNull();
    await act(() =>
      twin.lastPort().emit({ ns: NS, type: 'losses', tabId: 7, losses: { lost: 2, quota: 1, cap: 4000 } }),
    );
    expect(screen.getByTestId('popup-losses').textContent).toBe(
      '1 older record dropped: session storage (10 MB for all tabs) is full, the biggest tab gives first; ' +
        '2 records lost: the background stopped while storage writes were failing',
    );
    expect(screen.getByTestId('popup-cap').textContent).toBe(
      '4,000 older records dropped to keep the newest 500 (Settings: records kept per tab)',
    );
  });
});
