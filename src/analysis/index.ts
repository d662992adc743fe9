// The engine's public face: everything outside src/analysis imports from here.
export type {
  Challenge,
  ChallengeParse,
  DiagnoseContext,
  Diagnosis,
  Exchange,
  Finding,
  Header,
  JwtDecode,
  RequestDigest,
  Severity,
} from './types.ts';
export { countParseSteps, parseChallenges, parseCredentials } from './challenge.ts';
export { decodeJwt, findJwts, jwtShape } from './jwt.ts';
export { diagnose } from './diagnose.ts';
export { inspectCredentials, type CredentialView } from './credentials/index.ts';
export { fingerprint, maskSecret } from './mask.ts';
export { identifyToken, type TokenFormat } from './credentials/token-formats.ts';
export { CATALOGUE, catalogueByFamily, findingDocPath, findingMeta, type FindingId } from './catalogue.ts';
export { FAMILIES, type Family } from './families.ts';
export type { FindingMeta } from './finding.ts';
export { formatDuration, formatUtc } from './time.ts';
export { isApiKeyHeader, isCredentialParam, type TokenTimes } from './credentials/index.ts';
export {
  compareExchanges,
  DIFFERENCE_ORDER,
  type Comparison,
  type Difference,
  type DifferenceKind,
} from './compare/compare.ts';
export { endpointKey, pathTemplate } from './compare/endpoint.ts';
export { isSuccess, nearestSuccess } from './compare/nearest.ts';
