// Basic credentials (RFC 7617): base64 of user-id ":" password. Only the user id ever leaves here.
import { decodeBase64, decodeUtf8 } from '../../http/base64.ts';

export interface BasicInfo {
  user?: string;
  passwordLength?: number;
  /** the credentials contain non-ASCII characters (charset negotiation matters, RFC 7617 §2.1) */
  nonAscii: boolean;
  problem?: string;
}

export function inspectBasic(token: string): BasicInfo {
  const bytes = decodeBase64(token);
  if (!bytes) return { nonAscii: false, problem: 'the Basic credentials are not valid base64' };
  const nonAscii = bytes.some((b) => b > 0x7f);
  // Not UTF-8: servers following RFC 2617 read ISO-8859-1; decode that way to show the name.
  const text = decodeUtf8(bytes) ?? String.fromCharCode(...bytes.slice(0, 4096));
  const colon = text.indexOf(':');
  if (colon < 0) return { nonAscii, problem: 'the decoded Basic credentials have no ":" between user and password' };
  return { user: text.slice(0, colon), passwordLength: text.length - colon - 1, nonAscii };
}
