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
  Severity,
} from './types.ts';
export { countParseSteps, parseChallenges, parseCredentials } from './challenge.ts';
export { decodeJwt, findJwts, jwtShape } from './jwt.ts';
export { diagnose } from './diagnose.ts';
export { inspectCredentials, type CredentialView } from './credentials/index.ts';
export {
  authorizationFingerprint,
  fingerprint,
  FINGERPRINT_MIN_CHARS,
  maskSecret,
  type FingerprintKey,
} from './mask.ts';
export { identifyToken, type TokenFormat } from './credentials/token-formats.ts';
export { CATALOGUE, catalogueByFamily, findingDocPath, findingMeta, type FindingId } from './catalogue.ts';
export { FAMILIES, type Family } from './families.ts';
export type { FindingMeta } from './finding.ts';
export { formatDuration, formatUtc } from './time.ts';
export type { TokenTimes } from './credentials/index.ts';
export {
  isCredentialHeader,
  isCredentialParam,
  isQueryTokenParam,
  isSecretHeader,
  isUrlHeader,
  looksLikeSecret,
  /** @deprecated the name masking used before the vocabulary: isCredentialHeader */
  isCredentialHeader as isApiKeyHeader,
} from './credentials/vocabulary.ts';
export { maskUrl } from './credentials/mask-url.ts';
