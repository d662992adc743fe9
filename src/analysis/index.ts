// The engine's public face (issue #3): the worker, the panel, the popup and HAR import use this.
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
export { parseChallenges, parseCredentials } from './challenge.ts';
export { decodeJwt, findJwts, jwtShape } from './jwt.ts';
export { diagnose } from './diagnose.ts';
export { inspectCredentials, type CredentialView } from './credentials/index.ts';
export { fingerprint, maskSecret } from './mask.ts';
export { identifyToken, type TokenFormat } from './credentials/token-formats.ts';
export { countParseSteps } from './challenge.ts';
export { formatDuration, formatUtc } from './time.ts';
export { isApiKeyHeader, isCredentialParam, type TokenTimes } from './credentials/index.ts';
