// A diagnoser scheduler the test runs by hand: slices run only when the test says so.
import type { Scheduler } from '../../src/shared/diagnoser.ts';

export function manualScheduler() {
  const runs: { run: () => void; soon: boolean }[] = [];
  const schedule: Scheduler = (run, soon) => void runs.push({ run, soon });
  return {
    schedule,
    /** what was asked for so far: 'soon' or 'idle', in order */
    asked: (): string[] => runs.map((r) => (r.soon ? 'soon' : 'idle')),
    /** run the next slice */
    step(): void {
      runs.shift()?.run();
    },
    /** run slices until none is asked for */
    drain(): void {
      for (let i = 0; runs.length > 0 && i < 10_000; i++) runs.shift()!.run();
    },
  };
}
