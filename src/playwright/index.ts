// `import { test, expect } from 'authlens/playwright'`: Playwright's test, with AuthLens watching
// the test's browser contexts. When a test fails and a request failed authentication meanwhile,
// `authlens.md` (secrets masked) is attached to the result, and its first lines, one per auth
// failure with the top finding, are what the list, line and dot reporters print under the
// error: they print a text attachment's opening lines inline. An annotation carries the same
// line for the HTML and JSON reporters.
import { test as base, expect } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import { toMarkdown } from '../report/markdown.ts';
import type { HarFailure } from '../lib/pipeline.ts';
import { AuthLensRecorder } from './recorder.ts';

export { expect, AuthLensRecorder };

export interface AuthLensOptions {
  /** 'on-failure' (default): attach when the test failed; 'always': on every test; 'never' */
  authlensAttach: 'on-failure' | 'always' | 'never';
  /** put secrets in the report as they were sent (default: masked) */
  authlensReveal: boolean;
}

export interface AuthLensFixtures {
  /** the recorder: `await authlens.failures()` gives the diagnoses so far */
  authlens: AuthLensRecorder;
}

export const ATTACHMENT = 'authlens.md';

export const test = base.extend<AuthLensOptions & AuthLensFixtures>({
  authlensAttach: ['on-failure', { option: true }],
  authlensReveal: [false, { option: true }],
  authlens: [
    async ({ authlensAttach, authlensReveal }, use, testInfo) => {
      const recorder = new AuthLensRecorder();
      await use(recorder);
      const failed = testInfo.status !== testInfo.expectedStatus;
      if (authlensAttach === 'never' || (authlensAttach === 'on-failure' && !failed)) return;
      const failures = await recorder.failures();
      if (failures.length === 0 && authlensAttach !== 'always') return;
      await report(testInfo, failures, authlensReveal);
    },
    { auto: true },
  ],
  context: async ({ context, authlens }, use) => {
    authlens.watch(context);
    await use(context);
  },
});

/** One line per auth failure: the status, the request, the top finding. */
export function topLines(failures: readonly HarFailure[]): string[] {
  return failures.map(({ record: r, diagnosis: d }) => {
    const top = d.findings[0];
    return `- ${r.status} ${r.method} ${pathOf(r.url)} → ${top ? `${top.id}: ` : ''}${d.summary}`;
  });
}

async function report(testInfo: TestInfo, failures: HarFailure[], reveal: boolean): Promise<void> {
  const n = failures.length;
  const head = `AuthLens: ${n === 0 ? 'no' : n} auth failure${n === 1 ? '' : 's'} during this test`;
  const lines = topLines(failures);
  const md = [head, '', ...lines, '', ...failures.map((f) => toMarkdown(f.record, f.diagnosis, { reveal }))].join('\n');
  for (const line of lines) testInfo.annotations.push({ type: 'authlens', description: line.slice(2) });
  await testInfo.attach(ATTACHMENT, { body: md, contentType: 'text/markdown' });
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}
