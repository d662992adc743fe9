// Response bodies as AuthLens keeps them: text only, capped (limits.ts), whichever way they
// enter (DevTools' getContent, the worker, HAR files).
import { decodeBase64Text } from './base64.ts';
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
