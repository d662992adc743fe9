import type { CaptureRecord } from '../../shared/types.ts';
import { CopyButton } from './copy-button.tsx';

export function BodyView({ record: r }: { record: CaptureRecord }) {
  if (r.responseBody === undefined) {
    return (
      <p class="muted">
        Response body not known. The browser does not give extensions response bodies; AuthLens reads them from
        DevTools' network data, for requests made while DevTools is open (or from an imported HAR file).
      </p>
    );
  }
  return (
    <div class="body-view">
      <div class="row-actions">
        <CopyButton text={r.responseBody} label="Copy response body" />
      </div>
      <pre class="body" aria-label="Response body">
        <code>{r.responseBody}</code>
      </pre>
    </div>
  );
}
