// Diagnosers for tests: the real protocol and the real service, the service "in a worker" that
// is this thread (messages cloned, delivered later), scheduled by hand or by timers.
import { vi } from 'vitest';
import { diagnose } from '../../src/analysis/index.ts';
import type { WorkerLike } from '../../src/shared/diagnosis-protocol.ts';
import { createDiagnosisService, type ServiceOptions } from '../../src/shared/diagnosis-service.ts';
import { createDiagnoser, type Diagnoser, type DiagnoserOptions } from '../../src/shared/diagnoser.ts';
import { inThreadWorker } from '../../src/shared/in-thread.ts';
import { manualScheduler } from './scheduler.ts';

type Service = Partial<Omit<ServiceOptions, 'post' | 'schedule'>>;

/** Everything runs when the test calls s.drain() (or s.step()); the engine's runs are counted. */
export function handRunDiagnoser(service: Service = {}, page: Partial<DiagnoserOptions> = {}) {
  const s = manualScheduler();
  // each engine run takes one virtual millisecond: a slice of sliceMs runs that many records
  let ticks = 0;
  const now = (): number => ticks++;
  const engine = vi.fn(service.engine ?? diagnose);
  const workers: WorkerLike[] = [];
  const worker = (): WorkerLike => {
    const w = inThreadWorker(
      (post) => createDiagnosisService({ now, ...service, engine, post, schedule: s.schedule }),
      s.schedule,
    );
    workers.push(w);
    return w;
  };
  const d = createDiagnoser({ worker, timer: s.schedule, ...page });
  return { s, d, engine, workers };
}

/** On timers, as a page would run it (component tests): `await` until pending is 0. */
export function timedDiagnoser(service: Service = {}): Diagnoser {
  return createDiagnoser({
    worker: () => inThreadWorker((post) => createDiagnosisService({ sliceMs: 50, ...service, post })),
  });
}
