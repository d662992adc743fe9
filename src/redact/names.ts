// Which names carry secrets: the engine's one credential vocabulary (through its face), read the
// way masking needs it. A header is masked by its name or its value; a query, fragment, form or
// JSON key by its name (and its value's shape, shapes.ts).
import { isCredentialParam, isSecretHeader as vocabularySecretHeader, isUrlHeader } from '../analysis/index.ts';

export { isUrlHeader };

/** The header's whole value is a secret (Authorization, Cookie, X-Api-Key, *-Token, a JWT-shaped value...). */
export function isSecretHeader(name: string, value?: string): boolean {
  return vocabularySecretHeader(name, value);
}

/** A query, fragment, form or JSON parameter of this name holds a secret. */
export function isSecretParam(name: string): boolean {
  return isCredentialParam(name);
}
