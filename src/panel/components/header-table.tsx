import { isSecretHeader, maskHeaderValue } from '../../redact/secrets.ts';
import type { Header } from '../../shared/types.ts';
import { isAuthHeader } from '../auth-headers.ts';
import { Secret } from './secret.tsx';

interface Props {
  headers: readonly Header[];
  /** prefix of the reveal keys, e.g. `${recordId}|req` */
  keyPrefix: string;
  caption: string;
}

export function HeaderTable({ headers, keyPrefix, caption }: Props) {
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
              {isSecretHeader(h.name) ? (
                <Secret
                  secretKey={`${keyPrefix}:${i}:${h.name.toLowerCase()}`}
                  value={h.value}
                  masked={maskHeaderValue(h.name, h.value)}
                  label={`${h.name} header`}
                />
              ) : (
                <code>{h.value}</code>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
