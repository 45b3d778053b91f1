"use strict";
// Reading what a chat page shows. Everything read from a page (ids, names, times, text) is
// untrusted: the page may be hostile or simply odd. These helpers bound and validate it, so an
// adapter never hands the panel a megabyte id, a control character or a time in year 50000.
KefuContent.read = (() => {
  const LIMITS = Object.freeze({ id: 128, text: 2000, name: 64 });
  // Times outside these bounds are not believed: 2001-09-09 … now + 1 day.
  const EARLIEST_MS = 1_000_000_000_000;
  const DAY_MS = 86_400_000;

  /**
   * The first element matched by the first candidate selector that matches anything.
   * @param {ParentNode} root @param {string[]} candidates @returns {Element|null}
   */
  function first(root, candidates) {
    for (const selector of candidates) {
      const found = root.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  /**
   * Every element matched by the first candidate selector that matches anything.
   * @param {ParentNode} root @param {string[]} candidates @returns {Element[]}
   */
  function all(root, candidates) {
    for (const selector of candidates) {
      const found = root.querySelectorAll(selector);
      if (found.length) return [...found];
    }
    return [];
  }

  /**
   * A string cut to `max` characters (whole code points), control characters dropped.
   * @param {unknown} value @param {number} max @returns {string}
   */
  function bounded(value, max) {
    const s = String(value ?? "").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
    if (s.length <= max) return s;
    return [...s].slice(0, max).join("");
  }

  /**
   * An element's text, whitespace collapsed, bounded.
   * @param {Element|null|undefined} el @param {number} [max] @returns {string}
   */
  function text(el, max = LIMITS.text) {
    if (!el) return "";
    return bounded((el.textContent ?? "").replace(/\s+/g, " ").trim(), max);
  }

  // What the page gave that was not believed, each distinct value counted once (pages are read
  // again on every change): the panel's health line shows the count and the last reason.
  const REJECTS_KEPT = 1000;
  /** @type {Set<string>} */
  const rejectedValues = new Set();
  let rejectCount = 0;
  let lastReject = "";

  /**
   * Notes a value the page gave that was refused. @param {string} what @param {unknown} value
   */
  function reject(what, value) {
    const s = String(value);
    const key = `${what}\n${s.length}\n${s.slice(0, 64)}`;
    if (rejectedValues.has(key)) return;
    if (rejectedValues.size >= REJECTS_KEPT) rejectedValues.clear();
    rejectedValues.add(key);
    rejectCount += 1;
    const shown = s.length > 24 ? `${s.slice(0, 24)}… (${s.length} characters)` : s;
    lastReject = `${what} ${JSON.stringify(shown)}`;
  }

  /** How many distinct values of the page were refused so far, and the last. */
  function rejects() {
    return { count: rejectCount, why: lastReject };
  }

  /**
   * An id from the page, or null when it is missing or not id-like (too long, spaces, controls);
   * a present id that is refused is counted (`rejects`).
   * @param {unknown} value @returns {string|null}
   */
  function id(value) {
    if (typeof value !== "string") return null;
    const s = value.trim();
    if (!s) return null;
    if (s.length > LIMITS.id || /[\s\u0000-\u001f\u007f]/.test(s)) {
      reject("id", s);
      return null;
    }
    return s;
  }

  /**
   * A time from the page in ms since the epoch: a number of ms or s, or a date such as
   * "2026年09月08日 17:30:17" / "2026-09-08 17:30:17" (local time). Anything unbelievable gives
   * `fallback`.
   * @param {unknown} value @param {number} fallback @returns {number}
   */
  function time(value, fallback) {
    const got = believedTime(value);
    if (got !== null) return got;
    if (value !== null && value !== undefined && String(value).trim() !== "") reject("time", value);
    return fallback;
  }

  /** @param {unknown} value @returns {number|null} */
  function believedTime(value) {
    const fallback = null;
    const ok = (/** @type {number} */ ms) => Number.isSafeInteger(ms) && ms >= EARLIEST_MS && ms <= Date.now() + DAY_MS;
    if (typeof value === "number" || (typeof value === "string" && /^\d{9,13}$/.test(value.trim()))) {
      const n = Number(value);
      if (!Number.isInteger(n)) return fallback;
      const ms = n < 1e11 ? n * 1000 : n;
      return ok(ms) ? ms : fallback;
    }
    if (typeof value !== "string") return fallback;
    const m = /(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})(?:\D{1,3}?(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
    if (!m) return fallback;
    const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x ?? "0");
    const ms = new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime();
    return ok(ms) ? ms : fallback;
  }

  /**
   * Which side of `list` the element sits on, for pages that mark direction only by layout
   * (the agent's own bubbles are on the right).
   * @param {Element} el @param {Element} list @returns {"left"|"right"}
   */
  function side(el, list) {
    const box = el.getBoundingClientRect();
    const area = list.getBoundingClientRect();
    const left = box.left - area.left;
    const right = area.right - box.right;
    return right + 1 < left ? "right" : "left";
  }

  // A bubble's colour is looked for this deep below the message element, in this many elements.
  const BUBBLE_DEPTH = 4;
  const BUBBLE_LOOKS = 30;
  // Computed backgrounds that paint nothing: "transparent" and any colour of alpha 0.
  const NO_COLOUR = /^(transparent|rgba\(\s*\d+(\.\d+)?,\s*\d+(\.\d+)?,\s*\d+(\.\d+)?,\s*0(\.0*)?\s*\))$/;

  /**
   * The colour of a message's bubble, for pages that mark direction only by it: the computed
   * `background-color` of `el` or of the first element below it (breadth-first, at most 4 levels
   * down, at most 30 elements looked at) whose background is not transparent, as the browser
   * writes it ("rgb(149, 236, 105)", "rgba(0, 0, 0, 0.5)"); null when none has one.
   * @param {Element} el @returns {string|null}
   */
  function bubbleColour(el) {
    const view = el.ownerDocument?.defaultView;
    if (!view) return null;
    /** @type {[Element, number][]} */
    const queue = [[el, 0]];
    for (let i = 0; i < queue.length && i < BUBBLE_LOOKS; i++) {
      const [e, depth] = queue[i];
      const colour = view.getComputedStyle(e).backgroundColor;
      if (colour && !NO_COLOUR.test(colour.trim())) return colour.trim();
      if (depth < BUBBLE_DEPTH) {
        for (const child of e.children) {
          if (queue.length >= BUBBLE_LOOKS) break;
          queue.push([child, depth + 1]);
        }
      }
    }
    return null;
  }

  /**
   * The box around an element's text (a chat row is often as wide as the list; its text is not).
   * @param {Element} el @returns {DOMRect}
   */
  function textBox(el) {
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
  }

  /**
   * Where a message's text sits across the list: "left", "right", or "middle" (a date line, a
   * notice: no one's message). Its text, not its box: rows are often as wide as the list.
   * @param {Element} el @param {Element} list @returns {"left"|"right"|"middle"}
   */
  function textSide(el, list) {
    const text = textBox(el);
    const area = list.getBoundingClientRect();
    const left = text.left - area.left;
    const right = area.right - text.right;
    if (Math.abs(left - right) < Math.max(24, area.width * 0.08)) return "middle";
    return left < right ? "left" : "right";
  }

  // The words pages use for whose a message is, in class names and attributes (chat kits mark
  // their bubbles so): outgoing/incoming, self/other, right/left, me/them, agent/buyer…
  const AGENT_WORDS = new Set(["self", "me", "mine", "my", "own", "right", "out", "outgoing", "outbound", "sent", "agent", "seller", "staff", "kefu", "operator", "owner"]);
  const BUYER_WORDS = new Set(["other", "others", "left", "in", "incoming", "inbound", "received", "receive", "buyer", "customer", "them", "their", "guest", "visitor", "client", "user"]);

  /**
   * Which side a class name or attribute value names: "agent", "buyer" or null. Its words:
   * `cs-message--outgoing` → cs message outgoing; `messageIsMe` → message is me; "not me" is the
   * buyer. @param {string} s @returns {"agent"|"buyer"|null}
   */
  function sideWord(s) {
    const words = s.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z]+/).filter(Boolean);
    if (words.some((w) => w === "not" || w === "no" || w === "non") && words.some((w) => AGENT_WORDS.has(w))) return "buyer";
    const agent = words.some((w) => AGENT_WORDS.has(w));
    const buyer = words.some((w) => BUYER_WORDS.has(w));
    return agent === buyer ? null : agent ? "agent" : "buyer";
  }

  /**
   * A stable id for a message that has none: a hash of what it says, where, and when.
   * @param {string} s @returns {string}
   */
  function hashId(s) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return `h${(h >>> 0).toString(36)}`;
  }

  /**
   * The first non-empty text of an element with no element children inside `root` (a card's
   * title, a header's name), skipping texts `reject` turns down (prices, labels).
   * @param {Element|null} root @param {(text: string) => boolean} [reject] @param {number} [max]
   * @returns {string}
   */
  function leafText(root, reject = () => false, max = LIMITS.text) {
    if (!root) return "";
    for (const el of root.querySelectorAll("*")) {
      if (el.children.length) continue;
      const t = text(el, max);
      if (t && !reject(t)) return t;
    }
    return "";
  }

  /**
   * The one element whose class list holds a token no other of them has: how a selected row
   * shows itself when its only marker is a hashed state class. Null unless exactly one does.
   * @param {Element[]} elements @returns {Element|null}
   */
  function oddOne(elements) {
    if (elements.length < 2) return null;
    /** @type {Map<string, number>} */
    const seen = new Map();
    for (const el of elements) for (const t of new Set(el.classList)) seen.set(t, (seen.get(t) ?? 0) + 1);
    const odd = elements.filter((el) => [...el.classList].some((t) => seen.get(t) === 1));
    return odd.length === 1 ? odd[0] : null;
  }

  /**
   * The first id-like value among the attributes `names` of `el`.
   * @param {Element|null|undefined} el @param {string[]} names @returns {string|null}
   */
  function attrId(el, names) {
    for (const name of names) {
      const found = id(el?.getAttribute(name));
      if (found) return found;
    }
    return null;
  }

  return { LIMITS, first, all, bounded, text, id, time, side, textBox, textSide, sideWord, bubbleColour, hashId, leafText, oddOne, attrId, reject, rejects };
})();
