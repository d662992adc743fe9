// Names an opaque token's issuer with the engine's prefix table; also says JWS/JWE by shape.
import { identifyToken } from '../analysis/index.ts';

export function tokenFormat(token: string): string | undefined {
  const t = token.trim();
  const f = identifyToken(t);
  if (f) return `${f.vendor} ${f.kind}`;
  if (/^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(t)) return 'JWT (JWS)';
  if (/^eyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){4}$/.test(t)) return 'JWE (encrypted JWT)';
  return undefined;
}
