import { recordMasker } from '../../redact/record.ts';
import { maskText } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useStore } from '../providers.ts';
import { isRevealed, revealedValues, revealsAll, toggleReveal } from '../reveal.ts';
import { CopyButton } from './copy-button.tsx';

export function BodyView({ record: r }: { record: CaptureRecord }) {
  const store = useStore();
  if (r.responseBody === undefined) {
    return (
      <p class="muted">
        Response body not known. The browser does not give extensions response bodies; AuthLens reads them from
        DevTools' network data, for requests made while DevTools is open (or from an imported HAR file).
      </p>
    );
  }
  const body = r.responseBody;
  // a token endpoint's answer, an error that quotes the key it was sent: masked like the headers
  const masked = maskText(body, recordMasker(r, { key: store.fingerprintKey, revealed: revealedValues(store, r.id) }));
  const secret = masked !== body;
  const shown = !secret || isRevealed(store, r.id, body);
  return (
    <div class="body-view">
      <div class="row-actions">
        {secret && !revealsAll(store) && (
          <button
            type="button"
            class="btn small"
            aria-pressed={shown}
            aria-label={`${shown ? 'Hide' : 'Reveal'} secrets in the response body`}
            onClick={() => toggleReveal(store, r.id, body)}
          >
            {shown ? 'Hide' : 'Reveal'}
          </button>
        )}
        <CopyButton
          text={shown ? body : masked}
          label={`Copy response body${secret ? (shown ? ' (secrets included)' : ' (secrets masked)') : ''}`}
        />
      </div>
      <pre class="body" aria-label="Response body" data-testid="body">
        <code>{shown ? body : masked}</code>
      </pre>
    </div>
  );
}
