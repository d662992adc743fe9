import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { headerValue } from '../../http/headers.ts';
import { HeaderTable } from './header-table.tsx';
import { MaybeSecret } from './secret.tsx';

function Url({ recordId, url, label }: { recordId: string; url: string; label: string }) {
  return <MaybeSecret recordId={recordId} value={url} mask={(m) => maskUrl(url, m)} label={label} />;
}

export function RedirectsView({ record: r }: { record: CaptureRecord }) {
  if (r.redirects.length === 0)
    return (
      <p class="muted">
        No redirects: the request went straight to <Url recordId={r.id} url={r.url} label="request URL" />.
      </p>
    );
  return (
    <ol class="redirects">
      {r.redirects.map((h, i) => (
        <li key={i}>
          <div>
            <strong>{h.status}</strong> <Url recordId={r.id} url={h.url} label={`URL of hop ${i + 1}`} />
            {h.location !== undefined && (
              <>
                {' '}
                → <Url recordId={r.id} url={h.location} label={`Location of hop ${i + 1}`} />
              </>
            )}
            {headerValue(h.requestHeaders, 'authorization') !== undefined ? (
              <span class="tag">Authorization sent</span>
            ) : (
              <span class="tag muted">no Authorization</span>
            )}
          </div>
          <details>
            <summary>Headers of this hop</summary>
            <HeaderTable headers={h.requestHeaders} recordId={r.id} caption="Request headers" />
            <HeaderTable headers={h.responseHeaders} recordId={r.id} caption="Response headers" />
          </details>
        </li>
      ))}
      <li>
        <strong>{r.status}</strong> <Url recordId={r.id} url={r.url} label="request URL" />
        {headerValue(r.requestHeaders, 'authorization') !== undefined ? (
          <span class="tag">Authorization sent</span>
        ) : (
          <span class="tag muted">no Authorization</span>
        )}
      </li>
    </ol>
  );
}
