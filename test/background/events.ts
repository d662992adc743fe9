// webRequest details as Chrome sends them, for feeding the capture in tests.
import type {
  AuthRequiredDetails,
  RawHeader,
  RedirectDetails,
  ResponseDetails,
  SendHeadersDetails,
} from '../../src/background/details.ts';

export interface Req {
  requestId: string;
  url: string;
  method?: string;
  tabId?: number;
  frameId?: number;
  type?: string;
  initiator?: string;
}

const base = (r: Req, timeStamp: number) => ({
  requestId: r.requestId,
  url: r.url,
  method: r.method ?? 'GET',
  tabId: r.tabId ?? 7,
  frameId: r.frameId ?? 0,
  type: r.type ?? 'xmlhttprequest',
  timeStamp,
  ...(r.initiator ? { initiator: r.initiator } : {}),
});

export const h = (name: string, value: string): RawHeader => ({ name, value });

export function sent(r: Req, t: number, requestHeaders: RawHeader[] = []): SendHeadersDetails {
  return { ...base(r, t), requestHeaders };
}

export function received(
  r: Req,
  t: number,
  statusCode: number,
  responseHeaders: RawHeader[] = [],
  statusLine = `HTTP/1.1 ${statusCode}`,
): ResponseDetails {
  return { ...base(r, t), statusCode, statusLine, fromCache: false, responseHeaders };
}

export function redirected(
  r: Req,
  t: number,
  statusCode: number,
  location: string,
  responseHeaders: RawHeader[] = [],
): RedirectDetails {
  return { ...received(r, t, statusCode, [...responseHeaders, h('Location', location)]), redirectUrl: location };
}

export function authRequired(
  r: Req,
  t: number,
  statusCode: number,
  responseHeaders: RawHeader[],
  isProxy: boolean,
): AuthRequiredDetails {
  return { ...received(r, t, statusCode, responseHeaders), isProxy };
}
