// The discovery doctor in real Chromium with dist/chrome loaded: the lab page calls each MCP
// variant (scripts/lab/mcp/variants.ts) cross-origin, the panel opened on the recorded 401 runs
// Check discovery (its own fetches: an extension page with host permissions reads any origin
// without CORS, redirects read through webRequest), and its top finding is the variant's. A
// screenshot of the Discovery tab per variant lands in test-output/discovery/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Launched } from '../../scripts/lab/chromium.ts';
import { openLab, type Session } from '../../scripts/lab/driver.ts';
import { getRecords } from '../../scripts/lab/extension.ts';
import { checkVariantInPanel, type PanelRun } from '../../scripts/lab/mcp/discovery-panel.ts';
import { MCP_VARIANTS, variantById } from '../../scripts/lab/mcp/variants.ts';
import { CLIENTS, MCP_SCOPE, SECRETS } from '../../scripts/lab/oidc/clients.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { launch, outputDir } from './support/chromium.ts';
import { runAxe } from './support/panel.ts';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

const out = outputDir('discovery');
const served: Served[] = [];
let lab: Lab;
let l: Launched;
let s: Session;
let panel: Page;
let run: PanelRun;

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  l = await launch();
  s = await openLab({ context: l.context, extensionId: l.extensionId, origins: lab, served });
  panel = await l.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 900 });
  run = {
    lab: s.lab,
    panel,
    extensionBase: `chrome-extension://${l.extensionId}/`,
    tabId: s.tabId,
    mcpOrigin: lab.mcp,
    records: () => getRecords(s.ext, s.tabId),
  };
});

afterAll(async () => {
  await l?.close();
  await lab?.close();
});

describe('Check discovery in the Chromium panel', () => {
  for (const v of MCP_VARIANTS) {
    it(`${v.id}: ${v.finding ?? 'every check passes'}`, async () => {
      const before = served.length;
      const r = await checkVariantInPanel(run, v);
      await panel.screenshot({ path: join(out, `${v.id}.png`), fullPage: true });
      expect(r.top, `${r.summary}\n${r.steps.join('\n')}`).toBe(r.expected);
      // the panel's discovery requests carried no credentials
      const mine = served
        .slice(before)
        .filter((e) => e.path.includes('/.well-known/') || e.path.startsWith('/metadata'));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.filter((e) => e.authorization || e.cookie)).toEqual([]);
    });
  }

  it('a token issued for another MCP resource: discovery-token-audience-mismatch', async () => {
    const other = lab.mcp + variantById('no-s256')!.path;
    const r = await fetch(`${lab.idp}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${CLIENTS.agent}:${SECRETS.agent}`)}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: MCP_SCOPE, resource: other }),
    });
    const { access_token: token } = (await r.json()) as { access_token: string };
    const check = await checkVariantInPanel(run, variantById('ok')!, {
      token,
      expected: 'discovery-token-audience-mismatch',
    });
    await panel.screenshot({ path: join(out, 'token-audience.png'), fullPage: true });
    expect(check.top, `${check.summary}\n${check.steps.join('\n')}`).toBe(check.expected);
    expect(check.summary).toContain(other);
    expect(await panel.content()).not.toContain(token);
  });

  it('axe-core: no serious or critical violation in the Discovery tab after a run, light and dark', async () => {
    await checkVariantInPanel(run, variantById('no-s256')!);
    await runAxe(panel); // loads axe-core into the page
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      // the Discovery tab only: the list beside it is panel.e2e.ts's
      const bad = await panel.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: object, o: object): Promise<AxeResult> } }).axe;
        const r = await axe.run({ include: [['[data-testid="discovery"]']] }, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(' | ')}]`);
      });
      expect(bad, `axe ${scheme}`).toEqual([]);
    }
    await panel.emulateMedia({ colorScheme: 'light' });
  });

  it('fetched nothing before the click', async () => {
    const before = served.length;
    const v = MCP_VARIANTS[0]!;
    const url = lab.mcp + v.path;
    await s.lab.evaluate((u) => fetch(u, { method: 'POST' }).then((r) => r.status), url);
    await panel.goto(`chrome-extension://${l.extensionId}/panel.html?tabId=${s.tabId}`);
    await panel.waitForSelector('[data-testid="record-row"]');
    await new Promise((r) => setTimeout(r, 500));
    expect(served.slice(before).filter((e) => e.path.includes('/.well-known/'))).toEqual([]);
  });
});
