// What the panel gets from the extension around it: its link to the content script of the chat
// page it sits on, and the extension's own packaged files.
// (The demo page without the extension swaps this file for www/dev/host.js.)

const ext = globalThis.browser ?? globalThis.chrome;
const RETRY_MS = 500;

/**
 * The link, through the extension's background (background.js), which pairs this frame with
 * the content script by the name the content script put in this frame's URL. Only our own
 * extension can open these ports: the page's scripts cannot reach them.
 */
export function connect() {
  const id = decodeURIComponent(location.hash.slice(1));
  let port = null;
  let listener = () => {};
  const open = () => {
    port = ext.runtime.connect({ name: `kefu/panel/${id}` });
    port.onMessage.addListener((message) => listener(message));
    // The background may be stopped when idle; reconnect and the page says hello again.
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      port = null;
      if (ext.runtime?.id) setTimeout(open, RETRY_MS);
    });
  };
  open();
  return Promise.resolve({
    send: (message) => port?.postMessage(message),
    onMessage: (l) => { listener = l; },
  });
}

/** A file packaged with the extension, as text (its own file: no network). */
export async function ownFile(path) {
  const response = await fetch(ext.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}
