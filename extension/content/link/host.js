"use strict";
// The top frame's side: shows the panel frame once a chat is open somewhere in this tab (this
// frame or a child frame), hands the frame its one-time pairing token, and before every insert
// checks that the frame is shown and uncovered.
KefuContent.startHost = function startHost(/** @type {Document} */ doc, /** @type {AbortSignal} */ signal) {
  const K = KefuContent;
  const ext = globalThis.browser ?? globalThis.chrome;
  const panelUrl = ext.runtime.getURL("panel/panel.html");
  const panelOrigin = new URL(panelUrl).origin;
  const store = {
    get: async (/** @type {string} */ key) => (await ext.storage.local.get(key))[key],
    set: (/** @type {string} */ key, /** @type {any} */ value) => ext.storage.local.set({ [key]: value }),
  };
  /** @type {ReturnType<typeof K.panelFrame.mount>|null} */
  let panel = null;
  /** @type {ReturnType<typeof K.frameGuard>|null} */
  let guard = null;
  let token = "";
  let loaded = false;

  /** The token goes only to our own frame, addressed to the extension's origin: no page script can read it. */
  const handOver = () => {
    if (panel && loaded && token) panel.frame.contentWindow?.postMessage({ kind: "kefu-pair", token }, panelOrigin);
  };

  /** @param {any} layout */
  const avoidOf = (layout) => (layout ? [layout.input, layout.send, layout.newest].filter(Boolean) : []);

  /** @param {string} site @param {any} layout */
  function showPanel(site, layout) {
    if (panel) return;
    const onLoad = () => {
      loaded = true;
      handOver();
    };
    panel = K.panelFrame.mount(doc, { url: panelUrl, site: K.read.id(site) ?? "web", store, onLoad }, signal);
    panel.show(avoidOf(layout)).then(() => {
      guard = K.frameGuard(doc, /** @type {any} */ (panel), (state) => link.send({ kind: "guard", ...state }), signal);
    });
  }

  /** @param {any} message */
  function onMessage(message) {
    switch (message?.kind) {
      case "token":
        token = String(message.token);
        handOver();
        break;
      case "chat":
        if (message.present) showPanel(String(message.site ?? ""), message.layout);
        break;
      case "layout":
        panel?.avoid(avoidOf(message.layout));
        break;
      case "check": {
        const state = guard?.check() ?? { ok: false, reason: "hidden" };
        link.send({ kind: "checked", requestId: message.requestId, ok: state.ok, reason: state.reason });
        break;
      }
      case "collapse":
        panel?.fold();
        break;
      case "restore":
        panel?.restore();
        break;
    }
  }
  const link = K.port("kefu/host", onMessage, () => {}, signal);
  return link;
};
