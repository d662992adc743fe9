// HAR 1.2 as AuthLens writes it (http://www.softwareishard.com/blog/har-12-spec/).
// Custom fields start with "_" as the spec allows; `_authlens` carries what HAR has no slot for.
import type { Diagnosis } from '../analysis/index.ts';
import type { CaptureRecord, RedirectHop } from '../shared/types.ts';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

/** What HAR cannot say about a captured record; read back by fromHar. */
export interface HarAuthLensFields {
  type: string;
  frameId: number;
  initiator?: string;
  statusLine: string;
  time: number;
  fromCache: boolean;
  preflight: boolean;
  source: CaptureRecord['source'];
  requestHeadersKnown: boolean;
  redirects: RedirectHop[];
  /** the full diagnosis, made before masking (evidence is masked by the engine itself) */
  report?: Diagnosis;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  _resourceType?: string;
  _authlens?: HarAuthLensFields;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    comment?: string;
    entries: HarEntry[];
  };
}
