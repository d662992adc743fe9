// Base64 (RFC 4648 §4) and base64url (§5) decoding without Buffer or atob: this runs in the
// MV3 service worker and in pages alike, and atob is lenient about whitespace in ways we are not.

const STD = 1;
const URL_SAFE = 2;

/** 6-bit value of each alphabet character, or -1. '+' '/' are standard only, '-' '_' url only. */
const VALUE = new Int8Array(128).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (let k = 0; k < ALPHABET.length; k++) VALUE[ALPHABET.charCodeAt(k)] = k;
VALUE[0x2b] = 62; // +
VALUE[0x2d] = 62; // -
VALUE[0x2f] = 63; // /
VALUE[0x5f] = 63; // _

function flavourOf(code: number): number {
  if (code === 0x2b || code === 0x2f) return STD;
  if (code === 0x2d || code === 0x5f) return URL_SAFE;
  return 0;
}

/**
 * Decodes standard or url-safe base64 (not a mix of both). Padding is optional, but when present
 * it must be exactly right (total length a multiple of 4, one or two '='). Whitespace and any
 * other character make the input invalid: undefined.
 */
export function decodeBase64(s: string): Uint8Array | undefined {
  let end = s.length;
  let pad = 0;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d) {
    end--;
    pad++;
  }
  if (pad > 2) return undefined;
  if (pad > 0 && s.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let flavour = 0;
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let k = 0; k < end; k++) {
    const code = s.charCodeAt(k);
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) return undefined;
    const f = flavourOf(code);
    if (f !== 0) {
      if (flavour !== 0 && flavour !== f) return undefined;
      flavour = f;
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Strict UTF-8: undefined on any invalid sequence instead of U+FFFD replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Base64 text that decodes to valid UTF-8 (Basic credentials, Entra `claims`), else undefined. */
export function decodeBase64Text(s: string): string | undefined {
  const bytes = decodeBase64(s);
  return bytes === undefined ? undefined : decodeUtf8(bytes);
}
