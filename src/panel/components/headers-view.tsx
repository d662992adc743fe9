import { maskUrl } from '../../redact/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { formatUtc } from '../../analysis/index.ts';
import { HeaderTable } from './header-table.tsx';
import { Secret } from './secret.tsx';

export function HeadersView({ record: r }: { record: CaptureRecord }) {
  const general: [string, string][] = [
    ['Method', r.method],
    ['Status', r.statusLine || String(r.status)],
    ['Type', r.type + (r.preflight ? ' (CORS preflight)' : '')],
    ['Initiator', r.initiator ?? '—'],
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
              {maskUrl(r.url) === r.url ? (
                <code>{r.url}</code>
              ) : (
                <Secret secretKey={`${r.id}|url`} value={r.url} masked={maskUrl(r.url)} label="request URL" />
              )}
            </td>
          </tr>
          {general.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>
                <code>{v}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HeaderTable headers={r.responseHeaders} keyPrefix={`${r.id}|res`} caption="Response headers" />
      {r.requestHeadersKnown ? (
        <HeaderTable headers={r.requestHeaders} keyPrefix={`${r.id}|req`} caption="Request headers" />
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
