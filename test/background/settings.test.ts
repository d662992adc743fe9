import { describe, expect, it } from 'vitest';
import { SettingsHolder } from '../../src/background/settings.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { MemoryArea } from './fakes.ts';

describe('settings glue', () => {
  it('reads storage.local "settings" normalised, writes patches back, tells subscribers', async () => {
    const area = new MemoryArea();
    await area.set({ settings: { recordsPerTab: 3, captureStatuses: ['401', 999, 'x'], preserveLog: 'yes' } });
    const s = new SettingsHolder(area);
    expect(s.current).toEqual(DEFAULT_SETTINGS);
    const seen: unknown[] = [];
    s.subscribe((v) => seen.push(v));
    const loaded = await s.load();
    expect(loaded).toMatchObject({ recordsPerTab: 10, captureStatuses: [401], preserveLog: false });
    const next = await s.update({ preserveLog: true });
    expect(next.preserveLog).toBe(true);
    expect((area.data.get('settings') as { preserveLog: boolean }).preserveLog).toBe(true);
    expect((await s.load()).preserveLog).toBe(true);
    s.external({ ...next, paused: true });
    expect(s.current.paused).toBe(true);
    expect(seen).toHaveLength(3);
  });

  it('falls back to the defaults when storage fails', async () => {
    const s = new SettingsHolder({ get: () => Promise.reject(new Error('x')), set: async () => undefined });
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
  });
});
