import { maskUrl } from '../../shared/secrets.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { utc } from '../time.ts';
import { HeaderTable } from './HeaderTable.tsx';

export function HeadersView({ record: r }: { record: CaptureRecord }) {
  const general: [string, string][] = [
    ['Request URL', maskUrl(r.url)],
    ['Method', r.method],
    ['Status', r.statusLine || String(r.status)],
    ['Type', r.type + (r.preflight ? ' (CORS preflight)' : '')],
    ['Initiator', r.initiator ?? '—'],
    ['Captured', `${utc(r.time)} (${r.source === 'import' ? 'imported from HAR' : r.source})`],
    ['From cache', r.fromCache ? 'yes' : 'no'],
  ];
  return (
    <div class="headers-view">
      <table class="kv-table">
        <caption>General</caption>
        <tbody>
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
      <p class="muted">Auth-relevant headers are highlighted. Headers the browser's network stack adds itself (HTTP-auth cache) may be missing.</p>
    </div>
  );
}
