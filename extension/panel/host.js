// What the panel gets from the extension around it: its link to the chat page it sits on, and
// the extension's own packaged files.
// (The demo page without the extension swaps this file for www/dev/host.js.)

const ext = globalThis.browser ?? globalThis.chrome;
const RETRY_MS = 500;

/**
 * The link, through the extension's background (background.js). The frame's URL holds no secret
 * (the page can read it and make frames of its own): the panel is paired with its chat tab by a
 * one-time token that our content script hands this frame, addressed to the extension's origin,
 * and that the background checks. Until then nothing reaches the panel, and a panel the page
 * made itself never pairs. `onState(paired)` says whether the link is up.
 */
export function connect(onState = () => {}) {
  let port = null;
  // Messages that come before the panel listens (the wasm may still be starting) wait here.
  const early = [];
  let listener = (message) => early.push(message);
  let paired = false;
  const tokens = [];

  // Newest first: a page flooding this frame with junk cannot push the real token out unseen.
  const tryTokens = () => {
    while (port && !paired && tokens.length) port.postMessage({ kind: "pair", token: tokens.pop() });
  };
  const open = () => {
    port = ext.runtime.connect({ name: "kefu/panel" });
    paired = false;
    port.onMessage.addListener((message) => {
      if (message?.kind === "paired") {
        paired = true;
        onState(true);
      } else if (message?.kind === "refused") {
        tryTokens();
      } else if (paired) {
        listener(message);
      }
    });
    // The background may be stopped when idle; reconnect: the page hands over a fresh token.
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      port = null;
      paired = false;
      onState(false);
      if (ext.runtime?.id) setTimeout(open, RETRY_MS);
    });
    tryTokens();
  };
  // Tokens come from the parent window: our content script's, but the page's scripts can post
  // there too. A wrong token is refused by the background; only the real one pairs.
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || event.data?.kind !== "kefu-pair") return;
    if (typeof event.data.token !== "string" || event.data.token.length > 128) return;
    tokens.push(event.data.token);
    if (tokens.length > 64) tokens.shift();
    tryTokens();
  });
  open();
  return Promise.resolve({
    /** Sends to the page; false when there is no link to it now (nothing was sent). */
    send: (message) => {
      if (!paired || !port) return false;
      port.postMessage(message);
      return true;
    },
    onMessage: (l) => {
      listener = l;
      early.splice(0).forEach(l);
    },
  });
}

/** A file packaged with the extension, as text (its own file: no network). */
export async function ownFile(path) {
  const response = await fetch(ext.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}
