// One masking pass: how secrets look once masked, which ones the user revealed on purpose, and
// every secret value met on the way (so free text can be scrubbed of them afterwards: a body or
// a finding that quotes the API key it was sent).
import { fingerprint, maskSecret, type FingerprintKey } from '../analysis/index.ts';

export const MASK = '•••';

export interface MaskOptions {
  /** the page's per-session key: fingerprints only with one (none in a file made without it) */
  key?: FingerprintKey;
  /** values the user revealed on purpose: left as they are wherever they occur */
  revealed?: ReadonlySet<string>;
}

/** Values shorter than this are not searched for in free text (`1`, `dark`: they would mask every word). */
const MIN_SCRUB_CHARS = 6;
const MIN_NAME_CHARS = 3;

export class Masker {
  /** every secret value masked so far, as met (and URL-decoded when it differs) */
  readonly secrets = new Set<string>();
  /** user names (Basic, Digest, `user@` in URLs): short, so searched for as whole words only */
  readonly names = new Set<string>();

  constructor(readonly opts: MaskOptions = {}) {}

  /** true: the user revealed this value; leave it, and do not count it as hidden */
  keeps(value: string): boolean {
    return this.opts.revealed?.has(value) ?? false;
  }

  /** remember a value as secret (for scrubbing free text) */
  note(value: string): void {
    if (Array.from(value).length >= MIN_SCRUB_CHARS) this.secrets.add(value);
  }

  /** remember a user name: who sent the request is not for a shared report either */
  noteName(value: string): void {
    if (Array.from(value).length >= MIN_NAME_CHARS) this.names.add(value);
    else this.note(value);
  }

  /** `••• #3fa2c1` (a fingerprint for long values, with a key) or `•••`: nothing of the value */
  opaque(value: string, withFingerprint = true): string {
    if (this.keeps(value)) return value;
    this.note(value);
    const fp = withFingerprint ? fingerprint(value, this.opts.key) : undefined;
    return fp ? `${MASK} #${fp}` : MASK;
  }

  /** `eyJhbGciOi…x7Qw #3fa2c1`: a little of a long token's ends (its format), `••••` for a short one */
  secret(value: string): string {
    if (this.keeps(value)) return value;
    this.note(value);
    return maskSecret(value, this.opts.key);
  }

  /** `•••(3fa2c1)`: in a URL, where `#` and spaces would end the parameter */
  param(value: string): string {
    if (this.keeps(value)) return value;
    this.note(value);
    const fp = fingerprint(value, this.opts.key);
    return fp ? `${MASK}(${fp})` : MASK;
  }
}

export const masker = (m: Masker | MaskOptions | undefined): Masker => (m instanceof Masker ? m : new Masker(m));
