// getContent() answers in three shapes; this is the one place that knows them.
//  - Chrome callback: (content, encoding) — we pass the callback's arguments as an array;
//  - Chrome 151+ promise: { content, encoding };
//  - Firefox, and the polyfill wrapping Chrome's callback: [content, mimeType] (Firefox) or
//    [content, encoding] (polyfill over Chrome), both arrays of two strings.
// https://developer.chrome.com/docs/extensions/reference/api/devtools/network#type-Request
// https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/network/onRequestFinished
import { capBody, decodeBase64Body, isTextMediaType } from '../http/body.ts';

export type Content = { ok: true; body: string; truncated: boolean } | { ok: false; reason: string };

/** Text that is mostly control characters is binary whatever its label says. */
function looksBinary(s: string): boolean {
  const sample = s.slice(0, 1024);
  if (sample.includes('\u0000')) return true;
  let ctrl = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) ctrl++;
  }
  return sample.length > 0 && ctrl / sample.length > 0.1;
}

/**
 * @param result what getContent gave (any of the three shapes)
 * @param mimeType the HAR entry's response.content.mimeType, when known
 */
export function normalizeContent(result: unknown, mimeType?: string): Content {
  let content: unknown;
  let second: unknown;
  if (Array.isArray(result)) {
    [content, second] = result as unknown[];
  } else if (result && typeof result === 'object') {
    const o = result as { content?: unknown; encoding?: unknown };
    content = o.content;
    second = o.encoding;
  } else {
    content = result;
  }
  if (content === null || content === undefined || content === '') return { ok: false, reason: 'no content' };
  if (typeof content !== 'string') return { ok: false, reason: 'content is not a string' };
  const hint = typeof second === 'string' ? second.trim() : '';
  const base64 = hint.toLowerCase() === 'base64';
  // a "type/subtype" second element is Firefox's mimeType
  const mime = hint.includes('/') ? hint : mimeType;
  if (mime && !isTextMediaType(mime) && !/^\s*$/.test(mime)) return { ok: false, reason: `not text (${mime})` };
  let text = content;
  if (base64) {
    const decoded = decodeBase64Body(content);
    if (decoded === undefined) return { ok: false, reason: 'base64 content is not UTF-8 text' };
    text = decoded;
  }
  if (looksBinary(text)) return { ok: false, reason: 'binary content' };
  const body = capBody(text);
  return { ok: true, body, truncated: body.length < text.length };
}
