// `npm start` (headless): after the scenario table, the discovery doctor in the extension's panel
// against every MCP variant, as a table of its own: what the variant gets wrong, the finding
// expected first, the one the panel's Check discovery put first.
import type { DriveOptions, Session } from '../driver.ts';
import { getRecords, openExtensionPage } from '../extension.ts';
import { checkVariantInPanel, type PanelCheck } from './discovery-panel.ts';
import { MCP_VARIANTS } from './variants.ts';

export async function runDiscoveryTable(
  o: DriveOptions,
  s: Session,
  log: (l: string) => void = console.log,
): Promise<{ rows: PanelCheck[]; table: string; exitCode: number }> {
  const mcp = o.origins.mcp;
  if (!mcp) return { rows: [], table: 'Discovery doctor: the lab has no MCP server', exitCode: 1 };
  log(`Checking discovery on ${MCP_VARIANTS.length} MCP server variants in the panel...`);
  const panel = await openExtensionPage(o.context, o.extensionId, 'panel.html');
  const rows: PanelCheck[] = [];
  for (const v of MCP_VARIANTS) {
    const row = await checkVariantInPanel(
      {
        lab: s.lab,
        panel,
        extensionBase: `chrome-extension://${o.extensionId}/`,
        tabId: s.tabId,
        mcpOrigin: mcp,
        records: () => getRecords(s.ext, s.tabId),
      },
      v,
    ).catch((e: unknown): PanelCheck => {
      const why = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
      return {
        variant: v,
        expected: v.finding ?? 'discovery-ok',
        top: `(failed: ${why})`,
        summary: '',
        steps: [],
        pass: false,
      };
    });
    log(`  ${v.id.padEnd(26)} ${row.top}`);
    rows.push(row);
  }
  await panel.close();
  const w1 = Math.max(...rows.map((r) => r.variant.id.length), 'MCP variant'.length);
  const w2 = Math.max(...rows.map((r) => r.expected.length), 'expected first'.length);
  const failed = rows.filter((r) => !r.pass);
  const table = [
    'Discovery doctor (panel → Check discovery) on the lab MCP server',
    `${'MCP variant'.padEnd(w1)}  ${'expected first'.padEnd(w2)}  panel`,
    ...rows.map((r) => `${r.variant.id.padEnd(w1)}  ${r.expected.padEnd(w2)}  ${r.pass ? 'ok' : `MISMATCH: ${r.top}`}`),
    failed.length
      ? `${failed.length} of ${rows.length} variants mismatched`
      : `all ${rows.length} variants as expected`,
  ].join('\n');
  return { rows, table, exitCode: failed.length ? 1 : 0 };
}
