// Google APIs: a 403 is not always auth. Quotas and rate limits say so in error.errors[].reason.
import type { Rule } from '../../context.ts';
import { consumer, draft, ev } from '../../finding.ts';
import { link } from '../../refs.ts';

const LIMIT = /^(rateLimitExceeded|userRateLimitExceeded|quotaExceeded|dailyLimitExceeded|RESOURCE_EXHAUSTED)$/;

export const google: Rule = (c) => {
  const reason = [c.body.reason, c.body.error].find((r) => r && LIMIT.test(r));
  if (!reason || c.status < 400) return [];
  return [
    draft({
      id: 'rate-limited',
      severity: 'warning',
      title: 'Rate limit or quota, not an auth failure',
      summary: `Not an auth problem: ${reason}: slow down and retry with backoff`,
      explanation: `The credentials were accepted; the API refused because of a quota or rate limit (${reason}). Re-authenticating will not help.`,
      evidence: [ev('reason', reason), c.body.description ? ev('message', c.body.description) : undefined],
      fixes: [consumer('Retry with exponential backoff; request a higher quota if it persists.')],
      refs: [
        link('Google: handle API errors', 'https://developers.google.com/workspace/drive/api/guides/handle-errors'),
      ],
    }),
  ];
};
