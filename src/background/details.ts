// The webRequest details capture.ts reads: the fields Chrome and Firefox have in common, plus
// the few where they differ. Structural, so the polyfill's and @types/chrome's objects fit.

/** The webRequest header shape: Chrome gives `value`, or `binaryValue` for non-UTF-8 bytes. */
export interface RawHeader {
  name: string;
  value?: string;
  binaryValue?: number[];
}

export interface BaseDetails {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  type: string;
  timeStamp: number;
  /** Chrome: origin of the document that made the request */
  initiator?: string;
  /** Firefox: URL of whatever made the request */
  originUrl?: string;
}
export interface SendHeadersDetails extends BaseDetails {
  requestHeaders?: RawHeader[];
}
export interface ResponseDetails extends BaseDetails {
  statusCode: number;
  statusLine: string;
  fromCache?: boolean;
  responseHeaders?: RawHeader[];
}
export interface RedirectDetails extends ResponseDetails {
  redirectUrl: string;
}
export interface AuthRequiredDetails extends ResponseDetails {
  isProxy?: boolean;
}
export interface ErrorDetails extends BaseDetails {
  error: string;
  fromCache?: boolean;
}

/** Chrome's `initiator` is an origin; Firefox gives the full URL of what made the request. */
export function initiatorOf(d: BaseDetails): string | undefined {
  if (d.initiator !== undefined) return d.initiator;
  if (!d.originUrl) return undefined;
  try {
    const o = new URL(d.originUrl).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}
