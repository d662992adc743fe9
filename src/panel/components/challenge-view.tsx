import { parseChallenges } from '../../analysis/index.ts';
import type { ChallengeParse } from '../../analysis/index.ts';
import type { CaptureRecord } from '../../shared/types.ts';

function safeParse(value: string): ChallengeParse {
  try {
    return parseChallenges(value);
  } catch (e) {
    return { challenges: [], problems: [{ message: `parser failed: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

export function ChallengeView({ record: r }: { record: CaptureRecord }) {
  const headers = r.responseHeaders.filter((h) => /^(www|proxy)-authenticate$/i.test(h.name));
  if (headers.length === 0) {
    return (
      <p class="muted">
        The response carried no <code>WWW-Authenticate</code> or <code>Proxy-Authenticate</code> challenge.
        {r.status === 401 &&
          ' A 401 must carry one (RFC 9110 §15.5.2): the server does app-level auth, and its body usually says more.'}
      </p>
    );
  }
  return (
    <div class="challenges">
      {headers.map((h, i) => {
        const p = safeParse(h.value);
        return (
          <section key={i} class="challenge-header" aria-label={`${h.name} header ${i + 1}`}>
            <h3>
              {h.name}: <code class="raw">{h.value}</code>
            </h3>
            {p.challenges.length > 0 && (
              <table class="kv-table challenge-table" data-testid="challenge-table">
                <thead>
                  <tr>
                    <th scope="col">Scheme</th>
                    <th scope="col">Parameter</th>
                    <th scope="col">Value</th>
                  </tr>
                </thead>
                <tbody>
                  {p.challenges.flatMap((c, ci) => {
                    const params = Object.entries(c.params);
                    const rows: [string, string][] = [
                      ...(c.token68 !== undefined ? ([['token68', c.token68]] as [string, string][]) : []),
                      ...params,
                    ];
                    if (rows.length === 0) rows.push(['', '(no parameters)']);
                    return rows.map(([k, v], ri) => (
                      <tr key={`${ci}-${ri}`} class={ri === 0 ? 'first' : undefined}>
                        <td>{ri === 0 ? <strong>{c.scheme}</strong> : ''}</td>
                        <td>
                          <code>{k}</code>
                        </td>
                        <td>
                          <code>{v}</code>
                        </td>
                      </tr>
                    ));
                  })}
                </tbody>
              </table>
            )}
            {p.problems.length > 0 ? (
              <ul class="problems" aria-label="Syntax problems" data-testid="challenge-problems">
                {p.problems.map((pr, k) => (
                  <li key={k}>
                    ⚠ {pr.message}
                    {pr.offset !== undefined && <span class="muted"> (at character {pr.offset})</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Syntax: no problems found.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
