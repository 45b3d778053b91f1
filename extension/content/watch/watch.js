"use strict";
// Watches the page for the open chat changing and for new messages in it, and reports each
// once; `handlers.scanned` (optional) runs after every pass. Stops when `signal` aborts.
//
// It stays cheap on a busy page (thousands of messages, a typing indicator, ticking clocks):
// - it observes the message list only (child nodes added or removed, nothing else), not the
//   whole page, and re-attaches when the page replaces the list element;
// - a pass runs at most once per frame (a timer stands in while the tab is hidden, where frames
//   stop), whatever the number of mutations;
// - a pass reads only the messages the mutations touched, when the site reads messages one by
//   one (`site.message`); sites whose ids depend on the whole list are read whole, once per pass
//   that follows a change;
// - the open chat is checked on each pass, and on clicks, keys, history changes and a slow timer:
//   switching chats happens outside the list.
KefuContent.watch = function watch(/** @type {SiteAdapter} */ site, /** @type {Document} */ doc, /** @type {any} */ handlers, /** @type {AbortSignal} */ signal) {
  const HISTORY = 20;
  // Keys of messages reported, oldest first: bounded, so a chat open all day keeps a flat heap.
  const REMEMBERED = 5000;
  // The newest messages are read again on the slow timer (text filled in after the row came).
  const TAIL = 5;
  const SLOW_MS = 1000;
  const view = doc.defaultView;
  const selectors = site.selectors.message ?? [];
  const oneByOne = typeof site.message === "function" && selectors.length > 0;

  /** @type {Chat|null} */
  let active = null;
  /** @type {Set<string>} */
  const reported = new Set();
  /** @type {string[]} */
  const order = [];
  const keyOf = (/** @type {Chat} */ chat, /** @type {ChatMessage} */ m) => `${chat.conversation}\n${m.id}`;
  // For the panel's health line: messages seen in the open chat, and the newest one's time.
  let count = 0;
  let lastAt = 0;

  /** @param {string} key */
  function remember(key) {
    reported.add(key);
    order.push(key);
    if (order.length > REMEMBERED) reported.delete(/** @type {string} */ (order.shift()));
  }

  /** Reports `m` unless it was; false when it was. @param {Chat} chat @param {ChatMessage} m */
  function report(chat, m) {
    const key = keyOf(chat, m);
    if (reported.has(key)) return false;
    remember(key);
    count += 1;
    lastAt = m.at;
    handlers.message(chat, m);
    return true;
  }

  /** @type {Element|null} */
  let list = null;
  /** Touched message elements since the last pass; `everything`: read the whole list. */
  /** @type {Set<Element>} */
  const touched = new Set();
  let everything = true;
  let slowTick = false;

  /**
   * The message element a changed node is in; with `inside`, also the messages it holds (an
   * added row, or a batch of them). @param {Node} node @param {boolean} inside
   */
  function touch(node, inside) {
    const el = node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement;
    if (!el) return;
    for (const sel of selectors) {
      const own = el.closest(sel);
      if (own) {
        touched.add(own);
        return;
      }
    }
    if (!inside || node.nodeType !== 1) return;
    for (const sel of selectors) for (const m of el.querySelectorAll(sel)) touched.add(m);
  }

  const observer = new MutationObserver((records) => {
    if (oneByOne && list) {
      for (const r of records) {
        for (const n of r.addedNodes) touch(n, true);
        // Nodes added inside an existing message (its text rendered late) touch that message.
        if (r.target !== list) touch(r.target, false);
      }
    } else {
      everything = true;
    }
    schedule();
  });

  /**
   * Observes the current message list (again, when the page replaced it); without one, the
   * page's body, read whole after each change as a last resort.
   */
  function attach() {
    const now = site.messageList?.(doc) ?? null;
    if (now === list && (list || observing)) return;
    observer.disconnect();
    list = now;
    const target = list ?? doc.body;
    observing = Boolean(target);
    if (target) observer.observe(target, { childList: true, subtree: true });
    everything = true;
  }
  let observing = false;

  let frame = 0;
  let timer = 0;
  function schedule() {
    if (frame || timer) return;
    if (doc.visibilityState === "hidden" || !view?.requestAnimationFrame) {
      timer = view?.setTimeout(run, 100) ?? 0;
    } else {
      frame = view.requestAnimationFrame(run);
    }
  }

  function run() {
    frame = 0;
    if (timer) view?.clearTimeout(timer);
    timer = 0;
    pass();
    handlers.scanned?.();
  }

  function pass() {
    attach();
    const chat = site.activeChat(doc);
    // No chat for a moment (a framework re-rendering its list) is no switch: the same chat
    // coming back must not be announced again.
    if (!chat && active) return;
    const switched = (chat?.conversation ?? null) !== (active?.conversation ?? null)
      || (chat && active && chat.buyer !== active.buyer);
    if (switched) {
      active = chat;
      touched.clear();
      everything = false;
      const shown = chat ? site.messages(doc) : [];
      // Everything on screen now is history, not news: older messages above the last HISTORY
      // (or loaded later by scrolling up) must not come back as new turns.
      for (const m of shown) remember(keyOf(/** @type {Chat} */ (chat), m));
      count = shown.length;
      lastAt = shown.at(-1)?.at ?? 0;
      handlers.active(chat, shown.slice(-HISTORY));
      return;
    }
    if (!chat) return;
    if (everything || !oneByOne) {
      everything = false;
      touched.clear();
      for (const m of site.messages(doc)) report(chat, m);
      return;
    }
    if (slowTick && list) {
      const rows = selectors.length ? [...list.querySelectorAll(selectors[0])].slice(-TAIL) : [];
      for (const el of rows) touched.add(el);
    }
    slowTick = false;
    if (!touched.size) return;
    // (A list replaced or missing was read whole above.)
    // Document order: a burst of new rows is reported oldest first.
    const elements = [...touched].filter((el) => el.isConnected);
    touched.clear();
    elements.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const el of elements) {
      const m = /** @type {NonNullable<SiteAdapter["message"]>} */ (site.message).call(site, el, doc);
      if (m) report(chat, m);
    }
  }

  // Switching chats happens outside the list: the agent clicks or types, or the URL changes.
  for (const type of ["click", "keyup"]) doc.addEventListener(type, schedule, { capture: true, passive: true, signal });
  view?.addEventListener("popstate", schedule, { signal });
  view?.addEventListener("hashchange", schedule, { signal });
  const slow = view?.setInterval(() => {
    slowTick = true;
    schedule();
  }, SLOW_MS);
  signal.addEventListener("abort", () => {
    observer.disconnect();
    if (frame) view?.cancelAnimationFrame(frame);
    if (timer) view?.clearTimeout(timer);
    if (slow) view?.clearInterval(slow);
  }, { once: true });

  attach();
  pass();
  handlers.scanned?.();
  return {
    active: () => active,
    history: () => (active ? site.messages(doc).slice(-HISTORY) : []),
    /** Messages seen in the open chat and the newest one's time (0: none). */
    stats: () => ({ count, lastAt }),
  };
};
