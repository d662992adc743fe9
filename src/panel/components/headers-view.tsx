import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { formatUtc } from '../../analysis/index.ts';
import { HeaderTable } from './header-table.tsx';
import { clip } from './display.ts';
import { MaybeSecret } from './secret.tsx';

export function HeadersView({ record: r }: { record: CaptureRecord }) {
  const general: [string, string][] = [
    ['Method', r.method],
    ['Status', r.statusLine || String(r.status)],
    ['Type', r.type + (r.preflight ? ' (CORS preflight)' : '')],
    ['Initiator', r.initiator === undefined ? '—' : maskUrl(r.initiator)],
    ['Captured', `${formatUtc(r.time)} (${r.source === 'import' ? 'imported from HAR' : r.source})`],
    ['From cache', r.fromCache ? 'yes' : 'no'],
  ];
  return (
    <div class="headers-view">
      <table class="kv-table">
        <caption>General</caption>
        <tbody>
          <tr>
            <th scope="row">Request URL</th>
            <td>
              <MaybeSecret recordId={r.id} value={r.url} mask={(m) => maskUrl(r.url, m)} label="request URL" />
            </td>
          </tr>
          {general.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>
                <code>{clip(v)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HeaderTable headers={r.responseHeaders} recordId={r.id} caption="Response headers" />
      {r.requestHeadersKnown ? (
        <HeaderTable headers={r.requestHeaders} recordId={r.id} caption="Request headers" />
      ) : (
        <p class="muted">Request headers: not seen for this request (it started before AuthLens was listening).</p>
      )}
      <p class="muted">
        Auth-relevant headers are highlighted. Headers the browser's network stack adds itself (HTTP-auth cache) may be
        missing.
      </p>
    </div>
  );
}
