import { describe, expect, it } from 'vitest';
import { isOwnPage, type Sender } from '../../src/background/sender.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

describe('isOwnPage', () => {
  it.each([
    [`${BASE}panel.html?tabId=4`, 'Chrome panel'],
    [`${BASE}devtools.html`, 'devtools page'],
    [`${BASE}popup.html`, 'popup'],
  ])('%s (%s) is ours', (url) => {
    expect(isOwnPage({ id: ID, url }, ID, BASE)).toBe(true);
  });

  it('Firefox pages (moz-extension, a per-install uuid)', () => {
    const base = 'moz-extension://0b7e6c4d-1a2b-4c3d-8e9f-001122334455/';
    expect(isOwnPage({ id: 'authlens@authlens.dev', url: `${base}panel.html` }, 'authlens@authlens.dev', base)).toBe(
      true,
    );
  });

  it.each([
    [{ id: ID, url: 'https://evil.example/' }, 'a content script (the web page’s URL)'],
    [
      { id: 'otherextensionidotherextensionid', url: `chrome-extension://otherextensionidotherextensionid/x.html` },
      'another extension',
    ],
    [{ id: 'otherextensionidotherextensionid', url: `${BASE}panel.html` }, 'another id claiming our URL'],
    [{ id: ID }, 'no URL'],
    [{ url: `${BASE}panel.html` }, 'no id'],
    [{ id: ID, url: `chrome-extension://${ID}evil/x.html` }, 'our id as a prefix of another host'],
    [undefined, 'no sender'],
  ] as [Sender | undefined, string][])('%j (%s) is refused', (sender) => {
    expect(isOwnPage(sender, ID, BASE)).toBe(false);
  });

  it('refuses everything when the own base is unknown', () => {
    expect(isOwnPage({ id: ID, url: `${BASE}panel.html` }, ID, '')).toBe(false);
  });
});
