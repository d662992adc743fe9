// Defensive readers for HAR JSON of unknown origin: every field may be missing, mistyped or huge.
import type { Header } from '../shared/types.ts';
import { capBody, decodeBase64Body, decodeBase64BodyPrefix, isTextMediaType } from '../http/body.ts';
import { TRUNCATED } from './stream.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `map[key]` for the map's own keys only: a file's `__proto__` or `constructor` must not find Object.prototype. */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
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

/** Text bodies only, capped: a base64 body is decoded when it is valid UTF-8 and the type is textual. */
export function readBody(content: unknown): string | undefined {
  if (!isObj(content)) return undefined;
  const text = str(content.text);
  if (text === undefined || text === '') return undefined;
  const mime = (str(content.mimeType) ?? '').toLowerCase();
  if (mime !== '' && !isTextMediaType(mime)) return undefined;
  let body = text;
  if ((str(content.encoding) ?? '').toLowerCase() === 'base64') {
    // the streaming reader cut a long string: its start is still the body's start
    const decoded = text.endsWith(TRUNCATED) ? decodeBase64BodyPrefix(text.slice(0, -1)) : decodeBase64Body(text);
    if (decoded === undefined) return undefined;
    body = decoded;
  }
  return capBody(body);
}
