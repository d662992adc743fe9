// npm run bench (after npm run build): listener cost in real Chromium, a failing page in real
// Chromium and Firefox (AuthLens against the two-listener floor; with AUTHLENS_BEFORE_DIST=<a
// dist folder of another build> that build runs in the same interleaved rounds), a burst of
// 10 000 failures in both, what each browser counts in storage.session, the hot path and memory
// in node, then the parser and panel benches. Prints Markdown and writes
// bench-output/report.md. Figures are reported as ratios against a reference run side by side;
// nothing is asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runListenerBench } from './listeners.ts';
import { runFailingPageBench } from './failing-page.ts';
import { runBurstBench } from './failing-page-burst.ts';
import { runSessionBytes } from './session-bytes.ts';

const root = resolve(import.meta.dirname, '..', '..');

function child(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0)
    return `(failed: ${args.join(' ')}, exit ${r.status})\n\n\`\`\`\n${(r.stderr || r.stdout).slice(-4000)}\n\`\`\``;
  return r.stdout.trim();
}

async function main(): Promise<void> {
  const parts: string[] = [
    '# AuthLens bench',
    '',
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at start`,
    '',
  ];
  try {
    parts.push(await runListenerBench());
  } catch (e) {
    parts.push(`### Listener cost in real Chromium\n\nnot run: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const browser of ['chromium', 'firefox'] as const) {
    try {
      parts.push('', await runFailingPageBench(browser));
    } catch (e) {
      parts.push('', `### A failing page in ${browser}\n\nnot run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  parts.push('', await runBurstBench('both'), '', await runSessionBytes('both'));
  // own process: --expose-gc, and a heap not shared with playwright
  parts.push('', child(['--expose-gc', '--import', 'tsx', join('scripts', 'bench', 'memory.ts')]));
  const parse = join('scripts', 'bench', 'parse.ts');
  if (existsSync(join(root, parse))) parts.push('', child(['--import', 'tsx', parse]));
  parts.push('', child(['--import', 'tsx', join('scripts', 'bench', 'panel.ts')]));
  parts.push('', child(['--import', 'tsx', join('scripts', 'bench', 'cli.ts')]));
  const report = parts.join('\n') + '\n';
  console.log(report);
  mkdirSync(join(root, 'bench-output'), { recursive: true });
  writeFileSync(join(root, 'bench-output', 'report.md'), report);
  console.log('written to bench-output/report.md');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
