// An in-memory Transport for the real client: requests answered by a handler, ports the test
// can push events into or break (as a dying worker does).
import type { PortLike, Transport } from '../../src/shared/client.ts';

export class TwinPort implements PortLike {
  private msgListeners: ((m: unknown) => void)[] = [];
  private dcListeners: (() => void)[] = [];
  disconnected = false;
  constructor(readonly name: string) {}
  postMessage(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.msgListeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.dcListeners.push(cb) };
  emit(msg: unknown): void {
    for (const l of this.msgListeners) l(msg);
  }
  /** the worker died: the browser fires onDisconnect on our side */
  kill(): void {
    this.disconnected = true;
    for (const l of this.dcListeners) l();
  }
}

export interface Twin {
  transport: Transport;
  sent: { type: string; [k: string]: unknown }[];
  ports: TwinPort[];
  lastPort(): TwinPort;
  /** run reconnect timers now */
  flushTimers(): void;
}

export function twin(answer: (msg: { type: string; [k: string]: unknown }) => unknown = () => ({})): Twin {
  const sent: Twin['sent'] = [];
  const ports: TwinPort[] = [];
  let timers: (() => void)[] = [];
  return {
    sent,
    ports,
    lastPort: () => ports[ports.length - 1]!,
    flushTimers: () => {
      const t = timers;
      timers = [];
      t.forEach((cb) => cb());
    },
    transport: {
      send: async (msg) => {
        const m = msg as { type: string };
        sent.push(m);
        return answer(m);
      },
      connect: (name) => {
        const p = new TwinPort(name);
        ports.push(p);
        return p;
      },
      setTimeout: (cb) => {
        timers.push(cb);
        return 0;
      },
    },
  };
}
