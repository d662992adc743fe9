// A HAR entry that is not an auth failure, as the small context entry the engine's patterns read
// (a refresh that recovered, a retry loop): what the worker keeps of a live tab's successes.
import type { ContextEntry } from '../shared/types.ts';
import { headerValue } from '../http/headers.ts';
import { isObj, num, readHeaders, str } from './fields.ts';
import { responseTime, TYPE_OF_RESOURCE } from './read.ts';

/** URLs longer than this (data: URLs, giant queries) cannot match another request: kept short. */
const URL_CAP = 4096;

/**
 * The entry as a context entry, or undefined when it is malformed or never got a response.
 * `intern` lets a caller share one copy of a token that thousands of entries carry.
 */
export function contextEntryOf(entry: unknown, intern: (s: string) => string = (s) => s): ContextEntry | undefined {
  if (!isObj(entry) || !isObj(entry.request) || !isObj(entry.response)) return undefined;
  const url = str(entry.request.url);
  const method = str(entry.request.method);
  const status = num(entry.response.status);
  if (url === undefined || method === undefined || status === undefined || status === 0) return undefined;
  if (/^(data|blob):/i.test(url)) return undefined;
  const ours = isObj(entry._authlens) ? entry._authlens : undefined;
  const c: ContextEntry = {
    url: url.length > URL_CAP ? url.slice(0, URL_CAP) : url,
    method: intern(method),
    status,
    time: num(ours?.time) ?? responseTime(entry, () => undefined, ''),
    type: intern(str(ours?.type) ?? resourceType(str(entry._resourceType)) ?? 'other'),
  };
  const authorization = headerValue(readHeaders(entry.request.headers).headers, 'authorization');
  if (authorization !== undefined) c.authorization = intern(authorization);
  return c;
}

/** Chrome's `_resourceType` among the map's own keys only (a file's `__proto__` finds nothing). */
function resourceType(name: string | undefined): string | undefined {
  return name !== undefined && Object.hasOwn(TYPE_OF_RESOURCE, name) ? TYPE_OF_RESOURCE[name] : undefined;
}
