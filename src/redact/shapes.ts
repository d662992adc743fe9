// Secrets recognised by their shape alone, whatever name they sit under: a JWT, or an opaque
// token whose prefix names its issuer (the engine's looksLikeSecret, one list of formats). Text
// is cut into candidate words by one forward scan (a word must start where no word character
// precedes it), and each word is tested once: linear in the text's length.
import { looksLikeSecret } from '../analysis/index.ts';
import type { Masker } from './masker.ts';

/** base64url, base64 without `/`, vendor separators; `/` ends a word (URL paths). */
const WORD = /(?<![A-Za-z0-9_\-.~+!])[A-Za-z0-9_\-.~+!]{8,}=*/g;

/** One token of a known shape (a whole value). */
export function looksLikeToken(value: string): boolean {
  return looksLikeSecret(value);
}

/** Tokens of a known shape anywhere in the text (a sentence's final dot is not part of them). */
export function maskShapes(text: string, m: Masker): string {
  return text.replace(WORD, (word) => {
    const core = word.replace(/\.+$/, '');
    return looksLikeSecret(core) ? m.secret(core) + word.slice(core.length) : word;
  });
}
