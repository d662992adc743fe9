// The one way UIs talk to the background: typed requests, and a per-tab live feed that
// reconnects and re-syncs from a fresh snapshot when the worker dies (its ports break then:
// "Attempting to use a disconnected port object").
import { NS, isPortEvent, portName, type Params, type PortEvent, type Reply, type RequestName } from './messages.ts';

/** A request's arguments: its params, which may be left out when it takes none. */
type ArgsOf<N extends RequestName> = keyof Params<N> extends never ? [params?: Params<N>] : [params: Params<N>];

export interface PortLike {
  postMessage(msg: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (msg: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** What the client needs from the platform; tests use an in-memory twin. */
export interface Transport {
  send(msg: unknown): Promise<unknown>;
  connect(name: string): PortLike;
  setTimeout?(cb: () => void, ms: number): unknown;
  /** the tab the popup was opened over (undefined outside a browser window) */
  activeTabId?(): Promise<number | undefined>;
  openTab?(url: string): Promise<void>;
  openOptions?(): Promise<void>;
  /** absolute URL of one of our pages, e.g. extensionUrl('panel.html?tabId=3') */
  extensionUrl?(path: string): string;
  /** whether the browser lets us see requests to websites (host permission for all sites) */
  hostAccess?(): Promise<boolean>;
  /** ask for it: only works from a user gesture */
  requestHostAccess?(): Promise<boolean>;
}

export interface Client {
  request<N extends RequestName>(name: N, ...params: ArgsOf<N>): Promise<Reply<N>>;
  /** Live feed for one tab: a snapshot first, then changes. Returns a stop function. */
  watchTab(tabId: number, onEvent: (e: PortEvent) => void, onStatus?: (connected: boolean) => void): () => void;
  activeTabId(): Promise<number | undefined>;
  /** open one of our pages (e.g. 'panel.html?tabId=3&record=ID') in a new tab */
  openPage(path: string): Promise<void>;
  openOptions(): Promise<void>;
  /** true where the platform cannot tell (tests, browsers that always grant it) */
  hostAccess(): Promise<boolean>;
  requestHostAccess(): Promise<boolean>;
}

const MAX_BACKOFF_MS = 2000;

export function createClient(t: Transport): Client {
  const later = t.setTimeout ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
  return {
    async request(name, ...params) {
      return (await t.send({ ...params[0], ns: NS, type: name })) as never;
    },
    watchTab(tabId, onEvent, onStatus) {
      let stopped = false;
      let port: PortLike | undefined;
      let backoff = 50;
      const open = (): void => {
        if (stopped) return;
        try {
          port = t.connect(portName(tabId));
        } catch {
          retry();
          return;
        }
        port.onMessage.addListener((msg) => {
          if (!isPortEvent(msg)) return;
          if (msg.type === 'snapshot') {
            backoff = 50;
            onStatus?.(true);
          }
          onEvent(msg);
        });
        port.onDisconnect.addListener(() => {
          port = undefined;
          onStatus?.(false);
          retry();
        });
      };
      const retry = (): void => {
        if (stopped) return;
        const wait = backoff;
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        later(open, wait);
      };
      open();
      return () => {
        stopped = true;
        port?.disconnect();
      };
    },
    activeTabId: async () => (t.activeTabId ? t.activeTabId() : undefined),
    openPage: async (path) => {
      await t.openTab?.(t.extensionUrl ? t.extensionUrl(path) : path);
    },
    openOptions: async () => {
      await t.openOptions?.();
    },
    hostAccess: async () => (t.hostAccess ? t.hostAccess() : true),
    requestHostAccess: async () => (t.requestHostAccess ? t.requestHostAccess() : true),
  };
}
