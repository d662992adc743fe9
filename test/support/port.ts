// One fake runtime port for both ends: the hub posts into it (messages), the client listens on
// it (emit), and either side can see the other go away.
import type { HubPort } from '../../src/background/hub.ts';
import type { PortLike } from '../../src/shared/client.ts';

export class FakePort implements PortLike, HubPort {
  /** what was posted into this port, cloned as the browser does */
  readonly messages: { type: string; [k: string]: unknown }[] = [];
  private readonly received: ((msg: unknown) => void)[] = [];
  private readonly gone: (() => void)[] = [];
  connected = true;
  constructor(public name: string) {}

  postMessage(msg: unknown): void {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    this.messages.push(structuredClone(msg) as { type: string });
  }
  /** this end closes it: the browser tells only the other end */
  disconnect(): void {
    this.connected = false;
  }
  onMessage = { addListener: (cb: (msg: unknown) => void): void => void this.received.push(cb) };
  onDisconnect = { addListener: (cb: () => void): void => void this.gone.push(cb) };

  /** a message from the other end */
  emit(msg: unknown): void {
    if (this.connected) for (const cb of this.received) cb(msg);
  }
  /** the other end went away (a stopped worker, a closed panel) */
  drop(): void {
    this.connected = false;
    for (const cb of this.gone) cb();
  }
  types(): string[] {
    return this.messages.map((m) => m.type);
  }
}

export const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
