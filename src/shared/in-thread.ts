// The engine's service on the page's own thread, behind the face of a Worker: where a Worker
// cannot start (or keeps dying) the page still gets its diagnoses, and tests run the real
// protocol in node. Messages are cloned both ways and delivered later, as a Worker does.
import type { FromWorker, ToWorker, WorkerLike } from './diagnosis-protocol.ts';
import type { DiagnosisService } from './diagnosis-service.ts';

/** Delivers a message in a later task. */
export type Deliver = (run: () => void) => void;

const later: Deliver = (run) => void setTimeout(run, 0);

export function inThreadWorker(
  make: (post: (m: FromWorker) => void) => DiagnosisService | Promise<DiagnosisService>,
  deliver: Deliver = later,
): WorkerLike {
  let stopped = false;
  let service: DiagnosisService | undefined;
  /** messages that arrived while the service was still loading */
  const early: ToWorker[] = [];
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(m) {
      // a Blob is immutable: handing over the same one is what cloning it means (and DOM
      // implementations in tests have Blobs that structuredClone cannot copy)
      const copy = m.readHar
        ? { ...structuredClone({ ...m, readHar: undefined }), readHar: m.readHar }
        : structuredClone(m);
      deliver(() => {
        if (stopped) return;
        if (!service) early.push(copy);
        else receive(copy);
      });
    },
    terminate() {
      stopped = true;
    },
  };
  const fail = (e: unknown): void => {
    if (stopped) return;
    const message = e instanceof Error ? e.message : String(e);
    w.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  };
  // an exception escaping the service is what an uncaught error in a Worker is: an error event
  const receive = (m: ToWorker): void => {
    try {
      service!.receive(m);
    } catch (e) {
      fail(e);
    }
  };
  const post = (m: FromWorker): void => {
    const copy = structuredClone(m);
    deliver(() => {
      if (!stopped) w.onmessage?.({ data: copy } as MessageEvent);
    });
  };
  const ready = (s: DiagnosisService): void => {
    service = s;
    for (const m of early.splice(0)) if (!stopped) receive(m);
  };
  try {
    const made = make(post);
    if (made instanceof Promise) made.then(ready, (e: unknown) => deliver(() => fail(e)));
    else ready(made);
  } catch (e) {
    deliver(() => fail(e));
  }
  return w;
}
