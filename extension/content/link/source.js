"use strict";
// The chat frame's side: reports the open chat and its messages, and answers insert requests.
// It talks through `link` only: in the extension an extension port (never window.postMessage),
// so the page can neither feed the panel nor trigger an insert.
KefuContent.startSource = function startSource(
  /** @type {SiteAdapter} */ site,
  /** @type {Document} */ doc,
  /** @type {{send: (message: any) => void}} */ link,
  /** @type {AbortSignal} */ signal,
) {
  const K = KefuContent;
  const caret = K.caretKeeper(doc, () => site.input(doc), signal);
  // Whether the page is understood, for the panel's health line: the open chat, its messages,
  // the newest one's time, the message list and the reply box found, and what the page gave
  // that was not believed (a megabyte id, a time in year 50000). Sent when it changes.
  let healthSent = "";
  /** @type {{stats: () => {count: number, lastAt: number, list: boolean}, active: () => any}|null} */
  let watching = null;
  const health = () => {
    if (!watching) return;
    const { count: dropped, why } = K.read.rejects();
    // The watcher has just looked for the list: no second search per pass.
    const { count: messages, lastAt, list } = watching.stats();
    const state = { chat: Boolean(watching.active()), messages, lastAt, dropped, why, list, replyBox: Boolean(site.input(doc)) };
    const said = JSON.stringify(state);
    if (said === healthSent) return;
    healthSent = said;
    link.send({ kind: "health", ...state });
  };
  const watcher = K.watch(site, doc, {
    active: (chat, history) => link.send({ kind: "active", site: site.id, chat, history, layout: K.layoutOf(site, doc) }),
    message: (chat, m) => link.send({ kind: "message", conversation: chat.conversation, buyer: chat.buyer, ...m }),
    scanned: () => health(),
  }, signal);
  watching = watcher;
  health();

  const hello = () => {
    link.send({ kind: "hello", site: site.id, chat: watcher.active(), history: watcher.history(), layout: K.layoutOf(site, doc) });
    healthSent = "";
    health();
  };

  // Inserts run one at a time: a double click must not run two insertions into one box at once.
  /** @type {Promise<void>} */
  let queue = Promise.resolve();

  /** Messages from the panel's side. @param {any} message */
  function onMessage(message) {
    if (message?.kind === "resend") hello();
    if (message?.kind !== "insert") return;
    queue = queue.then(async () => {
      const result = await K.insertReply(site, doc, message, caret);
      link.send({ kind: "insert_result", requestId: message.requestId, ...result });
    }).catch(() => {});
  }
  let resizeTimer = 0;
  doc.defaultView?.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => link.send({ kind: "layout", layout: K.layoutOf(site, doc) }), 200);
  }, { signal });
  return { hello, onMessage };
};

/**
 * Where the things the panel must not cover are, in the top frame's viewport: the reply box, the
 * send button and the newest message (its text, not its full-width row). Null when this frame
 * cannot know its place in the top frame (a cross-origin parent).
 * @param {SiteAdapter} site @param {Document} doc
 */
KefuContent.layoutOf = function layoutOf(site, doc) {
  let dx = 0;
  let dy = 0;
  try {
    for (let w = /** @type {Window|null} */ (doc.defaultView); w && w !== w.top; w = w.parent) {
      const el = w.frameElement;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      dx += r.left + el.clientLeft;
      dy += r.top + el.clientTop;
    }
  } catch {
    return null;
  }
  /** @param {DOMRect|null} r */
  const box = (r) => (r && r.width > 0 && r.height > 0 ? { left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy } : null);
  const newest = site.messageList?.(doc)?.lastElementChild ?? null;
  return {
    input: box(site.input(doc)?.getBoundingClientRect() ?? null),
    send: box(site.sendButton(doc)?.getBoundingClientRect() ?? null),
    newest: box(newest ? KefuContent.textBox(newest) : null),
  };
};

/** The box around an element's text (a chat row is often as wide as the list; its text is not). */
KefuContent.textBox = function textBox(/** @type {Element} */ el) {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = doc.createRange();
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent?.trim()) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    left = Math.min(left, r.left);
    top = Math.min(top, r.top);
    right = Math.max(right, r.right);
    bottom = Math.max(bottom, r.bottom);
  }
  return right > left ? new DOMRect(left, top, right - left, bottom - top) : el.getBoundingClientRect();
};
