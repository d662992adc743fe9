// Every pattern read against a body's text (the recognisers' words, vendor rows, WAF block pages,
// the CSRF failures of frameworks), with one scan of the text telling which of them could match
// at all: most pages say none of their words, and a 64 KB page would otherwise be read once per
// pattern.
import { textFilter } from '../body/prefilter.ts';
import { CSRF_FAILED } from '../body/csrf-words.ts';
import { RECOGNISERS } from './recognisers.ts';
import { SIGNATURES } from './signatures.ts';
import { WAF_SIGNS } from './waf-signs.ts';

export const mayFind = textFilter(() => [
  CSRF_FAILED,
  ...RECOGNISERS.map((r) => r.words),
  ...SIGNATURES.map((s) => s.text),
  ...WAF_SIGNS.map((w) => w.text),
]);
