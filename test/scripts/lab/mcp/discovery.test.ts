// The discovery doctor from Node against the real lab: every MCP variant's top finding is the one
// variants.ts names (discovery-ok where nothing is wrong), with the real fetcher and its limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../../scripts/lab/server.ts';
import { checkVariants } from '../../../../scripts/lab/mcp/discovery.ts';
import { MCP_VARIANTS } from '../../../../scripts/lab/mcp/variants.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab?.close());

describe('discovery against the lab MCP server', () => {
  it('puts each variant’s expected finding first', async () => {
    const rows = await checkVariants(lab);
    expect(rows.map((r) => [r.variant.id, r.top])).toEqual(rows.map((r) => [r.variant.id, r.expected]));
    expect(rows).toHaveLength(MCP_VARIANTS.length);
    // the 10 MB document is read no further than the cap, and no run exceeds its request budget
    for (const r of rows) expect(r.fetches).toBeLessThanOrEqual(16);
  });
});
