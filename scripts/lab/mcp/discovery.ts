// The discovery doctor against the lab's MCP server from Node: each variant of variants.ts
// discovered the way `authlens discover <url>` does it (the endpoint asked first, then its
// metadata), as a web page on the lab's primary origin would call it, with the top finding
// against the one the variant expects. Printed by `npm start` after the scenario table.
import { discover, type DocFetch } from '../../../src/analysis/index.ts';
import { createDocFetch } from '../../../src/discovery-fetch/doc-fetch.ts';
import { MCP_VARIANTS, type McpVariant } from './variants.ts';

export interface VariantCheck {
  variant: McpVariant;
  /** the finding expected first: the variant's, or discovery-ok */
  expected: string;
  /** the finding the doctor put first */
  top: string;
  summary: string;
  fetches: number;
  pass: boolean;
}

export const expectedTop = (v: McpVariant): string => v.finding ?? 'discovery-ok';

export async function checkVariants(
  lab: { mcp: string; primary: string },
  fetch: DocFetch = createDocFetch({ sendOrigin: true }),
  variants: readonly McpVariant[] = MCP_VARIANTS,
): Promise<VariantCheck[]> {
  const out: VariantCheck[] = [];
  for (const v of variants) {
    const r = await discover(lab.mcp + v.path, { fetch, origin: lab.primary });
    const top = r.findings[0]?.id ?? '(none)';
    out.push({
      variant: v,
      expected: expectedTop(v),
      top,
      summary: r.summary,
      fetches: r.fetches,
      pass: top === expectedTop(v),
    });
  }
  return out;
}

/** A plain-text table: variant, expected, found, a mark. */
export function discoveryTable(rows: readonly VariantCheck[]): string {
  const w1 = Math.max(7, ...rows.map((r) => r.variant.id.length));
  const w2 = Math.max(8, ...rows.map((r) => r.expected.length));
  const lines = [
    `${'variant'.padEnd(w1)}  ${'expected'.padEnd(w2)}  found`,
    ...rows.map((r) => `${r.variant.id.padEnd(w1)}  ${r.expected.padEnd(w2)}  ${r.pass ? 'ok' : `MISMATCH: ${r.top}`}`),
  ];
  const failed = rows.filter((r) => !r.pass).length;
  lines.push(failed ? `${failed} of ${rows.length} variants mismatched` : `all ${rows.length} variants as expected`);
  return lines.join('\n');
}
