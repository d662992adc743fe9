// When the doctor has something to check: a challenge that names its resource metadata (RFC 9728
// §5.1), or any 401 with a Bearer challenge (its metadata may sit at the well-known URLs, §3.1).
import { headerValues } from '../../http/headers.ts';
import { splitMergedHeaders } from '../../http/merged-headers.ts';
import { parseChallenges } from '../challenge.ts';
import type { DiscoveryTarget } from './types.ts';

export function discoveryOffered(t: DiscoveryTarget): boolean {
  if (!/^https?:/i.test(t.url)) return false;
  const values = headerValues(splitMergedHeaders(t.responseHeaders ?? []), 'www-authenticate');
  if (!values.length) return false;
  const challenges = parseChallenges(values).challenges;
  if (challenges.some((c) => c.params.resource_metadata)) return true;
  return t.status === 401 && challenges.some((c) => c.scheme.toLowerCase() === 'bearer');
}
