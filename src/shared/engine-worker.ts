// Where a page's engine runs: a module Web Worker from the extension's own origin (the extension
// CSP's `worker-src` falls back to `script-src`, then `default-src 'self'`: same-origin workers are
// allowed in Chrome and Firefox), else the same service on the page's thread, loaded on demand
// so the engine stays out of the page's own bundle either way.
import type { FingerprintKey } from '../analysis/index.ts';
import type { WorkerLike } from './diagnosis-protocol.ts';
import { createDiagnoser, type Diagnoser } from './diagnoser.ts';
import { inThreadWorker } from './in-thread.ts';

/** slices of the engine on the page's thread stay short, in idle time */
const IN_THREAD_SLICE_MS = 12;

/** Where the engine runs, as a performance mark the end-to-end tests and the bench read. */
export const ENGINE_MARK = { worker: 'authlens:engine-worker', inThread: 'authlens:engine-in-thread' } as const;

export function startEngineWorker(): WorkerLike {
  performance.mark(ENGINE_MARK.worker);
  return new Worker(new URL('./diagnosis-worker.ts', import.meta.url), { type: 'module', name: 'authlens-engine' });
}

export function inThreadEngine(): WorkerLike {
  performance.mark(ENGINE_MARK.inThread);
  return inThreadWorker(async (post) => {
    const { createDiagnosisService } = await import('./diagnosis-service.ts');
    return createDiagnosisService({
      post,
      sliceMs: IN_THREAD_SLICE_MS,
      schedule: (run) =>
        typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 50),
    });
  });
}

/** The page's one diagnoser: the engine in a worker, on this thread where no Worker starts. */
export function pageDiagnoser(opts: { fingerprintKey?: FingerprintKey } = {}): Diagnoser {
  return createDiagnoser({
    ...opts,
    worker: typeof Worker === 'function' ? startEngineWorker : inThreadEngine,
    fallback: inThreadEngine,
    eager: true,
  });
}
