// The provider's storage (oidc-provider's Adapter interface): memory only, one store per lab,
// bounded. oidc-provider's own MemoryAdapter keeps one store per process, shared by every lab a
// test run starts, and warns at each start that it is for quick starts only.
// https://github.com/panva/node-oidc-provider/blob/v8.x/example/my_adapter.js
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  value: unknown;
  /** ms since the epoch; undefined: no expiry */
  expires?: number;
}

/** Models whose artifacts are revoked with their grant. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

export function memoryAdapter(max = 5000): new (model: string) => Adapter {
  const store = new Map<string, Entry>();
  const get = <T>(key: string): T | undefined => {
    const e = store.get(key);
    if (e?.expires !== undefined && e.expires <= Date.now()) store.delete(key);
    else return e?.value as T | undefined;
    return undefined;
  };
  const set = (key: string, value: unknown, expiresInS?: number): void => {
    store.delete(key);
    store.set(key, { value, ...(expiresInS ? { expires: Date.now() + expiresInS * 1000 } : {}) });
    // a lab can be clicked forever: drop the oldest
    if (store.size > max) store.delete(store.keys().next().value as string);
  };

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const key = this.key(id);
      if (this.model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const grantKey = `grant:${payload.grantId}`;
        // no expiry of its own: it must outlive the grant's longest artifact
        set(grantKey, [...(get<string[]>(grantKey) ?? []), key]);
      }
      if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
      set(key, payload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return get<AdapterPayload>(this.key(id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const id = get<string>(`sessionUid:${uid}`);
      return id === undefined ? undefined : this.find(id);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const id = get<string>(`userCode:${userCode}`);
      return id === undefined ? undefined : this.find(id);
    }

    async consume(id: string): Promise<void> {
      const p = get<AdapterPayload>(this.key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of get<string[]>(`grant:${grantId}`) ?? []) store.delete(key);
      store.delete(`grant:${grantId}`);
    }
  };
}
