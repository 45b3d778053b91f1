"use strict";
// The chat frame's side: reports the open chat and its messages, and answers insert requests.
// It talks through `link` only: in the extension an extension port (never window.postMessage),
// so the page can neither feed the panel nor trigger an insert.
KefuContent.startSource = function startSource(
  /** @type {SiteAdapter} */ site,
  /** @type {Document} */ doc,
  /** @type {{send: (message: any) => void}} */ link,
  /** @type {AbortSignal} */ signal,
  /** @type {{from?: string, detection?: any}} */ how = {},
) {
  const K = KefuContent;
  // Parts detection was unsure of (the picker is offered for them), and the page's own outline.
  const UNSURE_BELOW = 0.5;
  const unsure = how.detection ? Object.entries(how.detection.confidence).filter(([, c]) => Number(c) < UNSURE_BELOW).map(([part]) => part) : [];
  /** @type {{cancel: () => void}|null} */
  let picker = null;
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
    const state = { chat: Boolean(watching.active()), messages, lastAt, dropped, why, list, replyBox: Boolean(site.input(doc)), from: how.from ?? "built-in", unsure, picking: Boolean(picker), pickable: typeof K.startPicker === "function" };
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

  // The agent's draft, checked by the panel as they type (never edited uninvited): the reply
  // box's text after each input, at most every DRAFT_MS, sent when it changed.
  const DRAFT_MS = 120;
  const DRAFT_MAX = 2000;
  let draftTimer = 0;
  let draftSent = "";
  const draftOf = () => {
    const box = K.insertKinds.editableOf(site.input(doc));
    if (!box) return null;
    return K.insertKinds.textOf(box).slice(0, DRAFT_MAX);
  };
  const sendDraft = () => {
    draftTimer = 0;
    const text = draftOf();
    const chat = watcher.active();
    if (text === null || !chat || text === draftSent) return;
    draftSent = text;
    link.send({ kind: "draft", conversation: chat.conversation, buyer: chat.buyer, text });
  };
  doc.addEventListener("input", (event) => {
    const box = site.input(doc);
    if (!box || !(event.target instanceof Node) || !box.contains(event.target)) return;
    if (!draftTimer) draftTimer = setTimeout(sendDraft, DRAFT_MS);
  }, { capture: true, signal });
  signal.addEventListener("abort", () => clearTimeout(draftTimer), { once: true });

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
    if (message?.kind === "pick") pick();
    if (message?.kind === "outline") outlineFound();
    // The panel folded from the keyboard: the keys go back to the reply box.
    if (message?.kind === "focus_input") K.insertKinds.editableOf(site.input(doc))?.focus({ preventScroll: true });
    if (message?.kind !== "insert") return;
    queue = queue.then(async () => {
      const result = await K.insertReply(site, doc, message, caret);
      link.send({ kind: "insert_result", requestId: message.requestId, ...result });
    }).catch(() => {});
  }
  /** The picker, run in this frame (one at a time); what it saves takes over through the store. */
  function pick() {
    if (picker || !doc.defaultView) return;
    picker = K.startPicker(doc, {
      id: site.id,
      saved: () => {},
      ended: () => {
        picker = null;
        healthSent = "";
        health();
      },
    });
    signal.addEventListener("abort", () => picker?.cancel(), { once: true });
    healthSent = "";
    health();
  }

  /** Outlines what this frame reads as the reply box, the message list and each side's messages, for a few seconds. */
  function outlineFound() {
    const say = K.say;
    /** @type {{el: Element, label: string, colour?: string}[]} */
    const items = [];
    const input = site.input(doc);
    const list = site.messageList?.(doc);
    if (input) items.push({ el: input, label: say("outlineReplyBox", "Reply box"), colour: "#059669" });
    if (list) items.push({ el: list, label: say("outlineMessages", "Messages"), colour: "#2563eb" });
    for (const el of K.read.all(doc, site.selectors.message ?? []).slice(-6)) {
      const m = site.message?.(el, doc);
      if (m) items.push({ el, label: m.from === "agent" ? say("outlineAgent", "You") : say("outlineBuyer", "Buyer"), colour: m.from === "agent" ? "#7c3aed" : "#d97706" });
    }
    const overlay = K.overlay(doc);
    overlay.show(items);
    setTimeout(() => overlay.clear(), 4000);
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

/** The box around an element's text (read/dom.js). */
KefuContent.textBox = (/** @type {Element} */ el) => KefuContent.read.textBox(el);
