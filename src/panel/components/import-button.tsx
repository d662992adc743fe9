import { useRef } from 'preact/hooks';
import { importHar } from '../actions.ts';
import { useServices, useStore } from '../providers.ts';

export function ImportButton() {
  const store = useStore();
  const services = useServices();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="btn" data-testid="import" onClick={() => input.current?.click()}>
        Import HAR
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,application/json,.json"
        class="visually-hidden"
        tabIndex={-1}
        aria-label="HAR file to import"
        data-testid="import-file"
        onChange={async (e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          // cleared first so picking the same file again fires change again
          el.value = '';
          if (file) void importHar(store, services, file, file.name);
        }}
      />
    </>
  );
}
