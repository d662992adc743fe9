import { describe, expect, it } from 'vitest';
import { paintFirst } from '../../src/panel/paint-first.ts';
import { NS, type PortEvent } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

const settings = { ...DEFAULT_SETTINGS };

describe('paintFirst', () => {
  it('after a snapshot saying more is coming, holds events until the first rows painted, then applies them', () => {
    const applied: string[] = [];
    let painted: (() => void) | undefined;
    const deliver = paintFirst(
      (e) => applied.push(e.type),
      (cb) => (painted = cb),
    );
    deliver({ ns: NS, type: 'snapshot', tabId: 1, records: [], settings, more: true });
    deliver({ ns: NS, type: 'older', tabId: 1, records: [], more: false });
    deliver({ ns: NS, type: 'cleared', tabId: 1 });
    expect(applied).toEqual(['snapshot']);
    painted!();
    expect(applied).toEqual(['snapshot', 'older', 'cleared']);
  });

  it('passes everything straight through otherwise', () => {
    const applied: PortEvent[] = [];
    const deliver = paintFirst(
      (e) => applied.push(e),
      () => {
        throw new Error('nothing to wait for');
      },
    );
    deliver({ ns: NS, type: 'snapshot', tabId: 1, records: [], settings });
    deliver({ ns: NS, type: 'cleared', tabId: 1 });
    expect(applied.map((e) => e.type)).toEqual(['snapshot', 'cleared']);
  });
});
