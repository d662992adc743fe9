// `authlens explain` as a user runs it: the built CLI (lib/cli.js) in its own process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repo } from './chromium.ts';

export interface Explained {
  method: string;
  url: string;
  status: number;
  findings: { id: string }[];
}

/** The JSON report of `authlens explain <file> --format json` (exit 0 or 1 both mean it read the file). */
export async function explainHar(file: string): Promise<Explained[]> {
  const cli = join(repo, 'lib', 'cli.js');
  if (!existsSync(cli)) throw new Error('no lib/cli.js: run `npm run build` first (npm run test:e2e does)');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'explain', file, '--format', 'json', '--fail-on', 'never'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Explained[];
}

/** "401 token-expired" per failure, sorted: what a panel row shows (status and top finding). */
export const topPairs = (xs: readonly Explained[]): string[] =>
  xs.map((x) => `${x.status} ${x.findings[0]?.id ?? ''}`).sort();
