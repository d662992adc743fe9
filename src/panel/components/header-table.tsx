import { maskHeaderValue } from '../../redact/secrets.ts';
import type { Header } from '../../shared/types.ts';
import { isAuthHeader } from '../auth-headers.ts';
import { MaybeSecret } from './secret.tsx';

interface Props {
  headers: readonly Header[];
  recordId: string;
  caption: string;
}

export function HeaderTable({ headers, recordId, caption }: Props) {
  if (headers.length === 0) return <p class="muted">{caption}: none.</p>;
  return (
    <table class="kv-table headers">
      <caption>{caption}</caption>
      <tbody>
        {headers.map((h, i) => (
          <tr
            key={i}
            class={isAuthHeader(h.name) ? 'auth' : undefined}
            data-auth={isAuthHeader(h.name) ? 'true' : undefined}
          >
            <th scope="row">{h.name}</th>
            <td>
              {/* a secret header is one by its name; any other may hold one by value (a URL, a JWT) */}
              <MaybeSecret
                recordId={recordId}
                value={h.value}
                mask={(m) => maskHeaderValue(h.name, h.value, m)}
                label={`${h.name} header`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
