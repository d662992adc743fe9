// The toolbar popup: this tab's auth failures at a glance, and the way into the full report.
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import type { Client } from '../shared/client.ts';
import type { Diagnoser } from '../shared/diagnoser.ts';
import { pageDiagnoser } from '../shared/engine-worker.ts';
import { NS, type PortEvent } from '../shared/messages.ts';
import { NO_TAB } from '../shared/types.ts';
import { Empty } from './empty.tsx';
import { Row } from './row.tsx';
import { panelPath } from '../shared/pages.ts';
import { capNote, lossWarning } from '../shared/losses.ts';
import { apply, initialState, type PopupState } from './state.ts';

/** A popup is a glance; the full report handles thousands. */
export const POPUP_MAX_ROWS = 200;

export interface PopupProps {
  client: Client;
  /** called after opening a page (the real popup closes itself) */
  onNavigate?: () => void;
  /** makes the popup's diagnoser (tests: one whose work they run by hand) */
  diagnoser?: () => Diagnoser;
}

type Action = { tabId: number; event: PortEvent } | { reset: true };

function reducer(s: PopupState, a: Action): PopupState {
  return 'reset' in a ? initialState : apply(s, a.event, a.tabId);
}

export function Popup({ client, onNavigate, diagnoser: makeDiagnoser = pageDiagnoser }: PopupProps) {
  const [tabId, setTabId] = useState<number | undefined | null>(null); // null: still asking
  const [state, dispatch] = useReducer(reducer, initialState);
  // the popup's one diagnoser: the rows it shows are diagnosed first, each re-render reads what has arrived
  const diagnoser = useMemo(makeDiagnoser, []);
  const [, setDiagnosed] = useState(0);
  useEffect(() => {
    const stop = diagnoser.onChange(() => setDiagnosed(diagnoser.version));
    return () => {
      stop();
      diagnoser.dispose();
    };
  }, [diagnoser]);
  const oldestFirst = useMemo(() => [...state.records].reverse(), [state.records]);
  useEffect(() => {
    diagnoser.setInputs(oldestFirst, state.context);
    diagnoser.want(state.records.slice(0, POPUP_MAX_ROWS), true);
  }, [diagnoser, oldestFirst, state.context, state.records]);
  const [noTabCount, setNoTabCount] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [hostAccess, setHostAccess] = useState(true);

  // Firefox 121-126 grant an MV3 add-on no host access at install: AuthLens then sees nothing.
  useEffect(() => {
    client.hostAccess().then(setHostAccess, () => undefined);
  }, [client]);
  const askHostAccess = (): void => {
    client.requestHostAccess().then(setHostAccess, (e: unknown) => setError(`Could not ask for access: ${String(e)}`));
  };

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    client.activeTabId().then(
      (id) => {
        if (!live) return;
        setTabId(id);
        if (id === undefined) return;
        stop = client.watchTab(id, (event) => dispatch({ tabId: id, event }));
      },
      () => live && setTabId(undefined),
    );
    // Failures from page service workers have no tab: say they exist, or they are easy to miss.
    client.request('getRecords', { tabId: NO_TAB }).then(
      (r) => live && setNoTabCount(r.records.length),
      () => undefined,
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [client]);

  const open = (path: string): void => {
    client.openPage(path).then(
      () => onNavigate?.(),
      (e: unknown) => setError(`Could not open the report: ${String(e)}`),
    );
  };
  const act = (p: Promise<unknown>, what: string): void => {
    p.then(
      () => setError(undefined),
      (e: unknown) => setError(`${what} failed: ${String(e)}`),
    );
  };

  if (tabId === null)
    return (
      <main class="popup">
        <p class="muted" role="status">
          Loading…
        </p>
      </main>
    );
  if (tabId === undefined) {
    return (
      <main class="popup">
        <p role="status">AuthLens cannot see a tab here. Open the popup over a web page.</p>
      </main>
    );
  }

  const paused = state.settings?.paused ?? false;
  const clear = (): void =>
    act(
      client.request('clear', { tabId }).then(() => dispatch({ tabId, event: { ns: NS, type: 'cleared', tabId } })),
      'Clear',
    );
  const togglePause = (): void =>
    act(
      client
        .request('setSettings', { patch: { paused: !paused } })
        .then((r) => dispatch({ tabId, event: { ns: NS, type: 'settings', settings: r.settings } })),
      paused ? 'Resume' : 'Pause',
    );
  const openSettings = (): void =>
    act(
      client.openOptions().then(() => onNavigate?.()),
      'Opening settings',
    );
  const shown = state.records.slice(0, POPUP_MAX_ROWS);
  const more = state.records.length - shown.length;
  const count = state.records.length;

  return (
    <main class="popup" aria-busy={!state.loaded}>
      <header class="bar">
        <div class="title">
          <h1>AuthLens</h1>
          <span class="muted count" aria-live="polite">
            {state.loaded ? `${count} auth failure${count === 1 ? '' : 's'} in this tab` : 'loading…'}
          </span>
          <button type="button" class="small" data-testid="popup-settings" onClick={openSettings}>
            Settings
          </button>
        </div>
        <div class="actions" role="group" aria-label="Actions">
          <button type="button" data-testid="popup-clear" disabled={count === 0} onClick={clear}>
            Clear
          </button>
          <button type="button" data-testid="popup-pause" onClick={togglePause}>
            {paused ? 'Resume capture' : 'Pause capture'}
          </button>
          <button type="button" class="primary" data-testid="popup-open-report" onClick={() => open(panelPath(tabId))}>
            Open full report
          </button>
        </div>
      </header>
      {paused && (
        <p class="banner warn" role="status" data-testid="popup-paused">
          Capture is paused: AuthLens records nothing until you resume it.
        </p>
      )}
      {lossWarning(state.losses) && (
        <p class="banner warn" role="status" data-testid="popup-losses">
          {lossWarning(state.losses)}
        </p>
      )}
      {!hostAccess && (
        <p class="banner warn" role="alert" data-testid="popup-host-access">
          AuthLens cannot see any request: the browser has not given it access to websites.{' '}
          <button type="button" class="link" data-testid="popup-grant-access" onClick={askHostAccess}>
            Allow access to all sites
          </button>
        </p>
      )}
      {error && (
        <p class="banner err" role="alert">
          {error}
        </p>
      )}
      {state.loaded && count === 0 && <Empty statuses={state.settings?.captureStatuses ?? []} paused={paused} />}
      {shown.length > 0 && (
        <ul class="rows" aria-label="Auth failures in this tab, newest first">
          {shown.map((r) => (
            <li key={r.id}>
              <Row record={r} summary={diagnoser.peekSummary(r)} onOpen={() => open(panelPath(tabId, r.id))} />
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p class="muted more">and {more} older: open the full report to see them all.</p>}
      {capNote(state.losses, state.settings?.recordsPerTab ?? 0) && (
        <p class="muted more" data-testid="popup-cap">
          {capNote(state.losses, state.settings?.recordsPerTab ?? 0)}
        </p>
      )}
      {noTabCount > 0 && (
        <p class="notab muted" data-testid="popup-notab">
          {noTabCount} failure{noTabCount === 1 ? '' : 's'} from service workers (no tab).{' '}
          <button type="button" class="link" onClick={() => open(panelPath(NO_TAB))}>
            Show them
          </button>
        </p>
      )}
    </main>
  );
}
