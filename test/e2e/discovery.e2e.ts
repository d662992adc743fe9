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
