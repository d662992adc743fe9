// Defensive readers for HAR JSON of unknown origin: every field may be missing, mistyped or huge.
import type { Header } from '../shared/types.ts';
import { decodeBase64Text } from '../http/base64.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** HAR name/value pairs as headers. Numbers are stringified (some tools write them); the rest is counted as bad. */
export function readHeaders(v: unknown): { headers: Header[]; bad: number } {
  if (!Array.isArray(v)) return { headers: [], bad: v === undefined ? 0 : 1 };
  const headers: Header[] = [];
  let bad = 0;
  for (const item of v) {
    if (!isObj(item) || typeof item.name !== 'string') {
      bad++;
      continue;
    }
    const value =
      typeof item.value === 'string' ? item.value : typeof item.value === 'number' ? String(item.value) : undefined;
    if (value === undefined) {
      bad++;
      continue;
    }
    headers.push({ name: item.name, value });
  }
  return { headers, bad };
}

/** HAR `httpVersion` as a status-line prefix: Chrome writes "http/2.0" or "h3", Firefox "HTTP/2". */
export function normalizeHttpVersion(v: string | undefined): string {
  const s = (v ?? '').trim().toLowerCase();
  if (s === '' || s === 'unknown') return '';
  if (s === 'h2' || s === 'http/2.0' || s === 'http/2') return 'HTTP/2';
  if (s === 'h3' || s === 'http/3.0' || s === 'http/3' || s.startsWith('h3-')) return 'HTTP/3';
  const m = /^http\/(\d(?:\.\d)?)$/.exec(s);
  return m ? `HTTP/${m[1]}` : '';
}

/** Text bodies only: a base64 body is decoded when it is valid UTF-8 and the type is textual. */
export function readBody(content: unknown, cap: number): string | undefined {
  if (!isObj(content)) return undefined;
  const text = str(content.text);
  if (text === undefined || text === '') return undefined;
  const mime = (str(content.mimeType) ?? '').toLowerCase();
  if (mime !== '' && !isTextual(mime)) return undefined;
  let body = text;
  if ((str(content.encoding) ?? '').toLowerCase() === 'base64') {
    const decoded = decodeBase64Lenient(text);
    if (decoded === undefined) return undefined;
    body = decoded;
  }
  return body.length > cap ? body.slice(0, cap) : body;
}

function isTextual(mime: string): boolean {
  return /^text\/|[/+](json|xml|javascript|ecmascript|x-www-form-urlencoded|problem\+json|html)\b/.test(mime);
}

/** Bodies from getContent and HAR files may wrap base64 across lines. */
function decodeBase64Lenient(b64: string): string | undefined {
  return decodeBase64Text(b64.replace(/\s+/g, ''));
}
