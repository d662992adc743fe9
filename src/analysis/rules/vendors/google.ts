// Google APIs: a 403 is not always auth. Quotas and rate limits say so in error.errors[].reason.
import type { Rule } from '../../inspect.ts';
import { consumer, defineFindings, ev } from '../../finding.ts';
import { link } from '../../refs.ts';

const LIMIT = /^(rateLimitExceeded|userRateLimitExceeded|quotaExceeded|dailyLimitExceeded|RESOURCE_EXHAUSTED)$/;

export const GOOGLE = defineFindings('vendors', {
  'rate-limited': {
    title: 'Rate limit or quota, not an auth failure',
    severity: 'warning',
    means:
      'The credentials were accepted; the API refused because of a quota or rate limit. Re-authenticating will ' +
      'not help: waiting, backing off, or a higher quota will.',
    restsOn:
      'A Google API error body whose reason (error.errors[].reason) or status is rateLimitExceeded, ' +
      'userRateLimitExceeded, quotaExceeded, dailyLimitExceeded or RESOURCE_EXHAUSTED.',
    fixes: [consumer('Retry with exponential backoff; request a higher quota if it persists.')],
    references: [
      link('Google: handle API errors', 'https://developers.google.com/workspace/drive/api/guides/handle-errors'),
    ],
  },
});

export const google: Rule = (c) => {
  const reason = [c.body.reason, c.body.error].find((r) => r && LIMIT.test(r));
  if (!reason || c.status < 400) return [];
  return [
    GOOGLE.draft('rate-limited', {
      summary: `Not an auth problem: ${reason}: slow down and retry with backoff`,
      explanation:
        `The credentials were accepted; the API refused because of a quota or rate limit (${reason}). ` +
        'Re-authenticating will not help.',
      evidence: [ev('reason', reason), c.body.description ? ev('message', c.body.description) : undefined],
    }),
  ];
};
