// The browser side of the client: runtime messages and ports. UIs never import this directly;
// their entry files hand it to createClient().
import { browser, hasHostAccess, requestHostAccess } from './browser.ts';
import type { Transport, PortLike } from './client.ts';

export function browserTransport(): Transport {
  return {
    send: (msg) => browser.runtime.sendMessage(msg),
    connect: (name) => browser.runtime.connect({ name }) as unknown as PortLike,
    activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
    openTab: async (url) => {
      await browser.tabs.create({ url });
    },
    openOptions: () => browser.runtime.openOptionsPage(),
    extensionUrl: (path) => browser.runtime.getURL(path),
    hostAccess: hasHostAccess,
    requestHostAccess,
  };
}
