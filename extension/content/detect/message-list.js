"use strict";
// Zero-config detection, part 2: the message list. It stands above the reply box, in the same
// column, and its children are the messages: many siblings of one shape, each with some text.
// (A conversation list has many such children too, but beside the reply box, not above it.)
KefuContent.detect.messageList = (() => {
  const MIN_MESSAGES = 2;
  const LOOKED_AT = 60;

  /** Children that hold some text (messages; not spacers). @param {Element} el */
  function textChildren(el) {
    const out = [];
    for (const c of el.children) if ((c.textContent ?? "").trim()) out.push(c);
    return out;
  }

  /** How alike the children look: the share of the commonest tag + first class token. @param {Element[]} kids */
  function alike(kids) {
    /** @type {Map<string, number>} */
    const shapes = new Map();
    for (const k of kids) {
      const shape = `${k.tagName}.${k.classList[0] ?? ""}`;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
    return Math.max(0, ...shapes.values()) / Math.max(1, kids.length);
  }

  /** Whether `el` or one of its close ancestors scrolls vertically. @param {Element} el */
  function scrolls(el) {
    for (let e = /** @type {Element|null} */ (el), depth = 0; e && depth < 4; e = e.parentElement, depth += 1) {
      const y = getComputedStyle(e).overflowY;
      if ((y === "auto" || y === "scroll") && e.scrollHeight >= e.clientHeight) return true;
    }
    return false;
  }

  /**
   * Elements stacked above the reply box, in its column: their ancestors are the candidates.
   * @param {Document} doc @param {DOMRect} box
   */
  function column(doc, box) {
    /** @type {Set<Element>} */
    const seen = new Set();
    const x = box.left + box.width / 2;
    for (let y = box.top - 12, i = 0; y > 0 && i < 24; y -= Math.max(16, box.top / 24), i += 1) {
      for (const hit of doc.elementsFromPoint(x, y)) {
        for (let e = /** @type {Element|null} */ (hit); e && e !== doc.body && !seen.has(e); e = e.parentElement) seen.add(e);
      }
    }
    return [...seen];
  }

  /**
   * The likeliest message list above the reply box (or anywhere, without one), its message
   * elements and how sure we are (0…1), or null.
   * @param {Document} doc @param {Element|null} replyBox
   * @returns {{list: Element, items: Element[], confidence: number}|null}
   */
  function find(doc, replyBox) {
    const box = replyBox?.getBoundingClientRect() ?? null;
    const candidates = box ? column(doc, box) : [...doc.querySelectorAll("ul, ol, div, section")].slice(0, 2000);
    let best = null;
    for (const el of candidates) {
      if (el.closest("#kefu-assist-frame, [data-kefu-overlay]") || (replyBox && el.contains(replyBox))) continue;
      const kids = textChildren(el);
      if (kids.length < MIN_MESSAGES) continue;
      const r = el.getBoundingClientRect();
      if (box && (r.bottom > box.bottom + 4 || r.right < box.left || r.left > box.right)) continue;
      const shape = alike(kids.slice(-LOOKED_AT));
      const score = Math.min(kids.length, 30) * (0.4 + shape) + (scrolls(el) ? 6 : 0) + (box ? 3 * Math.min(1, r.width / Math.max(1, box.width)) : 0);
      if (!best || score > best.score) best = { el, kids, score, shape };
    }
    if (!best) return null;
    const confidence = Math.max(0, Math.min(1, (best.kids.length >= 4 ? 0.5 : 0.25) + best.shape * 0.3 + (scrolls(best.el) ? 0.2 : 0)));
    return { list: best.el, items: best.kids, confidence };
  }

  // A time or date shown in a message, often updated in place ("5秒前", "14:02", "昨天 09:10").
  const TIME = /^(刚刚|just now|\d+\s*(秒|分钟?|小时|天|s|m|h|min|sec)\S*\s*(前|ago)?|\d{1,2}:\d{2}(:\d{2})?|(昨天|今天|前天)\s*\d{1,2}:\d{2}|\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}.*)$/i;

  /**
   * A selector (inside a message) for the element holding its words, when a message also shows a
   * time or a name beside them: the same place in every message, never a time. Null when the
   * message's whole text will do.
   * @param {Element[]} items
   */
  function textSelector(items) {
    const R = KefuContent.read;
    // Messages showing a time beside their words (a typing indicator or a date line shows none).
    const timed = (/** @type {Element} */ item) => [...item.querySelectorAll("*")].some((e) => !e.children.length && TIME.test(R.text(e)));
    const sample = items.slice(-12).filter((el) => R.text(el) && timed(el));
    const newest = sample.at(-1);
    if (!newest) return null;
    // The leaf element with the most words that is not a time, in the newest message.
    let best = null;
    for (const e of newest.querySelectorAll("*")) {
      const t = R.text(e);
      if (!t || TIME.test(t) || [...e.children].some((c) => R.text(c) === t)) continue;
      if (e.querySelector("*") && [...e.querySelectorAll("*")].some((c) => TIME.test(R.text(c)))) continue;
      if (!best || t.length > R.text(best).length) best = e;
    }
    if (!best) return null;
    const tag = CSS.escape(best.localName);
    // Its place from the message down, when no class names it alone.
    const steps = [];
    for (let e = /** @type {Element|null} */ (best); e && e !== newest; e = e.parentElement) {
      steps.unshift(`${CSS.escape(e.localName)}:nth-child(${[...(e.parentElement?.children ?? [])].indexOf(e) + 1})`);
    }
    const place = `:scope > ${steps.join(" > ")}`;
    for (const candidate of [...[...best.classList].map((c) => `${tag}.${CSS.escape(c)}`), place]) {
      const ok = sample.every((item) => {
        const found = item.querySelectorAll(candidate);
        return found.length === 1 && R.text(found[0]) && !TIME.test(R.text(found[0]));
      });
      if (ok) return candidate;
    }
    return null;
  }

  return { find, textChildren, textSelector };
})();
