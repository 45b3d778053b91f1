"use strict";
// Watches the page for the open chat changing and for new messages in it, and reports each
// once; `handlers.scanned` (optional) runs after every pass. Stops when `signal` aborts.
//
// It stays cheap on a busy page (thousands of messages, a typing indicator, ticking clocks):
// - it observes the message list only (child nodes added or removed, nothing else), not the
//   whole page, and re-attaches when the page replaces the list element;
// - a pass runs at most once per frame, at once when the frame has had none (a timer stands in
//   while the tab is hidden, where frames stop), whatever the number of mutations;
// - a pass reads only the messages the mutations touched, when the site reads messages one by
//   one (`site.message`), and a change inside a message already read (a ticking clock) is not
//   read again (the newest few are re-read each second, for text rendered late); sites whose ids
//   depend on the whole list are read whole, once per pass that follows a change;
// - the open chat is checked on each pass, and on clicks, keys, history changes and a slow timer:
//   switching chats happens outside the list.
KefuContent.watch = function watch(/** @type {SiteAdapter} */ site, /** @type {Document} */ doc, /** @type {any} */ handlers, /** @type {AbortSignal} */ signal) {
  const HISTORY = 20;
  // Keys of messages reported, oldest first: bounded, so a chat open all day keeps a flat heap.
  const REMEMBERED = 5000;
  // The newest messages are read again on the slow timer (text filled in after the row came).
  const TAIL = 5;
  const SLOW_MS = 1000;
  const ID_ATTRIBUTES = ["id", "data-id", "data-message-id", "data-msg-id", "data-key"];
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
    if (reported.has(key)) return;
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
  /** Message elements read and reported: changes inside them are skipped. */
  /** @type {WeakSet<Element>} */
  const done = new WeakSet();
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
        // A change inside a message already read (its clock ticking, a read receipt) is not
        // news: only a message element itself arriving is read again.
        if (own !== node && done.has(own)) return;
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
        if (r.type === "attributes") {
          // A row given another message's id (a list that recycles its rows) is news again.
          for (const sel of selectors) {
            const own = /** @type {Element} */ (r.target).closest(sel);
            if (own) {
              done.delete(own);
              touched.add(own);
              break;
            }
          }
          continue;
        }
        for (const n of r.addedNodes) touch(n, true);
        // Nodes added or text changed inside an existing message (its text rendered late)
        // touch that message.
        if (r.target !== list) touch(r.target, false);
      }
    } else {
      everything = true;
    }
    schedule();
  });

  // The list element's own attributes: a class or id changed on it (a redesign rolled out, a
  // test renaming it) may mean the selector no longer finds it; one pass tells at once.
  const own = new MutationObserver(() => schedule());

  /**
   * Observes the current message list (again, when the page replaced it); without one, the
   * page's body, read whole after each change as a last resort.
   */
  function attach() {
    const now = site.messageList?.(doc) ?? null;
    if (now === list && (list || observing)) return;
    observer.disconnect();
    own.disconnect();
    list = now;
    // (Not its style: some lists set that on every scroll.)
    if (list) own.observe(list, { attributes: true, attributeFilter: ["class", "id", "role", "data-testid"] });
    const target = list ?? doc.body;
    observing = Boolean(target);
    // Nodes added or removed, text changed in place, and the ids rows carry (lists that recycle
    // their rows change these instead of adding rows); nothing else.
    if (list) observer.observe(list, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ID_ATTRIBUTES });
    else if (target) observer.observe(target, { childList: true, subtree: true });
    everything = true;
  }
  let observing = false;

  // At most one pass per frame, run at once when the frame has had none (a lone new message is
  // not kept waiting for the next frame), else after it. While the tab is hidden frames stop:
  // a timer stands in.
  let frame = 0;
  let timer = 0;
  let ranThisFrame = false;
  let trailing = false;
  function schedule() {
    if (ranThisFrame) {
      trailing = true;
    } else {
      ranThisFrame = true;
      queueMicrotask(run);
    }
    if (frame || timer) return;
    if (doc.visibilityState === "hidden" || !view?.requestAnimationFrame) {
      timer = view?.setTimeout(nextFrame, 100) ?? 0;
    } else {
      frame = view.requestAnimationFrame(nextFrame);
    }
  }

  function nextFrame() {
    frame = 0;
    timer = 0;
    ranThisFrame = false;
    if (trailing) {
      trailing = false;
      schedule();
    }
  }

  // Hidden tabs run no frames: a frame asked for just before must not hold the watcher.
  doc.addEventListener("visibilitychange", () => {
    if (!frame || doc.visibilityState !== "hidden") return;
    view?.cancelAnimationFrame(frame);
    frame = 0;
    timer = view?.setTimeout(nextFrame, 100) ?? 0;
  }, { signal });

  function run() {
    if (signal.aborted) return;
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
    if (slowTick && list) for (const el of newest(list)) touched.add(el);
    slowTick = false;
    if (!touched.size) return;
    // Read what the changes touched; report the new ones in document order (a burst of new rows
    // oldest first). Most touched rows are old ones whose clock ticked: no sorting for those.
    /** @type {[Element, ChatMessage][]} */
    const fresh = [];
    for (const el of touched) {
      if (!el.isConnected) continue;
      const m = /** @type {NonNullable<SiteAdapter["message"]>} */ (site.message).call(site, el, doc);
      if (!m) continue;
      done.add(el);
      if (!reported.has(keyOf(chat, m))) fresh.push([el, m]);
    }
    touched.clear();
    if (fresh.length > 1) fresh.sort(([a], [b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const [, m] of fresh) report(chat, m);
  }

  /** The last TAIL messages of the list, walking back from its end (no query over it all). */
  function newest(/** @type {Element} */ from) {
    /** @type {Element[]} */
    const out = [];
    for (let el = from.lastElementChild; el && out.length < TAIL; el = el.previousElementSibling) {
      if (selectors.some((sel) => el.matches(sel))) out.push(el);
    }
    // Messages nested deeper than the list's children: the last ones, found the long way.
    if (!out.length) for (const sel of selectors) out.push(...[...from.querySelectorAll(sel)].slice(-TAIL));
    return out;
  }

  // Switching chats happens outside the list: the agent clicks or types, or the URL changes.
  // (After the page's own handlers have run: the task after the event, not a microtask.)
  const soon = () => view?.setTimeout(schedule, 0);
  for (const type of ["click", "keyup"]) doc.addEventListener(type, soon, { capture: true, passive: true, signal });
  view?.addEventListener("popstate", soon, { signal });
  view?.addEventListener("hashchange", soon, { signal });
  const slow = view?.setInterval(() => {
    slowTick = true;
    schedule();
  }, SLOW_MS);
  signal.addEventListener("abort", () => {
    observer.disconnect();
    own.disconnect();
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
    /** Messages seen in the open chat, the newest one's time (0: none), the list found. */
    stats: () => ({ count, lastAt, list: list !== null }),
  };
};
