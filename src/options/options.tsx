// The options page: what to capture, how much to keep, and how secrets are shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../shared/client.ts';
import { RECORDS_PER_TAB_MAX, RECORDS_PER_TAB_MIN, DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import { Toggle } from './toggle.tsx';
import { describeSettings, formFromSettings, sameSettings, validate, type FormState } from './form.ts';

export function Options({ client }: { client: Client }) {
  const [saved, setSaved] = useState<Settings | undefined>();
  const [form, setForm] = useState<FormState | undefined>();
  const [justSaved, setJustSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  // Unsaved edits are the user's; otherwise follow changes made elsewhere (the popup's Pause)
  // when this tab comes back into view, so Save never writes back a stale value.
  const dirtyRef = useRef(false);
  useEffect(() => {
    const load = (): void => {
      client.request('getSettings').then(
        (r) => {
          if (dirtyRef.current) return;
          setSaved(r.settings);
          setForm(formFromSettings(r.settings));
        },
        (e: unknown) => setError(`Could not load the settings: ${String(e)}`),
      );
    };
    load();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [client]);

  if (!form || !saved) {
    return (
      <main class="options">
        <h1>AuthLens settings</h1>
        {error ? (
          <p role="alert" class="err">
            {error}
          </p>
        ) : (
          <p role="status" class="muted">
            Loading…
          </p>
        )}
      </main>
    );
  }

  const v = validate(form);
  const dirty = !v.patch || !sameSettings(v.patch, saved);
  dirtyRef.current = dirty;
  const set = (patch: Partial<FormState>): void => {
    setForm({ ...form, ...patch });
    setJustSaved(false);
  };
  const save = (e: Event): void => {
    e.preventDefault();
    if (!v.patch) return;
    setSaving(true);
    client.request('setSettings', { patch: v.patch }).then(
      (r) => {
        setSaved(r.settings);
        setForm(formFromSettings(r.settings));
        setJustSaved(true);
        setError(undefined);
        setSaving(false);
      },
      (err: unknown) => {
        setError(`Could not save: ${String(err)}`);
        setSaving(false);
      },
    );
  };
  const statusErr = v.statuses.errors.length > 0;

  return (
    <main class="options">
      <h1>AuthLens settings</h1>
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>Capture</legend>
          <div class="field">
            <label for="opt-statuses">Status codes to capture</label>
            <input
              id="opt-statuses"
              data-testid="opt-statuses"
              class="mono"
              value={form.statuses}
              aria-invalid={statusErr}
              aria-describedby="opt-statuses-help opt-statuses-msg"
              onInput={(e) => set({ statuses: e.currentTarget.value })}
            />
            <p id="opt-statuses-help" class="help muted">
              Separated by commas or spaces. Defaults: {DEFAULT_SETTINGS.captureStatuses.join(', ')}. Responses carrying
              a WWW-Authenticate or Proxy-Authenticate challenge are captured whatever their status.
            </p>
            <div id="opt-statuses-msg" aria-live="polite">
              {v.statuses.errors.map((m) => (
                <p class="err" key={m}>
                  {m}
                </p>
              ))}
              {v.statuses.warnings.map((m) => (
                <p class="warn" key={m}>
                  {m}
                </p>
              ))}
            </div>
            <button
              type="button"
              class="small"
              onClick={() => set({ statuses: DEFAULT_SETTINGS.captureStatuses.join(', ') })}
            >
              Restore default codes
            </button>
          </div>
          <div class="field">
            <label for="opt-records">Records kept per tab</label>
            <input
              id="opt-records"
              data-testid="opt-records"
              type="number"
              inputMode="numeric"
              min={RECORDS_PER_TAB_MIN}
              max={RECORDS_PER_TAB_MAX}
              value={form.records}
              aria-invalid={v.recordsError !== undefined}
              aria-describedby="opt-records-help"
              onInput={(e) => set({ records: e.currentTarget.value })}
            />
            <p id="opt-records-help" class={v.recordsError ? 'err' : 'help muted'} aria-live="polite">
              {v.recordsError ?? `From ${RECORDS_PER_TAB_MIN} to ${RECORDS_PER_TAB_MAX}; the oldest are dropped first.`}
            </p>
          </div>
          <Toggle
            id="opt-preserve"
            checked={form.preserveLog}
            onChange={(c) => set({ preserveLog: c })}
            label="Preserve log"
            help="Keep a tab's records when it navigates to another page (like DevTools' Preserve log)."
          />
          <Toggle
            id="opt-paused"
            checked={form.paused}
            onChange={(c) => set({ paused: c })}
            label="Pause capture"
            help="Record nothing until this is turned off again."
          />
        </fieldset>
        <fieldset>
          <legend>Secrets</legend>
          <Toggle
            id="opt-reveal"
            checked={form.revealSecrets}
            onChange={(c) => set({ revealSecrets: c })}
            label="Reveal secrets by default"
            help={
              'Off by default: tokens, cookies and API keys are masked until you reveal one on purpose. ' +
              'Exports stay masked unless you choose otherwise when exporting.'
            }
          />
          {form.revealSecrets && (
            <p class="banner warn" role="alert" data-testid="opt-reveal-warning">
              Anyone who can see your screen or a screenshot of the panel will see your credentials in full.
            </p>
          )}
        </fieldset>
        <div class="savebar">
          <button type="submit" class="primary" data-testid="opt-save" disabled={!v.patch || !dirty || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <span class="muted">
            {v.patch ? (dirty ? 'Unsaved changes' : 'No changes') : 'Fix the errors above to save'}
          </span>
        </div>
        {error && (
          <p role="alert" class="err">
            {error}
          </p>
        )}
        <p data-testid="opt-saved" role="status" class="saved">
          {justSaved ? `Saved: ${describeSettings(saved)}.` : `In use: ${describeSettings(saved)}.`}
        </p>
      </form>
    </main>
  );
}
