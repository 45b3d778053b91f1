"use strict";
// Watches the page for the open chat changing and for new messages in it, and reports each
// once. Stops when `signal` aborts.
KefuContent.watch = function watch(/** @type {SiteAdapter} */ site, /** @type {Document} */ doc, /** @type {any} */ handlers, /** @type {AbortSignal} */ signal) {
  const HISTORY = 20;
  let active = null;
  const reported = new Set();
  const keyOf = (chat, m) => `${chat.conversation}\n${m.id}`;

  function scan() {
    const chat = site.activeChat(doc);
    const switched = (chat?.conversation ?? null) !== (active?.conversation ?? null)
      || (chat && active && chat.buyer !== active.buyer);
    if (switched) {
      active = chat;
      const history = chat ? site.messages(doc).slice(-HISTORY) : [];
      for (const m of history) reported.add(keyOf(chat, m));
      handlers.active(chat, history);
      return;
    }
    if (!chat) return;
    for (const m of site.messages(doc)) {
      const key = keyOf(chat, m);
      if (reported.has(key)) continue;
      reported.add(key);
      handlers.message(chat, m);
    }
  }

  const observer = new MutationObserver(scan);
  observer.observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
  signal.addEventListener("abort", () => observer.disconnect(), { once: true });
  scan();
  return {
    active: () => active,
    history: () => (active ? site.messages(doc).slice(-HISTORY) : []),
  };
};
