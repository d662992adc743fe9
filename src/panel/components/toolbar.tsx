import type { Ref } from 'preact';
import { clearAll, patchSettings } from '../actions.ts';
import { useServices, useStore } from '../providers.ts';
import type { StatusToggle } from '../filter.ts';
import { ExportMenu } from './export-menu.tsx';
import { ClearIcon, PauseIcon, RecordIcon } from './icons.tsx';
import { ImportButton } from './import-button.tsx';

const TOGGLES: { id: StatusToggle; label: string }[] = [
  { id: '401', label: '401' },
  { id: '403', label: '403' },
  { id: 'other', label: 'Other' },
];

export function Toolbar({ filterRef }: { filterRef: Ref<HTMLInputElement> }) {
  const store = useStore();
  const services = useServices();
  const { settings } = store.state.value;
  const toggles = store.toggles.value;
  const flip = (t: StatusToggle): void => {
    store.toggles.value = toggles.includes(t) ? toggles.filter((x) => x !== t) : [...toggles, t];
  };
  return (
    <header class="toolbar" aria-label="AuthLens controls">
      <h1 class="visually-hidden">AuthLens: auth failures</h1>
      <button
        type="button"
        class="icon-btn"
        data-testid="clear"
        aria-label="Clear"
        title="Clear"
        onClick={() => void clearAll(store, services)}
      >
        <ClearIcon />
      </button>
      <button
        type="button"
        class={`icon-btn ${settings.paused ? 'on-warn' : ''}`}
        data-testid="pause"
        aria-pressed={settings.paused}
        aria-label={settings.paused ? 'Resume capture' : 'Pause capture'}
        title={settings.paused ? 'Resume capture' : 'Pause capture'}
        onClick={() => void patchSettings(store, services, { paused: !settings.paused })}
      >
        {settings.paused ? <RecordIcon /> : <PauseIcon />}
      </button>
      <span class="sep" aria-hidden="true" />
      <label class="check" title="Keep records across page navigations">
        <input
          type="checkbox"
          data-testid="preserve-log"
          checked={settings.preserveLog}
          onChange={(e) => void patchSettings(store, services, { preserveLog: e.currentTarget.checked })}
        />
        Preserve log
      </label>
      <span class="sep" aria-hidden="true" />
      <input
        ref={filterRef}
        type="search"
        class="filter"
        data-testid="filter"
        aria-label={
          'Filter (status:403 domain:api.example.com scheme:bearer finding:token-expired method:POST, ' +
          '-key: to exclude)'
        }
        placeholder="Filter  status:403 domain: scheme: finding: method: -domain:"
        spellcheck={false}
        autocomplete="off"
        value={store.filterText.value}
        onInput={(e) => {
          store.filterText.value = e.currentTarget.value;
        }}
      />
      <div class="seg" role="group" aria-label="Status quick filters">
        {TOGGLES.map((t) => (
          <button
            type="button"
            key={t.id}
            class={`seg-btn ${toggles.includes(t.id) ? 'on' : ''}`}
            aria-pressed={toggles.includes(t.id)}
            data-testid={`toggle-${t.id}`}
            onClick={() => flip(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label class="check" title="Group rows by origin">
        <input
          type="checkbox"
          data-testid="group-by-origin"
          checked={store.groupByOrigin.value}
          onChange={(e) => {
            store.groupByOrigin.value = e.currentTarget.checked;
          }}
        />
        Group by origin
      </label>
      <span class="spacer" />
      <ImportButton />
      <ExportMenu />
    </header>
  );
}
