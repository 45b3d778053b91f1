"use strict";
// Inserts a reply at the agent's caret in the open chat's reply box, only if that chat is still
// the one (and the buyer) the reply was suggested for: a reply in the wrong buyer's chat (串单)
// is the worst mistake an agent can make. The agent's draft is kept: the reply goes in at the
// caret, or after the draft with a space. Each path is checked: the box must then hold exactly
// the draft with the reply in it, else the next path is tried; when none works the panel puts the
// reply on the clipboard and says so. Never sends.
KefuContent.insertReply = (() => {
  const K = KefuContent;
  /**
   * Paths per kind of box, in the order they are tried. Lexical and Slate keep their document in
   * their own state and take typing from beforeinput; a DOM edit under them (execCommand) can be
   * reverted or misread, so they hear beforeinput first.
   * @type {Record<string, string[]>}
   */
  const PATHS = {
    field: ["setRange", "exec"],
    lexical: ["beforeinput", "exec", "paste"],
    slate: ["beforeinput", "exec", "paste"],
    contenteditable: ["exec", "beforeinput", "paste"],
  };
  // Whitespace (and the zero-width marks editors add) is not compared: editors render spaces and
  // paragraph breaks their own way.
  const squash = (/** @type {string} */ s) => s.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, "");
  // Some editors apply an input a little later (CKEditor 5 takes a synthetic beforeinput on its
  // next frame): a path counts as failed only once nothing happened for this long, so the next
  // path never piles a second copy on top of a late first one.
  const PATIENCE_MS = 250;
  const POLL_MS = 10;
  const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Waits until the box holds the reply, or changed otherwise, or nothing happened in time. */
  async function effect(/** @type {{holds: () => boolean, changed: () => boolean}} */ p) {
    const until = Date.now() + PATIENCE_MS;
    do {
      await sleep(POLL_MS);
      if (p.holds() || p.changed()) return;
    } while (Date.now() < until);
  }

  /** The end of an editable's content, where an appended reply goes. @param {HTMLElement} el */
  function endOf(el) {
    const range = el.ownerDocument.createRange();
    /** @type {Node} */
    let node = el;
    while (node.lastChild && node.lastChild.nodeName !== "BR" && !(node.lastChild instanceof Element && node.lastChild.getAttribute("contenteditable") === "false")) {
      node = node.lastChild;
    }
    if (node.nodeType === Node.TEXT_NODE) range.setStart(node, (/** @type {Text} */ (node)).length);
    else if (node.lastChild) range.setStartBefore(node.lastChild);
    else range.setStart(node, node.childNodes.length);
    range.collapse(true);
    return range;
  }

  /**
   * The range of an editable's text between two UTF-16 offsets of its textContent.
   * @param {HTMLElement} el @param {{start: number, end: number}} span @returns {Range|null}
   */
  function rangeOf(el, span) {
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = doc.createRange();
    let at = 0;
    let started = false;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = (/** @type {Text} */ (n)).length;
      if (!started && span.start <= at + len) {
        range.setStart(n, span.start - at);
        started = true;
      }
      if (started && span.end <= at + len) {
        range.setEnd(n, span.end - at);
        return range;
      }
      at += len;
    }
    return null;
  }

  /**
   * What the box must hold once the reply is in, and how to put the caret back before each try.
   * @param {HTMLElement} el @param {string} reply @param {ReturnType<typeof K.caretKeeper>} caret
   */
  function plan(el, reply, caret, /** @type {{start: number, end: number}|null} */ span = null) {
    const doc = el.ownerDocument;
    if (K.insertKinds.isField(el)) {
      const field = /** @type {HTMLInputElement|HTMLTextAreaElement} */ (el);
      const before = field.value;
      const known = caret.fieldTouched(field);
      const at = span ?? (known ? { start: field.selectionStart ?? before.length, end: field.selectionEnd ?? before.length } : { start: before.length, end: before.length });
      const text = !span && !known && before && !/\s$/.test(before) ? ` ${reply}` : reply;
      const expected = before.slice(0, at.start) + text + before.slice(at.end);
      return {
        text, at, before,
        holds: () => field.value === expected,
        changed: () => field.value !== before,
        place() {
          field.focus({ preventScroll: true });
          field.setSelectionRange(at.start, at.end);
        },
      };
    }
    const before = el.textContent ?? "";
    const kept = span ? rangeOf(el, span) : caret.caretIn(el);
    const range = kept ?? endOf(el);
    const head = doc.createRange();
    head.setStart(el, 0);
    head.setEnd(range.startContainer, range.startOffset);
    const start = head.toString().length;
    const end = start + range.toString().length;
    const text = !kept && before.trim() && !/\s$/.test(before) ? ` ${reply}` : reply;
    const expected = squash(before.slice(0, start) + text + before.slice(end));
    return {
      text, at: { start, end }, before,
      holds: () => squash(el.textContent ?? "") === expected,
      changed: () => squash(el.textContent ?? "") !== squash(before),
      place() {
        el.focus({ preventScroll: true });
        const sel = doc.getSelection();
        if (!sel) return;
        sel.removeAllRanges();
        sel.addRange(range.cloneRange());
      },
    };
  }

  /**
   * What a reply takes the place of. A draft finding's rewrite names its span, which must still
   * read `expected`; the next suggestion names only the text it replaces (the one inserted
   * before it), found where it last occurs. Nothing to replace: null (inserted at the caret);
   * an empty box for the next suggestion too (the one before was sent). The box reads otherwise
   * (the agent edited it): "changed", and nothing is touched.
   * @param {HTMLElement} el @param {any} r @returns {{start: number, end: number}|null|"changed"}
   */
  function spanOf(el, r) {
    if (!r || typeof r !== "object") return null;
    const text = K.insertKinds.textOf(el);
    const expected = String(r.expected ?? "");
    if (r.start === undefined || r.start === null) {
      if (!text.trim()) return null;
      const at = expected ? text.lastIndexOf(expected) : -1;
      return at < 0 ? "changed" : { start: at, end: at + expected.length };
    }
    const start = Number(r.start);
    const end = Number(r.end);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || text.slice(start, end) !== expected) return "changed";
    return { start, end };
  }

  /**
   * @param {SiteAdapter} site @param {Document} doc
   * @param {{conversation: string, buyer: string, text: string, replace?: any}} request
   * @param {ReturnType<typeof K.caretKeeper>} caret
   * @returns {Promise<{ok: boolean, reason?: string, box?: string, path?: string, conversation: string}>}
   */
  return async function insertReply(site, doc, request, caret) {
    const conversation = String(request.conversation);
    const stillOpen = () => {
      const chat = site.activeChat(doc);
      // Conversation AND buyer: a page may reuse a conversation id for another buyer.
      return Boolean(chat && chat.conversation === conversation && typeof request.buyer === "string" && chat.buyer === request.buyer);
    };
    if (!stillOpen()) return { ok: false, reason: "switched", conversation };
    const el = K.insertKinds.editableOf(site.input(doc));
    if (!el || K.insertKinds.unusable(el)) return { ok: false, reason: "no_input", conversation };
    const kind = K.insertKinds.kindOf(el);
    const reply = String(request.text);
    const span = spanOf(el, request.replace);
    if (span === "changed") return { ok: false, reason: "draft_changed", conversation };
    const p = plan(el, reply, caret, span);
    for (const path of PATHS[kind] ?? PATHS.contenteditable) {
      p.place();
      // Editors follow the selection through selectionchange, which comes as a task of its own:
      // let it arrive, so the reply lands at the agent's caret and not at the editor's old one.
      if (kind !== "field") await sleep(0);
      // Paths take time; the agent may have opened another chat meanwhile.
      if (!stillOpen() || !el.isConnected) return { ok: false, reason: "switched", conversation };
      if (path === "setRange") K.insertPaths.setRange(/** @type {HTMLTextAreaElement} */ (el), p.text, p.at);
      else if (path === "exec") K.insertPaths.execInsert(doc, p.text);
      else if (path === "beforeinput") K.insertPaths.beforeInput(el, p.text);
      else K.insertPaths.paste(el, p.text);
      await effect(p);
      if (p.holds()) {
        caret.forget();
        return { ok: true, box: kind, path, conversation };
      }
      // The editor took something, but not the reply where it belongs: trying more paths
      // would pile text up. The agent is told to check the box.
      if (p.changed()) return { ok: false, reason: "garbled", box: kind, path, conversation };
    }
    return { ok: false, reason: "failed", box: kind, conversation };
  };
})();
