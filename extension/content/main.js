"use strict";
// Wires a site adapter to the panel: reports the open chat and its messages, and answers insert
// requests. The panel talks to this script over an extension port only (never
// window.postMessage), so the page can neither feed the panel nor trigger an insert.
//
// host.mount(accept, signal) shows the panel and calls accept(port) each time a panel connects;
// port is shaped like runtime.Port (postMessage, onMessage, onDisconnect).
KefuContent.start = function start(site, host) {
  const K = KefuContent;
  const life = new AbortController();
  let port = null;

  const send = (message) => {
    if (!port) return;
    try {
      port.postMessage(message);
    } catch {
      port = null;
    }
  };

  const watcher = K.watch(site, document, {
    active: (chat, history) => send({ kind: "active", chat, history }),
    message: (chat, m) => send({ kind: "message", conversation: chat.conversation, buyer: chat.buyer, ...m }),
  }, life.signal);

  host.mount((panelPort) => {
    port = panelPort;
    panelPort.onMessage.addListener((message) => {
      if (message?.kind !== "insert") return;
      send({ kind: "insert_result", requestId: message.requestId, ...K.insertReply(site, document, message) });
    });
    panelPort.onDisconnect.addListener(() => {
      if (port === panelPort) port = null;
      if (!host.alive()) life.abort();
    });
    send({ kind: "hello", site: site.id, chat: watcher.active(), history: watcher.history() });
  }, life.signal);
  return life;
};

// In the extension. The panel frame gets a random name in its URL; this script and the panel
// both connect to the background (background.js), which pairs them by that name and relays.
(function startInExtension() {
  const ext = globalThis.browser ?? globalThis.chrome;
  if (!ext?.runtime?.id || !KefuContent.sites) return;
  const site = KefuContent.sites.find((s) => s.matches(document));
  if (!site) return;
  const id = crypto.randomUUID();
  const RETRY_MS = 500;

  function connect(accept, signal) {
    if (signal.aborted || !ext.runtime?.id) return;
    const port = ext.runtime.connect({ name: `kefu/page/${id}` });
    port.onMessage.addListener((message) => {
      if (message?.kind === "ready") accept(port);
    });
    // The background may be stopped by the browser when idle; come back when it is.
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      if (!signal.aborted && ext.runtime?.id) setTimeout(() => connect(accept, signal), RETRY_MS);
    });
    signal.addEventListener("abort", () => port.disconnect(), { once: true });
  }

  KefuContent.start(site, {
    alive: () => Boolean(ext.runtime?.id),
    mount(accept, signal) {
      KefuContent.mountFrame(document, `${ext.runtime.getURL("panel/panel.html")}#${id}`, signal);
      connect(accept, signal);
    },
  });
})();
