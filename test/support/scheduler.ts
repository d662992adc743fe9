// A scheduler the test runs by hand, on a virtual clock: what the diagnoser, its worker and the
// messages between them would run later runs only when the test says so, earliest due first
// (in the order asked for among equals), and the clock jumps to each run's time.
export function manualScheduler() {
  let clock = 0;
  let seq = 0;
  const runs: { run: () => void; due: number; seq: number }[] = [];
  const pop = (): (() => void) | undefined => {
    if (runs.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < runs.length; i++) {
      const a = runs[i]!;
      const b = runs[best]!;
      if (a.due < b.due || (a.due === b.due && a.seq < b.seq)) best = i;
    }
    const [next] = runs.splice(best, 1);
    clock = Math.max(clock, next!.due);
    return next!.run;
  };
  return {
    /** fits the diagnoser's Timer and the service's and in-thread worker's schedulers */
    schedule: (run: () => void, ms = 0): void => void runs.push({ run, due: clock + ms, seq: seq++ }),
    /** the virtual time (ms) */
    now: (): number => clock,
    /** how many runs wait */
    get waiting(): number {
      return runs.length;
    },
    /** run the next one */
    step(): void {
      pop()?.();
    },
    /** run until nothing is asked for */
    drain(): void {
      for (let i = 0; i < 100_000; i++) {
        const run = pop();
        if (!run) return;
        run();
      }
    },
  };
}
