"use strict";
// Watches the page for the open chat changing and for new messages in it, and reports each
// once; `handlers.scanned` (optional) runs after every pass. Stops when `signal` aborts.
KefuContent.watch = function watch(/** @type {SiteAdapter} */ site, /** @type {Document} */ doc, /** @type {any} */ handlers, /** @type {AbortSignal} */ signal) {
  const HISTORY = 20;
  let active = null;
  const reported = new Set();
  // For the panel's health line: messages seen in the open chat, and the newest one's time.
  let count = 0;
  let lastAt = 0;
  const keyOf = (chat, m) => `${chat.conversation}\n${m.id}`;

  function scan() {
    const chat = site.activeChat(doc);
    // No chat for a moment (a framework re-rendering its list) is no switch: the same chat
    // coming back must not be announced again.
    if (!chat && active) return;
    const switched = (chat?.conversation ?? null) !== (active?.conversation ?? null)
      || (chat && active && chat.buyer !== active.buyer);
    if (switched) {
      active = chat;
      const shown = chat ? site.messages(doc) : [];
      // Everything on screen now is history, not news: older messages above the last HISTORY
      // (or loaded later by scrolling up) must not come back as new turns.
      for (const m of shown) reported.add(keyOf(chat, m));
      count = shown.length;
      lastAt = shown.at(-1)?.at ?? 0;
      handlers.active(chat, shown.slice(-HISTORY));
      return;
    }
    if (!chat) return;
    for (const m of site.messages(doc)) {
      const key = keyOf(chat, m);
      if (reported.has(key)) continue;
      reported.add(key);
      count += 1;
      lastAt = m.at;
      handlers.message(chat, m);
    }
  }

  function pass() {
    scan();
    handlers.scanned?.();
  }

  // One pass per burst of changes (typing, ticking clocks and re-renders come in bursts).
  const COALESCE_MS = 30;
  KefuContent.observeCoalesced(doc.body, { subtree: true, childList: true, characterData: true, attributes: true }, COALESCE_MS, pass, signal);
  pass();
  return {
    active: () => active,
    /** Messages seen in the open chat and the newest one's time (0: none). */
    stats: () => ({ count, lastAt }),
    history: () => (active ? site.messages(doc).slice(-HISTORY) : []),
  };
};
