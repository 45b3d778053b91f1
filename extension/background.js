"use strict";
// Pairs each chat tab with its panel and relays between them. Three kinds of port, all opened by
// this extension's own scripts (web pages cannot open ports to it):
//   kefu/source  a content script in the frame that holds the chat (any frame of the tab)
//   kefu/host    the content script of the tab's top frame, which hosts the panel frame
//   kefu/panel   the panel page inside that frame
// The page can read the panel frame's URL and make frames of its own, so the URL carries no
// secret. A panel is paired with a tab only by a one-time token that this script gives the
// host over its port and the host hands to its own frame (postMessage to the extension's origin,
// which no page script can read); the browser vouches for the tab (sender.tab.id). A second
// panel, or a token used twice, is refused. Nothing is stored; nothing leaves the browser.
// Chrome runs this as a service worker (one file: the sites module, and the match patterns it
// shares with the content scripts, come in here); Firefox as an event page, whose manifest lists
// the files.
/** @type {any} */
const worker = globalThis;
if (typeof worker.importScripts === "function" && typeof KefuSites === "undefined") {
  worker.importScripts("content/kefu.js", "content/config/site-store.js", "background/sites.js");
}
const ext = globalThis.browser ?? globalThis.chrome;
const PANEL_URL = ext.runtime.getURL("panel/panel.html");
const OWN = ext.runtime.getURL("");

/**
 * tabId → the tab's ports and pairing state.
 * @type {Map<number, {id: number, url?: string, host?: any, panel?: any, paired: boolean, token?: string, guard?: any, sources: Map<number, any>, source?: number, pending: Map<number, any>}>}
 */
const tabs = new Map();

function tabOf(id) {
  let t = tabs.get(id);
  if (!t) {
    t = { id, paired: false, sources: new Map(), pending: new Map() };
    tabs.set(id, t);
  }
  return t;
}

function post(port, message) {
  try {
    port?.postMessage(message);
  } catch {
    // The other side is gone; its disconnect handler cleans up.
  }
}

function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh one-time token for the tab's host to hand its panel frame. */
function issueToken(t) {
  t.token = newToken();
  post(t.host, { kind: "token", token: t.token });
}

/** Tells the host whether a chat is open somewhere in its tab (it shows the panel then). */
function announce(t) {
  const source = t.source !== undefined ? t.sources.get(t.source) : undefined;
  post(t.host, { kind: "chat", present: Boolean(source), site: source?.site ?? null, layout: source?.layout ?? null });
}

function fromSource(t, frameId, port, message) {
  const s = t.sources.get(frameId);
  if (!s) return;
  switch (message?.kind) {
    case "hello":
    case "active":
      s.site = String(message.site ?? s.site ?? "");
      if (message.layout) s.layout = message.layout;
      if (message.chat || t.source === undefined) {
        const changed = t.source !== frameId;
        t.source = frameId;
        if (changed || message.kind === "hello") announce(t);
      }
      if (t.source === frameId && t.paired) post(t.panel, message);
      break;
    case "layout":
      s.layout = message.layout;
      if (t.source === frameId) post(t.host, { kind: "layout", layout: message.layout });
      break;
    case "health":
      s.health = message;
      if (t.source === frameId && t.paired) post(t.panel, message);
      break;
    case "message":
    case "draft":
      if (t.source === frameId && t.paired) post(t.panel, message);
      break;
    case "insert_result":
      if (t.paired) post(t.panel, message);
      break;
  }
}

/**
 * A panel's first word is its token. The tab is the one the token was issued to (Firefox may not
 * tell an extension frame's tab; where the browser does, it must agree).
 */
function pairPanel(port, message, tabId) {
  const token = typeof message?.token === "string" ? message.token : "";
  const entry = token ? [...tabs.entries()].find(([, t]) => t.token === token) : undefined;
  const t = entry?.[1];
  if (!t || t.paired || (typeof tabId === "number" && tabId !== entry[0])) {
    post(port, { kind: "refused" });
    return null;
  }
  t.token = undefined;
  t.paired = true;
  t.panel = port;
  post(port, { kind: "paired" });
  post(t.host, { kind: "paired", paired: true });
  // A panel that just (re)loaded learns what the page is doing to its frame.
  if (t.guard && !t.guard.ok) post(port, t.guard);
  // The chat frame says hello again, with its history, to the new panel.
  const source = t.source !== undefined ? t.sources.get(t.source) : undefined;
  post(source?.port, { kind: "resend" });
  return t;
}

