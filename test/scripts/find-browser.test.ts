import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import {
  ensureChromium,
  findChromium,
  findFirefox,
  FIREFOX_INSTALL_HINT,
  INSTALL_HINT,
} from '../../scripts/find-browser.ts';

describe('find-browser', () => {
  it('CHROME_PATH wins when it exists', () => {
    expect(findChromium({ CHROME_PATH: process.execPath })).toEqual({ path: process.execPath, how: 'CHROME_PATH' });
  });

  it('a CHROME_PATH that does not exist is an error naming it, never a silent fallback', () => {
    expect(() => findChromium({ CHROME_PATH: '/nowhere/chromium' })).toThrow(
      'CHROME_PATH=/nowhere/chromium does not exist',
    );
    expect(() => ensureChromium({ CHROME_PATH: '/nowhere/chromium' })).toThrow(
      'CHROME_PATH=/nowhere/chromium does not exist',
    );
  });

  it('finds the Debian chromium on this machine', () => {
    const found = findChromium({});
    expect(existsSync(found.path)).toBe(true);
    expect(found.how).toBe('found on disk');
  });

  it('the install hint is the exact command', () => {
    expect(INSTALL_HINT).toContain('apt-get install -y chromium');
    expect(INSTALL_HINT).toContain('CHROME_PATH=');
  });

  it('Firefox the same way: FIREFOX_PATH, else Debian firefox-esr', () => {
    expect(findFirefox({ FIREFOX_PATH: process.execPath })).toEqual({ path: process.execPath, how: 'FIREFOX_PATH' });
    expect(() => findFirefox({ FIREFOX_PATH: '/nowhere/firefox' })).toThrow(
      'FIREFOX_PATH=/nowhere/firefox does not exist',
    );
    expect(FIREFOX_INSTALL_HINT).toContain('apt-get install -y firefox-esr');
    expect(FIREFOX_INSTALL_HINT).toContain('FIREFOX_PATH=');
  });
});
