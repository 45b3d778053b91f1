"use strict";
// Relays messages between a chat page's content script and the panel frame on that page.
// Firefox gives an extension frame inside a web page no `tabs` API and does not deliver a
// content script's ports to it, so both sides connect here instead and are paired by the random
// name the content script gave the frame. Web pages cannot open ports to the extension, so only
// our content script and our panel can take part. Nothing is stored; nothing leaves the browser.

const ext = globalThis.browser ?? globalThis.chrome;
const PANEL_URL = ext.runtime.getURL("panel/panel.html");
const NAME = /^kefu\/(page|panel)\/([0-9a-f-]{36})$/;

/** name → { page?: Port, panel?: Port } */
const pairs = new Map();

function roleAllowed(role, sender) {
  if (sender?.id !== ext.runtime.id) return false;
  const url = String(sender.url ?? "");
  if (role === "panel") return url.startsWith(PANEL_URL);
  // The page side is a content script in a tab's top frame, never an extension page.
  return Boolean(sender.tab) && (sender.frameId ?? 0) === 0 && !url.startsWith(ext.runtime.getURL(""));
}

ext.runtime.onConnect.addListener((port) => {
  const match = NAME.exec(port.name);
  if (!match || !roleAllowed(match[1], port.sender)) {
    port.disconnect();
    return;
  }
  const [, role, id] = match;
  const peerRole = role === "page" ? "panel" : "page";
  const pair = pairs.get(id) ?? {};
  pairs.set(id, pair);
  pair[role]?.disconnect();
  pair[role] = port;

  const peer = pair[peerRole];
  const sameTab = !peer?.sender?.tab || !port.sender?.tab || peer.sender.tab.id === port.sender.tab.id;
  if (!sameTab) {
    port.disconnect();
    delete pair[role];
    return;
  }

  port.onMessage.addListener((message) => pair[peerRole]?.postMessage(message));
  port.onDisconnect.addListener(() => {
    if (pair[role] === port) delete pair[role];
    if (!pair.page && !pair.panel) pairs.delete(id);
  });
  // Both ends are here: the page may talk now (it answers with the open chat).
  if (pair.page && pair.panel) pair.page.postMessage({ kind: "ready" });
});

// Notes must live in one place for every page of the extension. Chromium denies localStorage to
// the panel's frame on chat pages (and gives its background none at all), so there they live in
// storage.local from the start; the panel and options page read this mark.
ext.runtime.onInstalled.addListener(() => {
  if (typeof localStorage === "undefined") ext.storage.local.set({ "kefu.backend": "storage.local" });
});
