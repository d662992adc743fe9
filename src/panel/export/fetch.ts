// "Copy as fetch": a snippet a developer can paste into the page's console. Headers the browser
// owns are left out (page script cannot set them); cookies are the browser's to send, so a
// Cookie header becomes `credentials: "include"`.
import type { CaptureRecord, Header } from '../../shared/types.ts';
import { headerValue } from '../../http/headers.ts';
import { isForbiddenRequestHeader } from '../../http/forbidden-headers.ts';
import { maskRecord, type ExportOptions } from '../../redact/record.ts';
import { replayNotes } from './replay-notes.ts';

const str = (s: string): string => JSON.stringify(s);

export function toFetch(record: CaptureRecord, opts: ExportOptions): string {
  const r = maskRecord(record, opts);
  const lines = replayNotes(record, r, opts.reveal, '//', 'snippet');
  const hasCookie = headerValue(r.requestHeaders, 'cookie') !== undefined;
  if (hasCookie) {
    lines.push(
      '// The request carried cookies: page script cannot set Cookie, credentials: "include" sends the browser\'s own.',
    );
  }
  const headers = mergeDuplicates(r.requestHeaders.filter((h) => !isForbiddenRequestHeader(h.name)));
  lines.push(`await fetch(${str(r.url)}, {`);
  lines.push(`  method: ${str(r.method)},`);
  if (headers.length > 0) {
    lines.push('  headers: {');
    for (const h of headers) lines.push(`    ${str(h.name)}: ${str(h.value)},`);
    lines.push('  },');
  }
  const referrer = headerValue(r.requestHeaders, 'referer');
  if (referrer !== undefined) lines.push(`  referrer: ${str(referrer)},`);
  lines.push(`  credentials: ${str(hasCookie ? 'include' : 'omit')},`);
  lines.push('});');
  return lines.join('\n');
}

/** An object literal keeps only the last of two equal keys; Headers joins repeats with ", ". */
function mergeDuplicates(headers: readonly Header[]): Header[] {
  const out: Header[] = [];
  const at = new Map<string, number>();
  for (const h of headers) {
    const k = h.name.toLowerCase();
    const i = at.get(k);
    if (i === undefined) {
      at.set(k, out.length);
      out.push({ name: h.name, value: h.value });
    } else {
      const prev = out[i] as Header;
      prev.value = `${prev.value}, ${h.value}`;
    }
  }
  return out;
}
