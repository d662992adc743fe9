// "Copy report as Markdown": everything a bug ticket needs, in the order a reader needs it.
import { formatUtc, layerName, type Diagnosis, type Finding } from '../analysis/index.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';
import { headerValues, isPseudoHeader } from '../http/headers.ts';
import { maskRecord, maskRecordDiagnosis, type ExportOptions } from '../redact/record.ts';
import { codeBlock, codeSpan, escapeText } from './md-syntax.ts';

/** Bodies are pasted for context, not archived: a ticket does not need megabytes of HTML. */
export const MARKDOWN_BODY_CAP = 2000;

const AUDIENCE: Record<Finding['fixes'][number]['audience'], string> = {
  consumer: 'API consumer',
  server: 'Server owner',
};

export function toMarkdown(record: CaptureRecord, found: Diagnosis, opts: ExportOptions): string {
  const r = maskRecord(record, opts);
  const diagnosis = maskRecordDiagnosis(record, found, opts);
  // an imported AuthLens export carries its own report: whoever wrote the file wrote its findings
  const fromFile = record.exportedDiagnosis !== undefined;
  const out: string[] = [];
  out.push(`## ${r.status} ${escapeText(hostPath(r.url))}: ${escapeText(diagnosis.summary)}`);
  out.push('');
  out.push(`- **Request:** ${codeSpan(`${r.method} ${r.url}`)}`);
  out.push(`- **Status:** ${codeSpan(r.statusLine || String(r.status))}`);
  if (diagnosis.layer)
    out.push(`- **Refused by:** ${escapeText(`${layerName(diagnosis.layer.layer)} (${diagnosis.layer.evidence})`)}`);
  out.push(`- **Time:** ${formatUtc(r.time)}`);
  const context = [`type ${r.type}`];
  if (r.initiator) context.push(`initiator ${r.initiator}`);
  if (r.preflight) context.push('CORS preflight');
  if (r.fromCache) context.push('from cache');
  if (r.source === 'import') context.push('imported from HAR');
  if (r.source === 'devtools') context.push('seen by DevTools (outside the capture set)');
  out.push(`- **Context:** ${escapeText(context.join(', '))}`);
  const challenges = challengeLines(r.responseHeaders);
  out.push(
    `- **Challenge:** ${
      challenges.length ? challenges.map(codeSpan).join(', ') : 'none (no WWW-Authenticate or Proxy-Authenticate)'
    }`,
  );
  if (!r.requestHeadersKnown) out.push('- **Note:** the request headers were not seen by AuthLens.');
  if (fromFile) out.push('- **Findings:** from the imported file, as it states them (not made by this AuthLens).');
  out.push('');
  out.push('### Findings');
  out.push('');
  if (diagnosis.findings.length === 0) out.push('No findings.', '');
  diagnosis.findings.forEach((f, i) => out.push(...findingLines(f, i + 1)));
  if (r.redirects.length) {
    out.push('### Redirects');
    out.push('');
    for (const h of r.redirects)
      out.push(`- ${h.status} ${codeSpan(h.url)}${h.location ? ` → ${codeSpan(h.location)}` : ''}`);
    out.push('');
  }
  out.push('### Request headers');
  out.push('');
  out.push(codeBlock(headerText(r.requestHeaders) || '(none recorded)', 'http'));
  out.push('');
  out.push('### Response headers');
  out.push('');
  out.push(
    codeBlock([r.statusLine || String(r.status), headerText(r.responseHeaders)].filter(Boolean).join('\n'), 'http'),
  );
  out.push('');
  if (r.responseBody !== undefined && r.responseBody !== '') {
    const cut = r.responseBody.length > MARKDOWN_BODY_CAP;
    out.push(`### Response body${cut ? ` (first ${MARKDOWN_BODY_CAP} characters)` : ''}`);
    out.push('');
    out.push(codeBlock(cut ? r.responseBody.slice(0, MARKDOWN_BODY_CAP) : r.responseBody));
    out.push('');
  }
  out.push(
    `_${fromFile ? 'Report from an imported file, shown by AuthLens' : 'Report by AuthLens'}. ${
      opts.reveal
        ? 'Secrets are NOT masked: do not share this publicly.'
        : 'Secrets are masked (•••, with a fingerprint to compare them).'
    }_`,
  );
  return `${out.join('\n')}\n`;
}

function findingLines(f: Finding, n: number): string[] {
  const out = [
    `#### ${n}. ${escapeText(f.title)} (${f.severity}, ${codeSpan(f.id)})`,
    '',
    escapeText(f.explanation),
    '',
  ];
  if (f.evidence.length) {
    out.push('Evidence:', '');
    for (const e of f.evidence) out.push(`- ${escapeText(e.label)}: ${codeSpan(e.value)}`);
    out.push('');
  }
  if (f.fixes.length) {
    out.push('Fixes:', '');
    for (const fix of f.fixes) {
      out.push(`- **${AUDIENCE[fix.audience] ?? escapeText(String(fix.audience))}:** ${escapeText(fix.text)}`);
      if (fix.code)
        out.push(
          '',
          ...codeBlock(fix.code)
            .split('\n')
            .map((l) => `  ${l}`),
        );
    }
    out.push('');
  }
  if (f.references.length) {
    out.push('References:', '');
    for (const ref of f.references)
      out.push(`- [${escapeText(ref.title)}](<${ref.url.replace(/[<>\s]/g, encodeURIComponent)}>)`);
    out.push('');
  }
  return out;
}

function challengeLines(headers: readonly Header[]): string[] {
  return ['WWW-Authenticate', 'Proxy-Authenticate'].flatMap((n) => headerValues(headers, n).map((v) => `${n}: ${v}`));
}

function headerText(headers: readonly Header[]): string {
  return headers
    .filter((h) => !isPseudoHeader(h.name))
    .map((h) => `${h.name}: ${h.value}`)
    .join('\n');
}

function hostPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
