// Secrets recognised by their shape alone, whatever name they sit under: a JWT, or an opaque
// token whose prefix names its issuer. A match must start a word (the look-behind), so a long
// run of base64 is tried from its start only: linear time.
import type { Masker } from './masker.ts';

/** The start of a word: a token never begins in the middle of another one. */
const START = String.raw`(?<![A-Za-z0-9_\-.])`;
/** A JWS or JWE in compact form (RFC 7515 §7.1, RFC 7516 §7.1): base64url of `{"` first. */
const JWT = String.raw`eyJ[A-Za-z0-9_-]{4,}\.(?:[A-Za-z0-9_-]*\.){1,3}[A-Za-z0-9_-]*`;
/**
 * Opaque tokens that name their issuer (GitHub, GitLab, Slack, Google, AWS, npm, Stripe, OpenAI,
 * Anthropic, Hugging Face, SendGrid, Shopify, Atlassian, PyPI, Doppler, Meta...).
 */
const PREFIXES = [
  'gh[pousr]_',
  'github_pat_',
  'glpat-',
  'gl(?:oas|dt|rt|cbt|ptt|ft|imt|agent|soat)-',
  'xox[abprse]-',
  'xapp-',
  'ya29\\.',
  '1//0',
  'AIza',
  'AKIA',
  'ASIA',
  'npm_',
  '(?:sk|rk|pk|whsec)_(?:test|live)_',
  'sk-(?:proj-|ant-)?',
  'hf_',
  'SG\\.',
  'shp(?:at|ca|pa|ss)_',
  'ATATT',
  'pypi-',
  'dp\\.(?:st|ct|sa)\\.',
  'EAA[A-Za-z0-9]{20}',
];
const PREFIXED = `(?:${PREFIXES.join('|')})[A-Za-z0-9_\\-.]{8,}`;
export const SHAPES = new RegExp(`${START}(?:${JWT}|${PREFIXED})`, 'g');

/** One token of a known shape (a whole value): a JWT or a prefixed vendor token. */
export function looksLikeToken(value: string): boolean {
  const re = new RegExp(SHAPES.source, 'y');
  const m = re.exec(value);
  return m !== null && m[0].length === value.length;
}

/** Tokens of a known shape anywhere in the text. */
export function maskShapes(text: string, m: Masker): string {
  return text.replace(SHAPES, (t) => m.secret(t));
}
