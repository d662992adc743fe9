// The discovery doctor against the lab's MCP server from Node: each variant of variants.ts
// discovered the way `authlens discover <url>` does it (the endpoint asked first, then its
// metadata), as a web page on the lab's primary origin would call it, with the top finding
// against the one the variant expects (`npm start` runs the same check in the panel).
import { discoverUrl } from '../../../src/discovery-fetch/discover-url.ts';
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
  variants: readonly McpVariant[] = MCP_VARIANTS,
): Promise<VariantCheck[]> {
  const out: VariantCheck[] = [];
  for (const v of variants) {
    const r = await discoverUrl(lab.mcp + v.path, { origin: lab.primary });
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
