// The finding catalogue as the extension's own documentation page: a short index, then one
// section per id (findings.html#<id>), like a linter's rule pages. Offline: everything it shows
// comes from the engine's catalogue; only the references link out.
import { useEffect, useState } from 'preact/hooks';
import { catalogueByFamily, type FindingMeta } from '../analysis/index.ts';

const AUDIENCE = { consumer: 'API consumer', server: 'Server owner' } as const;

const idOf = (hash: string): string => {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
};

/** Catalogue prose, whose `backticked` words are code. */
function Prose({ text }: { text: string }) {
  return <>{text.split(/(`[^`]*`)/).map((part, i) => (i % 2 ? <code key={i}>{part.slice(1, -1)}</code> : part))}</>;
}

function Finding({ m, current }: { m: FindingMeta; current: boolean }) {
  return (
    <section id={m.id} class={current ? 'finding current' : 'finding'} aria-labelledby={`${m.id}-title`}>
      <h3 id={`${m.id}-title`}>
        <code class="finding-id">{m.id}</code>
        <span class="finding-title">{m.title}</span>
        <span class={`severity severity-${m.severity}`}>{m.severity}</span>
      </h3>
      <h4>What it means</h4>
      <p>
        <Prose text={m.means} />
      </p>
      <h4>What it rests on</h4>
      <p>
        <Prose text={m.restsOn} />
      </p>
      <h4>Fixes</h4>
      <ul class="fixes">
        {m.fixes.map((f, i) => (
          <li key={i}>
            <span class="audience">{AUDIENCE[f.audience]}</span> <Prose text={f.text} />
            {f.code !== undefined && (
              <pre>
                <code>{f.code}</code>
              </pre>
            )}
          </li>
        ))}
      </ul>
      <h4>References</h4>
      <ul class="references">
        {m.references.map((r) => (
          <li key={r.url}>
            <a href={r.url} target="_blank" rel="noreferrer">
              {r.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FindingsPage() {
  const groups = catalogueByFamily();
  const [current, setCurrent] = useState(() => idOf(location.hash));
  useEffect(() => {
    // The sections exist only after this first render, later than the browser's own jump to the fragment.
    if (current) document.getElementById(current)?.scrollIntoView();
    const onHash = (): void => setCurrent(idOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <main class="findings">
      <header>
        <h1>AuthLens findings</h1>
        <p class="muted">
          Every finding AuthLens can report: what it means, what in the request and response it rests on, the fixes for
          the API consumer and for the server owner, and references. The severity shown is the usual one.
        </p>
      </header>
      <nav aria-label="Index" class="index">
        {groups.map((g) => (
          <div key={g.family}>
            <h2>{g.title}</h2>
            <ul>
              {g.findings.map((m) => (
                <li key={m.id}>
                  <a href={`#${m.id}`}>{m.id}</a> <span class="muted">{m.title}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {groups.map((g) => (
        <div key={g.family} class="family">
          <h2>{g.title}</h2>
          {g.findings.map((m) => (
            <Finding key={m.id} m={m} current={m.id === current} />
          ))}
        </div>
      ))}
    </main>
  );
}