function fromPanel(t, port, message) {
  if (t.panel !== port || !t.paired) return;
  if (message?.kind === "insert") {
    // The host checks first that its panel frame is shown and uncovered (no click-jacking).
    const requestId = Number(message.requestId);
    t.pending.set(requestId, message);
    post(t.host, { kind: "check", requestId });
  } else if (message?.kind === "collapse") {
    // Folded from the keyboard (Escape): the keys go back to the reply box.
    post(t.host, { kind: "collapse" });
    post(sourceOf(t)?.port, { kind: "focus_input" });
  } else if (message?.kind === "start_picker") {
    // The agent shows us the page: the picker runs in the frame that holds the chat.
    post(sourceOf(t)?.port, { kind: "pick" });
  } else if (message?.kind === "open_options") {
    // Firefox gives a panel frame on a web page no openOptionsPage of its own.
    ext.runtime.openOptionsPage();
  }
}

/** The tab's chat frame (the source the panel listens to). */
function sourceOf(t) {
  return t?.source !== undefined ? t.sources.get(t.source) : undefined;
}

function fromHost(t, message) {
  if (message?.kind === "done") {
    const command = String(message.command ?? "");
    if (Object.hasOwn(COMMANDS, command) && COMMANDS[command].panel && t.paired) post(t.panel, { kind: "command", command });
    return;
  }
  if (message?.kind === "guard") {
    t.guard = { kind: "guard", ok: Boolean(message.ok), reason: String(message.reason ?? "") };
    if (t.paired) post(t.panel, t.guard);
    return;
  }
  if (message?.kind !== "checked") return;
  const request = t.pending.get(Number(message.requestId));
  t.pending.delete(Number(message.requestId));
  if (!request) return;
  if (!message.ok) {
    post(t.panel, { kind: "insert_result", requestId: request.requestId, ok: false, reason: String(message.reason ?? "hidden"), conversation: request.conversation });
    return;
  }
  const source = t.source !== undefined ? t.sources.get(t.source) : undefined;
  if (!source) {
    post(t.panel, { kind: "insert_result", requestId: request.requestId, ok: false, reason: "no_input", conversation: request.conversation });
    return;
  }
  // (`replace`: a draft finding's rewrite, for that span of the box's text only.)
  post(source.port, { kind: "insert", requestId: request.requestId, conversation: request.conversation, buyer: request.buyer, text: request.text, replace: request.replace ?? null });
}

ext.runtime.onConnect.addListener((port) => {
  const sender = port.sender ?? {};
  const url = String(sender.url ?? "");
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  const isPanel = url.startsWith(PANEL_URL);
  const fromPage = sender.id === ext.runtime.id && typeof tabId === "number" && !url.startsWith(OWN);
  const role = port.name;
  const allowed = sender.id === ext.runtime.id && (
    (role === "kefu/panel" && isPanel && frameId !== 0)
    || (role === "kefu/host" && fromPage && frameId === 0)
    || (role === "kefu/source" && fromPage));
  if (!allowed) {
    port.disconnect();
    return;
  }
  if (role === "kefu/panel") {
    /** @type {any} */
    let t = null;
    port.onMessage.addListener((m) => {
      if (!t) {
        if (m?.kind === "pair") t = pairPanel(port, m, tabId);
        return;
      }
      fromPanel(t, port, m);
    });
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      if (!t || t.panel !== port) return;
      t.panel = undefined;
      t.paired = false;
      t.pending.clear();
      post(t.host, { kind: "paired", paired: false });
      // The frame may come back (a reload of the panel): it needs a fresh token.
      if (t.host) issueToken(t);
      forgetIfEmpty(t.id, t);
    });
    return;
  }
  const t = tabOf(/** @type {number} */ (tabId));

  if (role === "kefu/host") {
    t.host?.disconnect();
    t.host = port;
    t.url = url;
    // A new host (page load or reconnect) means a new frame: the old pairing ends.
    if (t.panel) t.panel.disconnect();
    t.panel = undefined;
    t.paired = false;
    issueToken(t);
    announce(t);
    port.onMessage.addListener((m) => fromHost(t, m));
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      if (t.host !== port) return;
      t.host = undefined;
      t.token = undefined;
      forgetIfEmpty(tabId, t);
    });
  } else if (role === "kefu/source") {
    t.sources.get(frameId)?.port.disconnect();
    t.sources.set(frameId, { port, site: null, layout: null });
    port.onMessage.addListener((m) => fromSource(t, frameId, port, m));
    port.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      if (t.sources.get(frameId)?.port !== port) return;
      t.sources.delete(frameId);
      if (t.source === frameId) {
        t.source = t.sources.size ? [...t.sources.keys()].at(-1) : undefined;
        announce(t);
      }
      forgetIfEmpty(tabId, t);
    });
  }
});

