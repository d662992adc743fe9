// Masking secrets for evidence, the UI and exports. The fingerprint lets a person tell whether two
// requests carried the same credential without seeing it; 24 bits of FNV-1a is plenty for that
// and is not meant to resist anyone guessing the secret from it.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** 6 hex characters: the top 24 bits of the 32-bit FNV-1a hash of the secret's UTF-8 bytes. */
export function fingerprint(secret: string): string {
  let h = FNV_OFFSET;
  for (const byte of encoder.encode(secret)) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return (h >>> 8).toString(16).padStart(6, '0');
}

/** Never reveal more than this share of the secret's characters. */
const MAX_SHARE = 0.4;
const SHORT = 16;

/**
 * `eyJhbGciOi…x7Qw #3fa2c1` for long secrets (at most 10 leading and 4 trailing characters, and
 * never more than 40% of them), `ab•••• #3fa2c1` for short ones (at most the first 2 characters).
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret); // code points: never split a surrogate pair
  const n = chars.length;
  const tag = ` #${fingerprint(secret)}`;
  if (n < SHORT) {
    const head = Math.min(2, Math.floor(n * MAX_SHARE));
    return `${chars.slice(0, head).join('')}••••${tag}`;
  }
  const budget = Math.min(14, Math.floor(n * MAX_SHARE));
  const tail = Math.min(4, Math.floor(budget / 3));
  const head = budget - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(n - tail).join('')}${tag}`;
}
