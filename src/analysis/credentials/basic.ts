// Basic credentials (RFC 7617): base64 of user-id ":" password. Only the user id ever leaves here.
import { decodeBase64, decodeUtf8 } from '../../http/base64.ts';

export interface BasicInfo {
  user?: string;
  passwordLength?: number;
  /** the credentials contain non-ASCII characters (charset negotiation matters, RFC 7617 §2.1) */
  nonAscii: boolean;
  problem?: string;
  /** the user id or password is a placeholder a program wrote for a missing value ("undefined", "null", "") */
  placeholder?: boolean;
}

// What String(x) gives for a missing value in JavaScript, Python, Java and templates: a client id and
// secret read from unset variables become "undefined:undefined", "null:null", "None:None" or ":".
const PLACEHOLDER = /^(undefined|null|none|nil|nan|\[object object\]|\$\{?\w*\}?|\{\{\s*\w*\s*\}\})$/i;

export function inspectBasic(token: string): BasicInfo {
  const bytes = decodeBase64(token);
  if (!bytes) return { nonAscii: false, problem: 'the Basic credentials are not valid base64' };
  const nonAscii = bytes.some((b) => b > 0x7f);
  // Not UTF-8: servers following RFC 2617 read ISO-8859-1; decode that way to show the name.
  const text = decodeUtf8(bytes) ?? String.fromCharCode(...bytes.slice(0, 4096));
  const colon = text.indexOf(':');
  if (colon < 0) return { nonAscii, problem: 'the decoded Basic credentials have no ":" between user and password' };
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  const userBad = PLACEHOLDER.test(user);
  const passwordBad = PLACEHOLDER.test(password);
  if (userBad || passwordBad || (user === '' && password === '')) {
    const part = (v: string, bad: boolean, name: string): string => (bad || v === '' ? `"${v}"` : name);
    const shown = `${part(user, userBad, 'the user')}:${part(password, passwordBad, 'the password')}`;
    return {
      user,
      passwordLength: password.length,
      nonAscii,
      placeholder: true,
      problem: `the Basic credentials decode to ${shown}: the code building them had no value`,
    };
  }
  return { user, passwordLength: password.length, nonAscii };
}
