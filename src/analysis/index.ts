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
  Layer,
  RequestDigest,
  Severity,
} from './types.ts';
export { countParseSteps, parseChallenges, parseCredentials } from './challenge.ts';
export { decodeJwt, findJwts, jwtShape } from './jwt.ts';
export { diagnose } from './diagnose.ts';
export { isAuthFailureExchange } from './failure.ts';
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

export { discover } from './discovery/walk.ts';
export { DISCOVERY_LIMITS, judgeRedirect, isRedirect, type RedirectVerdict } from './discovery/limits.ts';
export type {
  DiscoverOptions,
  DiscoveryReport,
  DiscoveryStep,
  DiscoveryTarget,
  DocFetch,
  DocRequestInit,
  DocResponse,
  Hop,
  StepFinding,
  StepKind,
} from './discovery/types.ts';
export { discoveryOffered } from './discovery/offer.ts';
export { layerName } from './layer.ts';
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
export {
  compareExchanges,
  DIFFERENCE_ORDER,
  type Comparison,
  type Difference,
  type DifferenceKind,
} from './compare/compare.ts';
export { endpointKey, pathTemplate } from './compare/endpoint.ts';
export { isSuccess, nearestSuccess } from './compare/nearest.ts';
