// Who may talk to the background: our own extension pages only (the panel, the popup, the
// options page, the devtools page). AuthLens has no content script and no externally_connectable,
// so nothing else should reach runtime.onMessage / onConnect; the check holds if that ever changes
// (a content script's messages carry the web page's URL, another extension's its own id).

/** The part of runtime.MessageSender the check reads. */
export interface Sender {
  id?: string;
  url?: string;
}

/**
 * @param ownId runtime.id
 * @param ownBase runtime.getURL(''): `chrome-extension://<id>/` or `moz-extension://<uuid>/`
 */
export function isOwnPage(sender: Sender | undefined, ownId: string, ownBase: string): boolean {
  if (!sender || typeof sender.id !== 'string' || sender.id !== ownId) return false;
  if (ownBase === '' || typeof sender.url !== 'string') return false;
  return sender.url.startsWith(ownBase);
}