function forgetIfEmpty(tabId, t) {
  if (!t.host && !t.panel && t.sources.size === 0) tabs.delete(tabId);
}

/** The tab a popup message is about: by its id, else the tab showing its address (or its site). */
function tabFor(message) {
  // The toolbar's popup names its tab: only that one (another tab of the site is not it).
  if (message?.tabId !== undefined && message?.tabId !== null) return tabs.get(Number(message.tabId));
  const all = [...tabs.values()].filter((t) => typeof t.url === "string");
  return all.find((t) => t.url === message?.url)
    ?? all.find((t) => KefuSites.originPattern(String(t.url)) === KefuSites.originPattern(String(message?.url ?? "")));
}

// The popup and the options page (this extension's own pages; web pages cannot send these).
ext.runtime.onMessage.addListener((message, sender, reply) => {
  if (sender.id !== ext.runtime.id || !String(sender.url ?? "").startsWith(OWN)) return false;
  const answer = async () => {
    switch (message?.kind) {
      case "site_state": {
        const state = await KefuSites.state(String(message.url ?? ""));
        const source = sourceOf(tabFor(message));
        return { ...state, reading: source ? { site: source.site, health: source.health ?? null } : null };
      }
      case "sites":
        return { origins: await KefuSites.turnedOn() };
      case "tab_action": {
        // Outline what was found, or pick, in the tab showing `url`.
        const source = sourceOf(tabFor(message));
        if (!source || !["pick", "outline"].includes(message.action)) return { ok: false };
        post(source.port, { kind: message.action });
        return { ok: true };
      }
      case "site_off": {
        // The open pages of the site stop at once; then the permission goes (which unregisters).
        const origin = String(message.origin ?? "");
        for (const t of tabs.values()) {
          if (typeof t.url !== "string" || KefuSites.originPattern(t.url) !== origin) continue;
          post(t.host, { kind: "turned_off" });
          for (const s of t.sources.values()) post(s.port, { kind: "turned_off" });
        }
        const removed = await ext.permissions.remove({ origins: [origin] });
        await KefuSites.sync();
        return { ok: removed };
      }
      case "site_on": {
        // The popup got the permission; the registration follows (also on permissions.onAdded).
        await KefuSites.sync();
        return { ok: (await KefuSites.turnedOn()).includes(String(message.origin ?? "")) };
      }
    }
    return null;
  };
  answer().then(reply, (error) => reply({ ok: false, error: String(error?.message ?? error) }));
  return true;
});

// The browser's keyboard shortcuts (the manifest's commands, rebindable in the browser's own
// shortcut settings; the browser calls us only for those keys, so the page keeps all of its own).
// `host`: what the tab's top frame does with the panel frame first; `panel`: the panel acts too.
/** @type {Record<string, {host?: string, panel?: boolean}>} */
const COMMANDS = {
  "toggle-panel": { host: "toggle" },
  "focus-panel": { host: "focus", panel: true },
  "open-phrases": { host: "focus", panel: true },
  "insert-suggestion-1": { panel: true },
  "insert-suggestion-2": { panel: true },
  "insert-suggestion-3": { panel: true },
  "next-suggestion": { panel: true },
  "previous-suggestion": { panel: true },
};
ext.commands?.onCommand.addListener(async (command, tab) => {
  const route = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : null;
  if (!route) return;
  const id = tab?.id ?? (await ext.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const t = typeof id === "number" ? tabs.get(id) : undefined;
  if (!t) return;
  // The panel can take the keys only once its frame has them: after a host step, the host
  // says when it is done (fromHost, "done") and the panel acts then.
  if (route.host) post(t.host, { kind: route.host, command });
  else if (route.panel && t.paired) post(t.panel, { kind: "command", command });
});

// Notes must live in one place for every page of the extension. Chromium denies localStorage to
// the panel's frame on chat pages (and gives its background none at all), so there they live in
// storage.local from the start; the panel and options page read this mark.
ext.runtime.onInstalled.addListener(() => {
  if (typeof localStorage === "undefined") ext.storage.local.set({ "kefu.backend": "storage.local" });
});
