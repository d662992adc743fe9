// The credentials a request carried, as the engine reads them (inspectCredentials): masked until
// revealed, JWT claims and times against the clock the diagnosis uses.
import { useMemo } from 'preact/hooks';
import { inspectCredentials, type CredentialView, type TokenTimes } from '../../analysis/index.ts';
import { toExchange } from '../../shared/exchange.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { Secret } from './secret.tsx';

const COOKIE = 'cookie ';

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre class="json" aria-label={label}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

function Times({ times }: { times: TokenTimes }) {
  return (
    <table class="kv-table" data-testid="jwt-times">
      <caption>
        Token times (relative to the{' '}
        {times.referenceBy === "the server's clock"
          ? "server's Date header"
          : 'capture time (browser clock: no usable Date header)'}
        )
      </caption>
      <tbody>
        {times.claims.map((t) => (
          <tr key={t.claim} class={t.expired ? 'bad' : undefined}>
            <th scope="row">{t.claim}</th>
            <td>
              <code>{t.utc}</code>
            </td>
            <td>{t.relative ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Credential({ c, secretKey }: { c: CredentialView; secretKey: string }) {
  const user = c.details.find((d) => d.label === 'user');
  const details = c.jwt ? [] : c.details.filter((d) => d !== user);
  return (
    <section class="cred" aria-label={`${c.where}: ${c.kind}`}>
      <h3>
        {c.where} <span class="tag">{c.kind}</span>
      </h3>
      {user && (
        <p>
          User name: <code data-testid="basic-user">{user.value}</code>{' '}
          <span class="muted">(the password is never shown)</span>
        </p>
      )}
      {c.problem && <p class="problem">{c.problem}</p>}
      <Secret secretKey={secretKey} value={c.value} masked={c.masked} label={`${c.where} value`} />
      {details.length > 0 && (
        <table class="kv-table">
          <tbody>
            {details.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>
                  <code>{d.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.jwt && (
        <div class="jwt">
          {c.times && <Times times={c.times} />}
          <h4>JWT header</h4>
          <Json value={c.jwt.header} label="JWT header" />
          <h4>JWT payload</h4>
          <Json value={c.jwt.payload} label="JWT payload" />
        </div>
      )}
    </section>
  );
}

export function CredentialsView({ record: r }: { record: CaptureRecord }) {
  const creds = useMemo(() => inspectCredentials(toExchange(r)).map((c, i) => ({ c, key: `${r.id}|cred${i}` })), [r]);
  const cookies = creds.filter(({ c }) => c.kind === 'cookie');
  const others = creds.filter(({ c }) => c.kind !== 'cookie');
  return (
    <div class="credentials">
      {!r.requestHeadersKnown && (
        <p class="muted">The request headers of this request were not seen, so its credentials are unknown.</p>
      )}
      {r.requestHeadersKnown && creds.length === 0 && (
        <p>
          No credentials: the page sent no <code>Authorization</code>, no cookies and no API key. (Credentials the
          browser adds by itself after an HTTP-auth prompt may not be visible.)
        </p>
      )}
      {others.map(({ c, key }) => (
        <Credential key={key} c={c} secretKey={key} />
      ))}
      {cookies.length > 0 && (
        <table class="kv-table cookies">
          <caption>Cookies sent ({cookies.length})</caption>
          <tbody>
            {cookies.map(({ c, key }) => {
              const name = c.where.slice(COOKIE.length);
              return (
                <tr key={key}>
                  <th scope="row">{name || '(no name)'}</th>
                  <td>
                    <Secret secretKey={key} value={c.value} masked={c.masked} label={`cookie ${name}`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
