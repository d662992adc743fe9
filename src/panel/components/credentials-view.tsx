// The credentials a request carried, as the engine reads them (inspectCredentials): masked until
// revealed value by value (src/redact, with the page's fingerprint key), JWT claims and times
// against the clock the diagnosis uses, decoded JSON shown within bounds.
import { useMemo } from 'preact/hooks';
import { inspectCredentials, type CredentialView, type TokenTimes } from '../../analysis/index.ts';
import type { Masker } from '../../redact/masker.ts';
import { isSecretParam, maskHeaderValue, maskText } from '../../redact/secrets.ts';
import { looksLikeToken } from '../../redact/shapes.ts';
import { toExchange } from '../../shared/exchange.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useStore } from '../providers.ts';
import { isRevealed } from '../reveal.ts';
import { clip, jsonForDisplay } from './display.ts';
import { MaybeSecret, Secret } from './secret.tsx';

const COOKIE = 'cookie ';
/** details that name who sent the request: masked like a secret (a shared screen, a screenshot) */
const IDENTITY = new Set(['user', 'username']);

function Json({ value, label, maskMember }: { value: unknown; label: string; maskMember?: MaskMember }) {
  return (
    <pre class="json" aria-label={label}>
      <code>{jsonForDisplay(value, maskMember ? { maskMember } : {})}</code>
    </pre>
  );
}

type MaskMember = (name: string, value: unknown) => string | undefined;

/** A claim under a secret's name, or holding a token, shows masked while the token is. */
const secretClaim: MaskMember = (name, value) =>
  typeof value === 'string' && value !== '' && (isSecretParam(name) || looksLikeToken(value)) ? '•••' : undefined;

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

/** The masked form of a credential: a header's own masker for Authorization, else the value's. */
function maskCredential(c: CredentialView, m: Masker): string {
  if (/^(proxy-)?authorization$/i.test(c.where)) return maskHeaderValue(c.where, c.value, m);
  return m.secret(c.value);
}

function Credential({ c, recordId }: { c: CredentialView; recordId: string }) {
  const store = useStore();
  const identity = c.details.filter((d) => IDENTITY.has(d.label));
  const details = c.jwt ? [] : c.details.filter((d) => !IDENTITY.has(d.label));
  const open = isRevealed(store, recordId, c.value);
  return (
    <section class="cred" aria-label={`${c.where}: ${c.kind}`}>
      <h3>
        {c.where} <span class="tag">{c.kind}</span>
      </h3>
      {identity.map((d) => (
        <p key={d.label}>
          {d.label === 'user' ? 'User name' : 'Digest user name'}:{' '}
          <span data-testid="basic-user">
            <Secret recordId={recordId} value={d.value} masked="•••" label={d.label} noCopy />
          </span>{' '}
          {d.label === 'user' && <span class="muted">(the password is never shown)</span>}
        </p>
      ))}
      {c.problem && <p class="problem">{clip(maskText(c.problem))}</p>}
      <MaybeSecret recordId={recordId} value={c.value} mask={(m) => maskCredential(c, m)} label={`${c.where} value`} />
      {details.length > 0 && (
        <table class="kv-table">
          <tbody>
            {details.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>
                  <code>{clip(maskText(d.value))}</code>
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
          <Json value={c.jwt.header} label="JWT header" {...(open ? {} : { maskMember: secretClaim })} />
          <h4>JWT payload</h4>
          <Json value={c.jwt.payload} label="JWT payload" {...(open ? {} : { maskMember: secretClaim })} />
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
        <Credential key={key} c={c} recordId={r.id} />
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
                    {/* one cookie's value, masked on its own (a value may hold "=") */}
                    <MaybeSecret
                      recordId={r.id}
                      value={c.value}
                      mask={(m) => m.secret(c.value)}
                      label={`cookie ${name}`}
                    />
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
