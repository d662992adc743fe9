// The engine's Web Worker, one per page (engine-worker.ts starts it): wiring only.
import type { ToWorker } from './diagnosis-protocol.ts';
import { createDiagnosisService } from './diagnosis-service.ts';

const scope = self as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
// Between slices the worker yields with a message to itself: the page's next message (what is
// on screen now) gets in first, and unlike a chain of setTimeout(0) it is never clamped to 4 ms.
const tick = new MessageChannel();
let next: (() => void) | undefined;
tick.port1.onmessage = () => {
  const run = next;
  next = undefined;
  run?.();
};
const service = createDiagnosisService({
  post: (m) => scope.postMessage(m),
  schedule: (run) => {
    next = run;
    tick.port2.postMessage(0);
  },
});
scope.onmessage = (e) => service.receive(e.data);
