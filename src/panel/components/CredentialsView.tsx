import type { CaptureRecord } from '../../shared/types.ts';
import { credentialsOf, referenceClock, type Credential, type JwtTime } from '../credentials.ts';
import { formatUtc as utc } from '../../analysis/index.ts';
import { relative } from '../time.ts';
import { Secret } from './Secret.tsx';

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre class="json" aria-label={label}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

function Times({ times, clock }: { times: JwtTime[]; clock: { at: number; source: 'server' | 'client' } }) {
  if (times.length === 0) return null;
  return (
    <table class="kv-table" data-testid="jwt-times">
      <caption>
        Token times (relative to the{' '}
        {clock.source === 'server' ? "server's Date header" : 'capture time (client clock, no Date header)'})
      </caption>
      <tbody>
        {times.map((t) => (
          <tr key={t.claim} class={t.claim === 'exp' && t.at <= clock.at ? 'bad' : undefined}>
            <th scope="row">{t.claim}</th>
            <td>
              <code>{utc(t.at)}</code>
            </td>
            <td>{relative(t.at, clock.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CredentialView({ c, r, i }: { c: Credential; r: CaptureRecord; i: number }) {
  const key = `${r.id}|cred${i}`;
  switch (c.kind) {
    case 'authorization':
      return (
        <section class="cred" aria-label={`${c.header}: ${c.scheme}`}>
          <h3>
            {c.header}: {c.scheme || '(no scheme)'}
            {c.format && <span class="tag">{c.format}</span>}
          </h3>
          <Secret secretKey={key} name={c.header} value={`${c.scheme} ${c.token}`.trim()} label={`${c.header} value`} />
          {c.jwt && 'error' in c.jwt && <p class="problem">Looks like a JWT but does not decode: {c.jwt.error}</p>}
          {c.jwt && 'payload' in c.jwt && (
            <div class="jwt">
              <Times times={c.times} clock={referenceClock(r)} />
              <h4>JWT header</h4>
              <Json value={c.jwt.header} label="JWT header" />
              <h4>JWT payload</h4>
              <Json value={c.jwt.payload} label="JWT payload" />
            </div>
          )}
        </section>
      );
    case 'basic':
      return (
        <section class="cred" aria-label={`${c.header}: Basic`}>
          <h3>{c.header}: Basic</h3>
          {c.user !== undefined ? (
            <p>
              User name: <code data-testid="basic-user">{c.user}</code>{' '}
              <span class="muted">(the password is never shown)</span>
            </p>
          ) : (
            <p class="problem">Malformed Basic credentials: {c.problem}</p>
          )}
          <Secret secretKey={key} name={c.header} value={`Basic ${c.raw}`} label={`${c.header} value`} />
        </section>
      );
    case 'api-key':
      return (
        <section class="cred" aria-label={`API key ${c.name}`}>
          <h3>
            API key in {c.where === 'header' ? 'header' : 'URL query'} <code>{c.name}</code>
            {c.format && <span class="tag">{c.format}</span>}
          </h3>
          <Secret
            secretKey={key}
            name={c.where === 'header' ? c.name : 'x-api-key'}
            value={c.value}
            label={`${c.name} value`}
          />
        </section>
      );
    case 'cookie':
      return null;
  }
}

export function CredentialsView({ record: r }: { record: CaptureRecord }) {
  const creds = credentialsOf(r);
  const cookies = creds.flatMap((c, i) => (c.kind === 'cookie' ? [{ c, i }] : []));
  const others = creds.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'cookie');
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
      {others.map(({ c, i }) => (
        <CredentialView key={i} c={c} r={r} i={i} />
      ))}
      {cookies.length > 0 && (
        <table class="kv-table cookies">
          <caption>Cookies sent ({cookies.length})</caption>
          <tbody>
            {cookies.map(({ c, i }) =>
              c.kind === 'cookie' ? (
                <tr key={i}>
                  <th scope="row">{c.name || '(no name)'}</th>
                  <td>
                    <Secret secretKey={`${r.id}|cred${i}`} name="cookie" value={c.value} label={`cookie ${c.name}`} />
                  </td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
