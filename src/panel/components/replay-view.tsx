// The Replay tab: send this request again from the inspected page (its origin, its cookies, its
// CORS rules), as it was or with edits. Nothing goes out without a click; a method that changes
// things (anything but GET, HEAD, OPTIONS) first shows what will be sent and asks. The result is
// a new row, a replay of this one, with its own diagnosis.
import { useState } from 'preact/hooks';
import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord, Header } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import {
  buildReplay,
  defaultEdits,
  isBrowserSet,
  isSafeMethod,
  type CredentialsMode,
  type ReplayEdits,
} from '../replay/request.ts';
import { runReplay, type ReplayResult } from '../replay/run.ts';
import { replayedId } from '../state.ts';
import { HeaderTable } from './header-table.tsx';

type Phase = { kind: 'edit' } | { kind: 'confirm' } | { kind: 'running' } | { kind: 'done'; result: ReplayResult };

const CREDENTIALS: { mode: CredentialsMode; label: string }[] = [
  { mode: 'include', label: 'include (cookies on cross-origin calls too)' },
  { mode: 'same-origin', label: 'same-origin (cookies only to the page’s own origin)' },
  { mode: 'omit', label: 'omit (no cookies)' },
];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function ReplayView({ record }: { record: CaptureRecord }) {
  const store = useStore();
  const services = useServices();
  const [edits, setEdits] = useState<ReplayEdits>(() => defaultEdits(record));
  const [newHeader, setNewHeader] = useState<Header>({ name: '', value: '' });
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const built = buildReplay(record, edits);
  const evalInPage = services.evalInPage;
  const of = replayedId(store.state.value, record);
  const own = record.requestHeaders.filter((h) => !isBrowserSet(h.name) && h.name.toLowerCase() !== 'authorization');
  const sentAuth = record.requestHeaders.find((h) => h.name.toLowerCase() === 'authorization');

  const set = (patch: Partial<ReplayEdits>): void => {
    setEdits({ ...edits, ...patch });
    if (phase.kind === 'confirm' || phase.kind === 'done') setPhase({ kind: 'edit' });
  };
  const go = async (): Promise<void> => {
    if (!evalInPage) return;
    setPhase({ kind: 'running' });
    const state = store.state;
    const result = await runReplay(record, built, {
      evalInPage,
      now: services.now,
      sleep,
      live: () => state.peek().live,
      captureStatuses: () => state.peek().settings.captureStatuses,
      dispatch: store.dispatch,
    });
    setPhase({ kind: 'done', result });
  };
  const onReplay = (): void => {
    if (isSafeMethod(record.method)) void go();
    else setPhase({ kind: 'confirm' });
  };
  const show = (id: string): void => {
    store.selectedId.value = id;
    store.detailTab.value = 'diagnosis';
  };

  if (record.preflight)
    return (
      <p class="empty-note" data-testid="replay-preflight">
        A CORS preflight is sent by the browser itself before the request it guards; it cannot be replayed on its own.
      </p>
    );

  return (
    <div class="replay-view" data-testid="replay">
      {!evalInPage && (
        <p class="banner-note" role="note" data-testid="replay-unavailable">
          Replay in page works inside DevTools (the Auth panel), where AuthLens can run the request in the inspected
          page. This report is open as a tab (<code>panel.html?tabId={store.state.value.tabId}</code>): there is no
          inspected page here.
        </p>
      )}
      {of !== undefined && (
        <p class="muted" data-testid="replay-of">
          This row is a replay of another request.{' '}
          <button type="button" class="btn small" onClick={() => show(of)}>
            Show the original
          </button>
        </p>
      )}
      <p>
        <strong>{record.method}</strong> <code>{maskUrl(record.url)}</code>
        <br />
        <span class="muted">
          Sent from the inspected page (its origin, its cookies, its CORS rules) to this URL and no other. The page’s
          own scripts run there too and can see it.
        </span>
      </p>
      <fieldset>
        <legend>Authorization</legend>
        <label>
          <input
            type="radio"
            name="replay-auth-mode"
            checked={edits.authorization.mode === 'keep'}
            onChange={() => set({ authorization: { mode: 'keep' } })}
          />{' '}
          {sentAuth ? 'as sent' : 'none (as sent)'}
        </label>{' '}
        <label>
          <input
            type="radio"
            name="replay-auth-mode"
            data-testid="replay-auth-replace"
            checked={edits.authorization.mode === 'replace'}
            onChange={() => set({ authorization: { mode: 'replace', value: '' } })}
          />{' '}
          another value
        </label>{' '}
        {sentAuth && (
          <label>
            <input
              type="radio"
              name="replay-auth-mode"
              checked={edits.authorization.mode === 'remove'}
              onChange={() => set({ authorization: { mode: 'remove' } })}
            />{' '}
            none
          </label>
        )}
        {edits.authorization.mode === 'replace' && (
          <input
            type="password"
            class="replay-auth"
            data-testid="replay-auth"
            aria-label="New Authorization value (kept masked)"
            placeholder="Bearer eyJ…"
            autocomplete="off"
            spellcheck={false}
            value={edits.authorization.value}
            onInput={(e) =>
              set({ authorization: { mode: 'replace', value: (e.currentTarget as HTMLInputElement).value } })
            }
          />
        )}
      </fieldset>
      {own.length > 0 && (
        <fieldset>
          <legend>Headers the page set</legend>
          {own.map((h, i) => {
            const n = h.name.toLowerCase();
            const on = !edits.removed.includes(n);
            return (
              <label key={`${n}-${i}`} class="replay-header">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => set({ removed: on ? [...edits.removed, n] : edits.removed.filter((x) => x !== n) })}
                />{' '}
                <code>{h.name}</code>
              </label>
            );
          })}
        </fieldset>
      )}
      <fieldset>
        <legend>Add a header</legend>
        {edits.added.map((h, i) => (
          <p key={i}>
            <code>{h.name}</code>{' '}
            <button
              type="button"
              class="btn small"
              onClick={() => set({ added: edits.added.filter((_, k) => k !== i) })}
              aria-label={`Remove the added header ${h.name}`}
            >
              Remove
            </button>
          </p>
        ))}
        <input
          aria-label="Header name"
          placeholder="Name"
          value={newHeader.name}
          onInput={(e) => setNewHeader({ ...newHeader, name: (e.currentTarget as HTMLInputElement).value })}
        />{' '}
        <input
          aria-label="Header value"
          placeholder="Value"
          type="password"
          autocomplete="off"
          value={newHeader.value}
          onInput={(e) => setNewHeader({ ...newHeader, value: (e.currentTarget as HTMLInputElement).value })}
        />{' '}
        <button
          type="button"
          class="btn small"
          disabled={newHeader.name.trim() === ''}
          onClick={() => {
            set({ added: [...edits.added, newHeader] });
            setNewHeader({ name: '', value: '' });
          }}
        >
          Add
        </button>
      </fieldset>
      <label>
        Credentials{' '}
        <select
          data-testid="replay-credentials"
          value={edits.credentials}
          onChange={(e) => set({ credentials: (e.currentTarget as HTMLSelectElement).value as CredentialsMode })}
        >
          {CREDENTIALS.map((c) => (
            <option key={c.mode} value={c.mode}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {!['GET', 'HEAD'].includes(record.method.toUpperCase()) && (
        <label class="replay-body">
          Body (AuthLens never sees the original body: paste it if the server needs it)
          <textarea
            data-testid="replay-body"
            rows={3}
            value={edits.body}
            onInput={(e) => set({ body: (e.currentTarget as HTMLTextAreaElement).value })}
          />
        </label>
      )}
      {built.browserSet.length > 0 && (
        <p class="muted">Set by the browser itself, as for any request of the page: {built.browserSet.join(', ')}.</p>
      )}
      {built.problems.length > 0 && (
        <ul class="problems" data-testid="replay-problems">
          {built.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          class="btn"
          data-testid="replay-run"
          disabled={!evalInPage || built.problems.length > 0 || phase.kind === 'running' || phase.kind === 'confirm'}
          onClick={onReplay}
        >
          {isSafeMethod(record.method) ? 'Replay in page' : 'Replay in page…'}
        </button>
      </p>
      {phase.kind === 'confirm' && (
        <div
          class="replay-confirm"
          role="alertdialog"
          aria-labelledby="replay-confirm-title"
          data-testid="replay-confirm"
        >
          <p id="replay-confirm-title">
            <strong>{record.method} changes things on the server. Send this from the inspected page?</strong>
          </p>
          <p>
            <code>
              {built.request.method} {maskUrl(built.request.url)}
            </code>{' '}
            — credentials: {built.request.credentials}
          </p>
          <HeaderTable
            headers={built.request.headers.map(([name, value]) => ({ name, value }))}
            recordId={`${record.id}|replay`}
            caption="Headers the replay sets"
          />
          <p>
            Body: {built.request.body === undefined ? <em>none</em> : <code>{built.request.body.slice(0, 2000)}</code>}
          </p>
          <button type="button" class="btn" data-testid="replay-send" onClick={() => void go()}>
            Send
          </button>{' '}
          <button type="button" class="btn" data-testid="replay-cancel" onClick={() => setPhase({ kind: 'edit' })}>
            Cancel
          </button>
        </div>
      )}
      <p
        role="status"
        data-testid="replay-status"
        data-state={phase.kind === 'done' ? (phase.result.ok ? 'ok' : 'error') : phase.kind}
      >
        {phase.kind === 'running' && 'Replaying in the page…'}
        {phase.kind === 'done' && phase.result.ok && (
          <>
            Replayed: {phase.result.statusText || phase.result.status}
            {phase.result.pageOrigin ? ` (from ${phase.result.pageOrigin})` : ''}. A new row, a replay of this request,
            has its own diagnosis.{' '}
            <button
              type="button"
              class="btn small"
              data-testid="replay-show"
              onClick={() => show((phase.result as { id: string }).id)}
            >
              Show it
            </button>
          </>
        )}
        {phase.kind === 'done' && !phase.result.ok && `Replay failed: ${phase.result.error}`}
      </p>
    </div>
  );
}
