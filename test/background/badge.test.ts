import { describe, expect, it } from 'vitest';
import { applyBadge, badgeState, badgeText, badgeTitle, BADGE_COLOR } from '../../src/background/badge.ts';
import { FakeBadge } from './fakes.ts';

const statuses = (...s: number[]) => s.map((status) => ({ status }));

describe('badge text and tooltip (pure)', () => {
  it('is empty at zero, the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(5000)).toBe('99+');
  });

  it('says how many failures of which status, most frequent first', () => {
    expect(badgeTitle([])).toBe('AuthLens');
    expect(badgeTitle(statuses(401))).toBe('AuthLens: 1 auth failure (1 × 401)');
    expect(badgeTitle(statuses(403, 401, 401))).toBe('AuthLens: 3 auth failures (2 × 401, 1 × 403)');
    expect(badgeTitle(statuses(419, 403, 401))).toBe('AuthLens: 3 auth failures (1 × 401, 1 × 403, 1 × 419)');
  });
});

describe('applyBadge', () => {
  it('sets text, tooltip, colour and the alert icon for a tab with failures', async () => {
    const b = new FakeBadge();
    await applyBadge(b, 3, badgeState(statuses(401, 403, 401)));
    expect(b.text.get(3)).toBe('3');
    expect(b.title.get(3)).toBe('AuthLens: 3 auth failures (2 × 401, 1 × 403)');
    expect(b.color.get(3)).toBe(BADGE_COLOR);
    expect(b.icon.get(3)?.[16]).toMatch(/icon-alert-16\.png$/);
    await applyBadge(b, 3, badgeState([]));
    expect(b.text.get(3)).toBe('');
    expect(b.title.get(3)).toBe('AuthLens');
    expect(b.icon.get(3)?.[16]).toMatch(/\/icon-16\.png$/);
  });

  it('does nothing for the no-tab bucket and survives a tab that closed', async () => {
    const b = new FakeBadge();
    await applyBadge(b, -1, badgeState(statuses(401)));
    expect(b.calls).toBe(0);
    b.closed.add(9);
    await expect(applyBadge(b, 9, badgeState(statuses(401)))).resolves.toBeUndefined();
  });
});
