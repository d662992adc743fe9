// The lab page: one button per scenario, what it does, what AuthLens should say, and what came
// back. The scenario list is embedded as JSON for /lab/client.js to interpret.
import type { Scenario } from './scenarios.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `code` spans in the scenario texts */
const rich = (s: string): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** `intro` (HTML) replaces the page's introduction, for a page of other scenarios. */
export function labPage(
  scenarios: readonly Scenario[],
  origins: { primary: string; secondary: string },
  intro?: string,
): string {
  const json = JSON.stringify({ scenarios, origins }).replace(/</g, '\\u003c');
  const rows = scenarios
    .map(
      (s) => `
  <li class="scenario" id="s-${esc(s.id)}">
    <div class="head">
      <button type="button" data-scenario="${esc(s.id)}">${rich(s.title)}</button>
      ${
        s.mechanism === 'canned'
          ? '<span class="canned" title="This vendor cannot run here: ' +
            'the headers are copied from its documentation">canned look-alike</span>'
          : ''
      }
      <span class="expect">AuthLens should show <code>${esc(s.expect.topFinding)}</code>
        on ${s.expect.capture.method} ${esc(s.expect.capture.path)} → ${s.expect.capture.status}${
          s.bucket === 'no-tab' ? ' (in the “no tab” list)' : ''
        }</span>
    </div>
    <p>${rich(s.what)}</p>
    <pre class="out" data-scenario-state="${esc(s.id)}" data-state="idle"></pre>
  </li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AuthLens lab</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body {
    font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1b1f24;
  }
  h1 { font-size: 1.4rem; margin-bottom: .2rem; }
  .intro { color: #444; }
  ol { padding-left: 1.2rem; }
  .scenario { margin: .6rem 0; padding: .5rem .7rem; border: 1px solid #d0d7de; border-radius: 6px; }
  .head { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
  button { font: inherit; font-weight: 600; padding: .25rem .7rem; cursor: pointer; }
  .canned { background: #fff3c4; border: 1px solid #d4a72c; border-radius: 4px; padding: 0 .35rem; font-size: 12px; }
  .expect { color: #555; font-size: 13px; }
  p { margin: .35rem 0; }
  code { background: #f3f4f6; padding: 0 .2rem; border-radius: 3px; }
  .out { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: 12px; color: #0b5394; }
  .out:empty { display: none; }
  .out[data-state="error"] { color: #b3261e; }
</style>
</head>
<body>
<h1>AuthLens lab</h1>
${
  intro ??
  `<p class="intro">Each button makes a real request that fails authentication, then shows what came back.
Open DevTools → <b>Auth</b> (or click the AuthLens toolbar button) to see how AuthLens explains it.
Everything runs on this machine: the lab at <code>${esc(origins.primary)}</code> and a second origin at
<code>${esc(origins.secondary)}</code> for the cross-origin cases.</p>
<p class="intro">The failures come from real mechanisms: JWTs signed and verified with <code>jose</code>, a real Digest
exchange (RFC 7616) whose nonces go stale, cookie sessions with CSRF checks, real CORS, a real redirect.
Scenarios marked <span class="canned">canned look-alike</span> imitate services that cannot run here
(GitHub, Microsoft Entra, Cloudflare, AWS API Gateway, Docker Hub): their headers are copied from
the vendors' documentation.</p>`
}
<ol>${rows}
</ol>
<script type="application/json" id="lab-data">${json}</script>
<script src="/lab/client.js"></script>
</body>
</html>
`;
}
