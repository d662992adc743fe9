// CPU time used by a browser's whole process tree (Linux /proc). On a shared, loaded machine
// wall-clock time mostly measures the scheduler; the CPU a configuration burns for the same
// work is a steadier view of what our listeners cost. Elsewhere (no /proc) it reports nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  cpuMs: number;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the command name is in parentheses and may hold spaces: fields start after the last ')'
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[1] = ppid; f[11..14] = utime stime cutime cstime (fields 14-17 of proc(5))
      const cpu = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      out.push({ pid: Number(name), ppid: Number(f[1]), cpuMs: cpu * TICK_MS });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** The browser process started with this user data dir (not one of its children). */
export function browserPid(userDataDir: string): number | undefined {
  if (!existsSync('/proc')) return undefined;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a === `--user-data-dir=${userDataDir}`) && !cmd.some((a) => a.startsWith('--type=')))
        return Number(name);
    } catch {
      // gone
    }
  }
  return undefined;
}

/** CPU milliseconds used so far by `root` and all its descendants. */
export function treeCpuMs(root: number | undefined): number {
  if (root === undefined) return Number.NaN;
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let total = 0;
  const stack = procs.filter((p) => p.pid === root);
  while (stack.length) {
    const p = stack.pop()!;
    total += p.cpuMs;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return total;
}
