"use strict";
// Zero-config detection, part 1: the reply box. On a chat page it is a visible, editable text
// field (a textarea or a contenteditable), low on the page and wide, usually with a send button
// beside it; a search box at the top of a conversation list is not one.
KefuContent.detect = KefuContent.detect ?? {};
KefuContent.detect.replyBox = (() => {
  const FIELDS = "textarea, [contenteditable=''], [contenteditable='true'], [contenteditable='plaintext-only'], input[type='text'], input:not([type])";
  const REPLY_HINT = /输入|回复|消息|发送|说点|聊|message|reply|type|write|chat|compose|say/i;
  const SEARCH_HINT = /搜索|查找|查询|筛选|search|find|filter/i;
  const SEND_TEXT = /^\s*(发送|发 送|發送|send|reply|回复)\s*$/i;
  const SEND_HINT = /发送|發送|send|submit/i;

  /** @param {Element} el */
  function visible(el) {
    const r = el.getBoundingClientRect();
    if (r.width < 80 || r.height < 14) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0.05;
  }

  /** @param {Element} el */
  function editable(el) {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return !el.readOnly && !el.disabled && el.type !== "search";
    // The outermost editable element only (a rich editor's inner blocks are part of it).
    return /** @type {HTMLElement} */ (el).isContentEditable && !el.parentElement?.closest("[contenteditable='true'], [contenteditable=''], [contenteditable='plaintext-only']");
  }

  /** The words a field says about itself. @param {Element} el */
  function hints(el) {
    return ["placeholder", "aria-label", "title", "name", "data-placeholder"].map((a) => el.getAttribute(a) ?? "").join(" ");
  }

  /**
   * A send-like button near the field: within a few ancestors, a button (or something clickable)
   * that says 发送/Send, or a form's submit button. @param {Element} field @returns {Element|null}
   */
  function sendNear(field) {
    let scope = field.parentElement;
    for (let depth = 0; scope && depth < 5; depth += 1, scope = scope.parentElement) {
      for (const b of scope.querySelectorAll("button, [role='button'], input[type='submit'], a, [class*='send' i]")) {
        if (b === field || b.contains(field)) continue;
        const words = `${b.textContent ?? ""}`.trim();
        if (SEND_TEXT.test(words) || SEND_HINT.test(hints(b)) || SEND_HINT.test(b.className?.toString?.() ?? "") || (b.matches("button[type='submit'], input[type='submit']") && b.closest("form") === field.closest("form"))) return b;
      }
    }
    return null;
  }

  /**
   * The likeliest reply box, its send button and how sure we are (0…1), or null.
   * @param {Document} doc
   * @returns {{el: Element, send: Element|null, confidence: number}|null}
   */
  function find(doc) {
    const height = doc.defaultView?.innerHeight || 1;
    const scored = [];
    for (const el of doc.querySelectorAll(FIELDS)) {
      if (el.closest("#kefu-assist-frame, [data-kefu-overlay]") || !editable(el) || !visible(el)) continue;
      const r = el.getBoundingClientRect();
      const words = hints(el);
      if (SEARCH_HINT.test(words)) continue;
      const send = sendNear(el);
      let score = 0;
      score += 2 * Math.min(1, Math.max(0, r.top / height));
      score += Math.min(1, r.width / 500);
      score += el instanceof HTMLInputElement ? 0.2 : 0.8;
      if (REPLY_HINT.test(words)) score += 1;
      if (send) score += 1.5;
      scored.push({ el, send, score });
    }
    scored.sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (!best) return null;
    // Sure when it scores well and clearly beats the next field.
    const margin = second ? best.score - second.score : best.score;
    const confidence = Math.max(0, Math.min(1, (best.score - 1.5) / 3 + Math.min(margin, 1.5) / 3));
    return { el: best.el, send: best.send, confidence };
  }

  return { find, sendNear };
})();
