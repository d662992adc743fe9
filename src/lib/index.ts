// The `authlens` package's face: the engine, HAR diagnosis and the discovery doctor, for Node ≥ 20
// and browsers alike (no DOM, no Node built-in).
export {
  CATALOGUE,
  decodeJwt,
  diagnose,
  findingMeta,
  parseChallenges,
  parseCredentials,
  type Challenge,
  type ChallengeParse,
  type DiagnoseContext,
  type Diagnosis,
  type Exchange,
  type Finding,
  type FindingMeta,
  type Header,
  type JwtDecode,
  type Severity,
} from '../analysis/index.ts';
export { diagnoseHar, diagnoseHarStream, type HarOptions, type HarResult, type HarStreamOptions } from './har.ts';
export { explainExchange, readExchange, type ExchangeRead } from './exchange.ts';
export { meets, type FailOn, type FailureReport } from './report.ts';
export { discoverUrl, DISCOVERY_AVAILABLE, type DiscoverResult } from './discover.ts';
export { HarScanner, harEvents, TRUNCATED, type HarEvent, type ScanLimits } from '../har/stream.ts';
export { HAR_LIMITS } from '../har/limits.ts';
