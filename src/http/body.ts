// Response bodies as AuthLens keeps them: text only, capped (limits.ts), whichever way they
// enter (DevTools' getContent, the worker, HAR files).
import { decodeBase64, decodeBase64Text, decodeUtf8 } from './base64.ts';
import { BODY_CAP_CHARS } from './limits.ts';

/** text/*, and the application types that are text: JSON, XML, JavaScript, form data (with a +suffix too). */
const TEXT_MEDIA_TYPE = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|ecmascript|x-www-form-urlencoded)\b)/i;

export function isTextMediaType(mime: string | undefined): boolean {
  return !!mime && TEXT_MEDIA_TYPE.test(mime.trim());
}

/** The first BODY_CAP_CHARS characters: an auth failure's error text is short. */
export function capBody(text: string): string {
  return text.length > BODY_CAP_CHARS ? text.slice(0, BODY_CAP_CHARS) : text;
}

/** Base64 bodies (getContent, HAR `encoding: "base64"`) may wrap across lines; UTF-8 text or undefined. */
export function decodeBase64Body(b64: string): string | undefined {
  return decodeBase64Text(b64.replace(/\s+/g, ''));
}

/**
 * The text at the start of a base64 body that was cut short (a HAR reader keeps only the first
 * megabyte of a long string): the whole quanta before the cut, decoded, less a UTF-8 sequence the
 * cut split. Only the first BODY_CAP_CHARS characters are ever kept, so no more is decoded.
 */
export function decodeBase64BodyPrefix(b64: string): string | undefined {
  const clean = b64.replace(/\s+/g, '');
  // four base64 characters per three bytes, and at most four bytes per kept character
  const quanta = Math.min(Math.floor(clean.length / 4), Math.floor((BODY_CAP_CHARS * 4) / 3));
  const bytes = decodeBase64(clean.slice(0, quanta * 4).replace(/=+$/, ''));
  if (bytes === undefined) return undefined;
  for (let drop = 0; drop <= 3 && drop <= bytes.length; drop++) {
    const text = decodeUtf8(bytes.subarray(0, bytes.length - drop));
    if (text !== undefined) return text;
  }
  return undefined;
}
