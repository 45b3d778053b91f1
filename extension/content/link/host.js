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
  let paired = false;
  // A frame that loads and does not pair soon was sent elsewhere by the page (its src untouched:
  // frames[i].location, a named target): it is replaced (the frame limits how often).
  const PAIR_WITHIN_MS = 4000;
  let pairTimer = 0;

  /** The token goes only to our own frame, addressed to the extension's origin: no page script can read it. */
  const handOver = () => {
    if (panel && loaded && token) panel.frame.contentWindow?.postMessage({ kind: "kefu-pair", token }, panelOrigin);
  };

  /**
   * What the panel must keep clear of. Without a layout (the chat is in a cross-origin frame,
   * which cannot know where it sits), the lower part of the largest frame, where a chat keeps its
   * reply box.
   * @param {any} layout
   */
  const avoidOf = (layout) => {
    if (layout) return [layout.input, layout.send, layout.newest].filter(Boolean);
    const frames = [...doc.querySelectorAll("iframe:not(#kefu-assist-frame)")].map((f) => f.getBoundingClientRect());
    const largest = frames.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (!largest || largest.width * largest.height === 0) return [];
    return [{ left: largest.left, top: largest.top + largest.height * 0.6, right: largest.right, bottom: largest.bottom }];
  };

  /** @param {string} site @param {any} layout */
  function showPanel(site, layout) {
    if (panel) return;
    // A frame left by an earlier copy of this script (the extension was updated) goes first.
    for (const old of doc.querySelectorAll("#kefu-assist-host, #kefu-assist-tab")) old.remove();
    const onLoad = () => {
      loaded = true;
      handOver();
      clearTimeout(pairTimer);
      pairTimer = setTimeout(() => {
        if (!paired) panel?.renew();
      }, PAIR_WITHIN_MS);
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
        const state = guard?.allowInsert() ?? { ok: false, reason: "hidden" };
        link.send({ kind: "checked", requestId: message.requestId, ok: state.ok, reason: state.reason });
        break;
      }
      case "paired":
        paired = Boolean(message.paired);
        break;
      case "collapse":
        panel?.fold();
        break;
      case "toggle":
        if (panel?.folded()) panel.restore();
        else panel?.fold();
        break;
      case "focus":
        // A shortcut moves the keys into the panel frame; then the panel focuses its control.
        panel?.restore();
        panel?.frame.focus();
        link.send({ kind: "done", command: String(message.command ?? "") });
        break;
      case "turned_off":
        K.turnedOff?.();
        break;
    }
  }
  const link = K.port("kefu/host", onMessage, () => {}, signal);
  return link;
};
