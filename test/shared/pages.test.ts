import { describe, expect, it } from 'vitest';
import { findingPath, panelPath, recordIdFromSearch, tabIdFromSearch } from '../../src/shared/pages.ts';

describe('panelPath', () => {
  it('names the tab, and the record when given (encoded)', () => {
    expect(panelPath(3)).toBe('panel.html?tabId=3');
    expect(panelPath(-1)).toBe('panel.html?tabId=-1');
    expect(panelPath(3, 'x&y')).toBe('panel.html?tabId=3&record=x%26y');
    expect(recordIdFromSearch(panelPath(3, 'a b/1').slice('panel.html'.length))).toBe('a b/1');
    expect(recordIdFromSearch('?tabId=3')).toBeUndefined();
  });
});

describe('tabIdFromSearch', () => {
  it.each([
    ['?tabId=12', 12],
    ['?tabId=3&record=abc', 3],
    ['?x=1&tabId=-1', -1],
    ['?tabId=-2', undefined],
    ['', undefined],
    ['?tabId=', undefined],
    ['?tabId= 3', undefined],
    ['?tabId=1.5', undefined],
    ['?tabId=abc', undefined],
    ['?tabId=99999999999999999999', undefined],
  ])('%s -> %s', (s, n) => expect(tabIdFromSearch(s)).toBe(n));
});

describe('findingPath', () => {
  it('is the catalogue page with the id as its fragment', () => {
    expect(findingPath('token-expired')).toBe('findings.html#token-expired');
  });
});
