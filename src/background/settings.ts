// Settings glue: storage.local key 'settings', normalised on every read. Loaded lazily (a worker
// woken by a request event must not wait for it to capture), cached, and kept in step with
// changes from any page through storage.onChanged.
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../shared/settings.ts';

export const SETTINGS_KEY = 'settings';

export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export class SettingsHolder {
  private value: Settings = normalizeSettings(DEFAULT_SETTINGS);
  private loading: Promise<Settings> | undefined;
  private readonly listeners = new Set<(s: Settings) => void>();
  private ready = false;

  constructor(private readonly area: SettingsArea) {}

  /** defaults until load() resolves */
  get current(): Settings {
    return this.value;
  }

  /** The current settings, read from storage the first time. */
  async load(): Promise<Settings> {
    this.loading ??= this.area.get(SETTINGS_KEY).then(
      (got) => this.accept(got[SETTINGS_KEY]),
      () => this.accept(undefined),
    );
    await this.loading;
    return this.value;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const base = await this.load();
    const next = normalizeSettings({ ...base, ...patch });
    this.accept(next);
    await this.area.set({ [SETTINGS_KEY]: next });
    return next;
  }

  /** storage.onChanged saw a new value (written by us or by another page) */
  external(raw: unknown): void {
    this.loading ??= Promise.resolve(this.value);
    this.accept(raw);
  }

  subscribe(fn: (s: Settings) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private accept(raw: unknown): Settings {
    const next = normalizeSettings(raw);
    const changed = JSON.stringify(next) !== JSON.stringify(this.value) || !this.ready;
    this.value = next;
    this.ready = true;
    if (changed) for (const fn of this.listeners) fn(next);
    return next;
  }
}
