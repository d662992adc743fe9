// npm test: every check, in as little time as two cores allow. tsc, ESLint, Prettier, the build
// and web-ext lint each use one core, so they run in two lanes side by side (the build writes
// only dist/, lib/ and docs/findings.md, which neither linter nor tsc reads); then the unit tests
// (Vitest, a worker per core); then the end-to-end suites against that build (one browser at a
// time). Side by side, a step's output is printed whole when it ends; alone, as it comes. The
// first failure stops the run (the other lane finishes its step) with that step's exit code.
// Time per step at the end.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

interface Step {
  name: string;
  cmd: string[];
}

const npmRun = (script: string): Step => ({ name: script, cmd: ['npm', 'run', '--silent', script] });
const bin = (name: string, tool: string, ...args: string[]): Step => ({
  name,
  cmd: [join(repo, 'node_modules', '.bin', tool), ...args],
});

/** Lanes run side by side, each one's steps in order. */
const PHASES: Step[][][] = [
  [
    [npmRun('typecheck')],
    [
      bin('eslint', 'eslint', '.'),
      bin('prettier', 'prettier', '--check', '.'),
      npmRun('build'),
      npmRun('lint:firefox'),
    ],
  ],
  [[npmRun('test:unit')]],
  [[bin('e2e', 'vitest', 'run', '--config', 'vitest.e2e.config.ts')]],
];

const timings: { name: string; seconds: number }[] = [];
let failed: { name: string; code: number } | undefined;

function run(step: Step, live: boolean): Promise<void> {
  const started = Date.now();
  const title = `\n> ${step.name} (${step.cmd.join(' ').replace(`${repo}/`, '')})\n`;
  if (live) process.stdout.write(title);
  return new Promise((done) => {
    const [cmd, ...args] = step.cmd;
    const child = spawn(cmd!, args, {
      cwd: repo,
      stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
    });
    const out: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => out.push(d));
    const finish = (code: number): void => {
      const seconds = (Date.now() - started) / 1000;
      timings.push({ name: step.name, seconds });
      if (!live) process.stdout.write(title + Buffer.concat(out).toString());
      process.stdout.write(`< ${step.name}: ${code === 0 ? 'ok' : `exit ${code}`}, ${seconds.toFixed(1)} s\n`);
      if (code !== 0) failed ??= { name: step.name, code };
      done();
    };
    child.on('error', (e) => {
      out.push(Buffer.from(`${String(e)}\n`));
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

async function lane(steps: Step[], live: boolean): Promise<void> {
  for (const step of steps) {
    if (failed) return;
    await run(step, live);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  for (const phase of PHASES) {
    await Promise.all(phase.map((steps) => lane(steps, phase.length === 1)));
    if (failed) break;
  }
  console.log('\nnpm test, time per step (steps in the same phase ran side by side):');
  for (const t of timings) console.log(`  ${t.name.padEnd(14)} ${t.seconds.toFixed(1).padStart(7)} s`);
  console.log(`  ${'total'.padEnd(14)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
  if (failed) console.error(`\nnpm test failed: ${failed.name} (exit ${failed.code})`);
  return failed?.code ?? 0;
}

main().then((code) => process.exit(code));
