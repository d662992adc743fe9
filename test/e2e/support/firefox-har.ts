// A HAR that Firefox itself records: its DevTools network monitor, opened on a tab (what F12
// does), collects the tab's requests; the toolbox hands them over as "Save All As HAR" writes
// them (toolbox.getHARFromNetMonitor, the call behind devtools.network.getHAR).
import type { FirefoxSession } from '../../../scripts/lab/firefox.ts';

const toolboxOf = (urlPrefix: string): string => `
  const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
  const { gDevTools } = require("devtools/client/framework/devtools");
  const win = Services.wm.getMostRecentWindow("navigator:browser");
  const tab = win.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(urlPrefix)}));
  if (!tab) throw new Error("no tab at ${urlPrefix}");`;

/** Opens the network monitor on the tab whose URL starts with urlPrefix: recording starts. */
export async function startNetMonitor(ff: FirefoxSession, urlPrefix: string): Promise<void> {
  await ff.chromeEval<boolean>(`(async () => {${toolboxOf(urlPrefix)}
    await gDevTools.showToolboxForTab(tab, { toolId: "netmonitor" });
    return JSON.stringify(true);
  })()`);
}

/** What the network monitor recorded, as HAR JSON text. */
export async function netMonitorHar(ff: FirefoxSession, urlPrefix: string): Promise<string> {
  const har = await ff.chromeEval<unknown>(`(async () => {${toolboxOf(urlPrefix)}
    const log = await gDevTools.getToolboxForTab(tab).getHARFromNetMonitor();
    return JSON.stringify({ log });
  })()`);
  return typeof har === 'string' ? har : JSON.stringify(har);
}
