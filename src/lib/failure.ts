// Which HAR entries the faces outside the browser diagnose: the one judgement of what is an auth
// failure, applied to an entry's status and headers. It is src/http/failure.ts (what the
// extension captures), so the CLI, the library and the panel's import keep the same entries; an
// exchange-level judgement from the engine's face plugs in here and nowhere else.
import type { FailureJudge } from '../har/read.ts';
import { AUTH_FAILURE_STATUSES, isAuthFailure } from '../http/failure.ts';

export function failureJudge(statuses: readonly number[] = AUTH_FAILURE_STATUSES): FailureJudge {
  return (x) => isAuthFailure(x.status, x.responseHeaders, statuses);
}
