// What components get from above: the store and the side-effecting services.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Client } from '../shared/client.ts';
import type { EvalInPage } from './replay/run.ts';
import type { Store } from './store.ts';
import type { DiscoveryRuns } from './discovery/runs.ts';

export interface Services {
  client: Client;
  copy(text: string): Promise<boolean>;
  download(filename: string, mime: string, text: string): void;
  /** AuthLens version, for HAR `creator` */
  version: string;
  /** clock for file names and HAR import; injected so tests are deterministic */
  now(): number;
  /** runs code in the inspected page (replays); absent outside DevTools */
  evalInPage?: EvalInPage;
  /** the discovery doctor's runs (its fetcher inside); absent where no fetch may be made */
  discovery?: DiscoveryRuns;
}

export const StoreContext = createContext<Store | null>(null);
export const ServicesContext = createContext<Services | null>(null);

export function useStore(): Store {
  const s = useContext(StoreContext);
  if (!s) throw new Error('StoreContext missing');
  return s;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}
