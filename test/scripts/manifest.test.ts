// scripts/manifest.ts: one manifest.json, two browsers' manifests.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestFor } from '../../scripts/manifest.ts';

const repo = resolve(import.meta.dirname, '../..');
const source = JSON.parse(readFileSync(join(repo, 'manifest.json'), 'utf8')) as Record<string, unknown>;
type M = Record<string, any>;

describe('manifestFor', () => {
  const chrome = manifestFor(source, 'chrome', '2.3.4') as M;
  const firefox = manifestFor(source, 'firefox', '2.3.4') as M;

  it('stamps the package version on both and leaves the source untouched', () => {
    const before = JSON.stringify(source);
    expect(chrome.version).toBe('2.3.4');
    expect(firefox.version).toBe('2.3.4');
    manifestFor(source, 'firefox', '9.9.9');
    expect(JSON.stringify(source)).toBe(before);
  });

  it('gives Chrome a module service worker and no Firefox keys', () => {
    expect(chrome.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.minimum_chrome_version).toBe('121');
  });

  it('gives Firefox an event page, its add-on id, its minimum version and a "collects nothing" declaration', () => {
    // Firefox MV3 has no background service worker: background.scripts runs as an event page.
    // https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/background
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('121.0');
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('pins an extension-page CSP (own files only; connect-src widened to http(s) for discovery) on both', () => {
    const csp = String(chrome.content_security_policy.extension_pages);
    const directives = new Map(csp.split(';').map((d) => [d.trim().split(/\s+/)[0], d.trim()] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('connect-src')).toBe('connect-src http: https:');
    expect(csp).not.toMatch(/unsafe-(inline|eval)|\*|data:|blob:/);
    expect(firefox.content_security_policy).toEqual(chrome.content_security_policy);
  });

  it('keeps private windows out: incognito not allowed in either browser', () => {
    expect(chrome.incognito).toBe('not_allowed');
    expect(firefox.incognito).toBe('not_allowed');
  });

  it('asks both browsers for the same permissions and pages', () => {
    for (const key of [
      'permissions',
      'host_permissions',
      'action',
      'devtools_page',
      'options_ui',
      'icons',
      'manifest_version',
      'name',
    ]) {
      expect(firefox[key], key).toEqual(chrome[key]);
    }
    expect(chrome.permissions).not.toContain('extraHeaders');
  });

  it('every icon the manifest names exists in public/', () => {
    const icons = [
      ...Object.values(chrome.icons as Record<string, string>),
      ...Object.values(chrome.action.default_icon as Record<string, string>),
    ];
    for (const icon of icons) expect(existsSync(join(repo, 'public', icon)), icon).toBe(true);
  });
});
