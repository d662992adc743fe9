import { describe, expect, it } from 'vitest';
import { navigationCutoff } from '../../src/background/navigation.ts';
import { rec } from '../support/records.ts';

describe('navigationCutoff: what a committed top-level navigation clears', () => {
  const page = 'http://app.test/dashboard';
  const oldFailure = rec({ time: 1000, url: 'http://app.test/api/old' });
  const mainFrame401 = rec({ time: 5000, url: page, type: 'main_frame' });

  it("is the start of the navigation's main-frame request, so its own 401 is kept", () => {
    const records = [oldFailure, mainFrame401];
    const cut = navigationCutoff(records, { url: page, timeStamp: 5020 }, { url: page, start: 4990 });
    expect(cut).toBe(4990);
    expect(records.filter((r) => r.time >= cut)).toEqual([mainFrame401]);
  });

  it('ignores a main-frame request for another URL (a back/forward-cache commit makes no request)', () => {
    expect(navigationCutoff([], { url: page, timeStamp: 9000 }, { url: 'http://other/', start: 100 })).toBe(9000);
    // nor one for this URL that never committed, long before (then a cache-served navigation)
    expect(navigationCutoff([], { url: page, timeStamp: 500_000 }, { url: page, start: 100 })).toBe(500_000);
  });

  it("without the request (worker restarted in between), keeps the page's own main-frame failure", () => {
    const cut = navigationCutoff([oldFailure, mainFrame401], { url: page, timeStamp: 5020 });
    expect(cut).toBe(5000);
    // a main-frame failure of the same URL long ago is not this navigation's
    expect(navigationCutoff([rec({ time: 1, url: page, type: 'main_frame' })], { url: page, timeStamp: 100_000 })).toBe(
      100_000,
    );
  });
});
