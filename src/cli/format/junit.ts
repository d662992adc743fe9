// `--format junit`: one testcase per auth failure (JUnit XML as Jenkins, GitLab and GitHub
// reporters read it); a failure element when a finding meets the --fail-on level.
import type { FailOn, FailureReport } from '../../lib/report.ts';
import { meets } from '../../lib/report.ts';

/** XML 1.0 text: the five entities escaped, characters XML cannot carry dropped. */
export function xml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function details(r: FailureReport): string {
  const lines = [`${r.status} ${r.method} ${r.url}`, r.summary];
  if (r.layer) lines.push(`Layer: ${r.layer}`);
  for (const f of r.findings) {
    lines.push('', `${f.id} (${f.severity}): ${f.title}`, f.explanation);
    for (const e of f.evidence) lines.push(`  ${e.label}: ${e.value}`);
    for (const x of f.fixes) lines.push(`  Fix (${x.audience}): ${x.text}`);
  }
  return lines.join('\n');
}

function pathOf(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: u.pathname };
  } catch {
    return { host: 'unknown', path: url };
  }
}

export function junit(reports: readonly FailureReport[], suite: string, failOn: FailOn): string {
  const failed = reports.filter((r) => meets(r.findings, failOn)).length;
  const cases = reports.map((r) => {
    const { host, path } = pathOf(r.url);
    const name = `${r.status} ${r.method} ${path}${r.entry !== undefined ? ` (entry ${r.entry})` : ''}`;
    const head = `    <testcase classname="${xml(`authlens.${host}`)}" name="${xml(name)}">`;
    const top = r.findings[0];
    const body = meets(r.findings, failOn)
      ? `      <failure message="${xml(`${top?.title ?? r.summary}: ${r.summary}`)}" ` +
        `type="${xml(top?.id ?? 'auth-failure')}">` +
        `${xml(details(r))}</failure>`
      : `      <system-out>${xml(details(r))}</system-out>`;
    return `${head}\n${body}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="authlens" tests="${reports.length}" failures="${failed}">`,
    `  <testsuite name="${xml(suite)}" tests="${reports.length}" failures="${failed}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
