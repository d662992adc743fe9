// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { POPUP_MAX_ROWS, Popup } from '../../src/popup/popup.tsx';
import { createClient } from '../../src/shared/client.ts';
import { NS } from '../../src/shared/messages.ts';
import { summarizeDiagnosis } from '../../src/shared/diagnoser.ts';
import { timedDiagnoser } from '../support/diagnoser.ts';
import { NO_TAB } from '../../src/shared/types.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { backgroundTwin } from '../support/background-twin.ts';
import { diagnosed, rec } from '../support/records.ts';

/** What the engine says of `r` among the tab's `records` (the popup diagnoses with that history). */
async function engineSummary(records: CaptureRecord[], r: CaptureRecord) {
  const d = timedDiagnoser();
  d.setInputs(records, []);
  const res = await d.get(r);
  if (!res.ok) throw new Error(res.error);
  return summarizeDiagnosis(res.diagnosis);
}

afterEach(cleanup);

const rowsShown = () => screen.queryAllByTestId('popup-row');

function mount(twin: ReturnType<typeof backgroundTwin>) {
  let navigated = 0;
  const utils = render(<Popup client={createClient(twin.transport)} onNavigate={() => navigated++} />);
  return { ...utils, navigated: () => navigated };
}

describe('Popup', () => {
  it("lists the tab's failures newest first: chip, method, host + path, one line of why", async () => {
    const older = rec({
      status: 403,
      statusLine: 'HTTP/1.1 403 Forbidden',
      method: 'POST',
      url: 'https://api.example.com/v1/orders?token=abc',
    });
    const newer = rec({
      url: 'https://api.example.com/v1/me?access_token=abc',
      exportedDiagnosis: diagnosed('The access token expired 14 min ago', ['token-expired', 'error']),
    });
    const other = rec({ tabId: 6 });
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [older, newer], 6: [other] } });
    mount(twin);
    await waitFor(() => expect(rowsShown()).toHaveLength(2));
    const [first, second] = rowsShown();
    expect(first?.dataset.recordId).toBe(newer.id);
    expect(first?.dataset.status).toBe('401');
    expect(first?.textContent).toBe(
      '401 GET api.example.com/v1/me The access token expired 14 min ago (opens the full report)',
    );
    expect(first?.className).toContain('sev-error');
    expect(second?.dataset.recordId).toBe(older.id);
    // the worker leaves the engine out: the popup runs it itself
    const want = await engineSummary([older, newer], older);
    await waitFor(() =>
      expect(second?.textContent).toBe(
        `403 POST api.example.com/v1/orders ${want.layer} ${want.summary} (opens the full report)`,
      ),
    );
    expect(second?.className).toContain(`sev-${want.top?.severity}`);
    // who said no, named in the row
    expect(second?.querySelector('[data-testid="popup-layer"]')?.getAttribute('title')).toBe(
      'Refused by the application',
    );
    // the query (which may hold a token) never shows
    expect(document.body.textContent).not.toContain('access_token');
    expect(screen.getByText('2 auth failures in this tab')).toBeTruthy();
  });

  it('rows are labelled buttons; a click opens the full report focused on that record', async () => {
    const r = rec({ id: 'a b/1' });
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [r] } });
    const m = mount(twin);
    const { summary, layer } = await engineSummary([r], r);
    const row = await screen.findByRole('button', {
      name: `401 GET api.example.com${new URL(r.url).pathname} ${layer} ${summary} (opens the full report)`,
    });
    fireEvent.click(row);
    await waitFor(() => expect(twin.opened).toEqual(['chrome-extension://twin/panel.html?tabId=7&record=a%20b%2F1']));
    expect(m.navigated()).toBe(1);
  });

  it('shows live additions at the top', async () => {
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [rec()] } });
    mount(twin);
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    const fresh = rec({ status: 419, statusLine: 'HTTP/1.1 419 unknown status' });
    twin.add(fresh);
    await waitFor(() => expect(rowsShown()).toHaveLength(2));
    expect(rowsShown()[0]?.dataset.recordId).toBe(fresh.id);
    expect(rowsShown()[0]?.dataset.status).toBe('419');
  });

  it('empty state says what AuthLens watches and how to see more', async () => {
    const twin = backgroundTwin({ activeTab: 7, settings: { captureStatuses: [401, 403, 498] } });
    mount(twin);
    const empty = await screen.findByTestId('popup-empty');
    expect(empty.textContent).toContain('No auth failures in this tab.');
    expect(empty.textContent).toContain('status 401, 403 or 498');
    expect(empty.textContent).toContain('WWW-Authenticate');
    expect(empty.textContent).toContain('open DevTools (F12) and choose the Auth panel');
    expect(screen.queryByTestId('popup-paused')).toBeNull();
    expect(screen.getByText('0 auth failures in this tab')).toBeTruthy();
  });

  it('Clear asks the background and empties the list', async () => {
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [rec(), rec()] } });
    mount(twin);
    await waitFor(() => expect(rowsShown()).toHaveLength(2));
    fireEvent.click(screen.getByTestId('popup-clear'));
    await screen.findByTestId('popup-empty');
    expect(twin.sent).toContainEqual({ ns: NS, type: 'clear', tabId: 7 });
    expect(rowsShown()).toHaveLength(0);
  });

  it('Pause / Resume toggles capture and says when it is paused', async () => {
    const twin = backgroundTwin({ activeTab: 7 });
    mount(twin);
    const pause = await screen.findByRole('button', { name: 'Pause capture' });
    fireEvent.click(pause);
    await screen.findByTestId('popup-paused');
    expect(twin.sent).toContainEqual({ ns: NS, type: 'setSettings', patch: { paused: true } });
    expect(twin.settings.paused).toBe(true);
    const resume = screen.getByTestId('popup-pause');
    expect(resume.textContent).toBe('Resume capture');
    // the label says the state (no aria-pressed: a toggle whose label changes would say it twice)
    expect(resume.hasAttribute('aria-pressed')).toBe(false);
    expect(screen.getByTestId('popup-empty').textContent).toContain('(capture is paused)');
    fireEvent.click(resume);
    await waitFor(() => expect(screen.queryByTestId('popup-paused')).toBeNull());
    expect(twin.sent).toContainEqual({ ns: NS, type: 'setSettings', patch: { paused: false } });
  });

  it('Open full report and Settings', async () => {
    const twin = backgroundTwin({ activeTab: 12 });
    const m = mount(twin);
    fireEvent.click(await screen.findByTestId('popup-open-report'));
    await waitFor(() => expect(twin.opened).toEqual(['chrome-extension://twin/panel.html?tabId=12']));
    fireEvent.click(screen.getByTestId('popup-settings'));
    await waitFor(() => expect(twin.optionsOpened).toBe(1));
    expect(m.navigated()).toBe(2);
  });

  it('caps the rows and points to the full report for the rest', async () => {
    const many = Array.from({ length: POPUP_MAX_ROWS + 7 }, () => rec());
    const twin = backgroundTwin({ activeTab: 7, records: { 7: many } });
    mount(twin);
    await waitFor(() => expect(rowsShown()).toHaveLength(POPUP_MAX_ROWS));
    expect(screen.getByText('and 7 older: open the full report to see them all.')).toBeTruthy();
    expect(rowsShown()[0]?.dataset.recordId).toBe(many[many.length - 1]?.id);
  });

  it('mentions failures from service workers (no tab) and opens them', async () => {
    const twin = backgroundTwin({
      activeTab: 7,
      records: { [NO_TAB]: [rec({ tabId: NO_TAB }), rec({ tabId: NO_TAB })] },
    });
    mount(twin);
    const note = await screen.findByTestId('popup-notab');
    expect(note.textContent).toContain('2 failures from service workers (no tab).');
    fireEvent.click(within(note).getByRole('button', { name: 'Show them' }));
    await waitFor(() => expect(twin.opened).toEqual(['chrome-extension://twin/panel.html?tabId=-1']));
  });

  it('no tab to show', async () => {
    mount(backgroundTwin({ activeTab: undefined }));
    expect((await screen.findByRole('status')).textContent).toContain('cannot see a tab');
  });

  it('a failed action is reported, not swallowed', async () => {
    const twin = backgroundTwin({ activeTab: 7, failRequests: true });
    mount(twin);
    fireEvent.click(await screen.findByTestId('popup-pause'));
    expect((await screen.findByRole('alert')).textContent).toContain('Pause failed');
  });

  it('every button has an accessible name', async () => {
    mount(backgroundTwin({ activeTab: 7, records: { 7: [rec()] } }));
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    for (const b of screen.getAllByRole('button')) {
      expect(b.getAttribute('aria-label') ?? b.textContent ?? '').not.toBe('');
    }
    expect(screen.getByRole('list', { name: 'Auth failures in this tab, newest first' })).toBeTruthy();
  });
});

describe('Popup without host access (Firefox 121-126 grant none at install)', () => {
  it('says AuthLens sees nothing and asks for access from a click', async () => {
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [] } });
    let granted = false;
    let asked = 0;
    const transport = {
      ...twin.transport,
      hostAccess: async () => granted,
      requestHostAccess: async () => {
        asked++;
        granted = true;
        return true;
      },
    };
    render(<Popup client={createClient(transport)} />);
    const banner = await screen.findByTestId('popup-host-access');
    expect(banner.getAttribute('role')).toBe('alert');
    fireEvent.click(within(banner).getByRole('button', { name: 'Allow access to all sites' }));
    await waitFor(() => expect(screen.queryByTestId('popup-host-access')).toBeNull());
    expect(asked).toBe(1);
  });

  it('shows no banner where access is granted, or where the platform cannot tell', async () => {
    const twin = backgroundTwin({ activeTab: 7, records: { 7: [rec()] } });
    render(<Popup client={createClient(twin.transport)} />);
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    expect(screen.queryByTestId('popup-host-access')).toBeNull();
  });
});
