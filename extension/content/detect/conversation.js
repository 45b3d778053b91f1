"use strict";
// Zero-config detection, part 4: which conversation is open. The selected row of a conversation
// list (aria-selected, aria-current, or an active/selected/current class), else a heading above
// the message list (the buyer's name), else the page's address. The same source names the buyer.
KefuContent.detect.conversation = (() => {
  const SELECTED = ["[aria-selected='true']", "[aria-current='true']", "[aria-current='page']"];
  const SELECTED_CLASS = /(^|[-_])(active|selected|current|checked|on)($|[-_])/i;

  /**
   * A selector for the short text that names the open conversation, or null.
   * @param {Document} doc @param {Element} list @param {(el: Element) => string|null} selectorOf
   */
  function nameSelector(doc, list, selectorOf) {
    // The selected row of a list beside the chat.
    const rows = [...doc.querySelectorAll(SELECTED.join(", "))].filter((el) => !list.contains(el) && !el.contains(list));
    for (const el of doc.querySelectorAll("[class]")) {
      if (rows.length > 3) break;
      if (list.contains(el) || el.contains(list)) continue;
      if ([...el.classList].some((c) => SELECTED_CLASS.test(c)) && el.parentElement && el.parentElement.children.length > 1) rows.push(el);
    }
    for (const row of rows) {
      const name = firstShortText(row);
      const sel = name && selectorOfSelected(row, name, selectorOf);
      if (sel) return { selector: sel, how: "selected row", confidence: 0.8 };
    }
    // A heading over the chat: an h1–h4, [role=heading] or header whose text is short.
    const top = list.getBoundingClientRect().top;
    const headings = [...doc.querySelectorAll("h1, h2, h3, h4, [role='heading'], header")]
      .filter((h) => !list.contains(h) && h.getBoundingClientRect().bottom <= top + 4 && firstShortText(h));
    headings.sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom);
    for (const h of headings) {
      const name = /** @type {Element} */ (firstShortText(h));
      const sel = selectorOf(name);
      if (sel) return { selector: sel, how: "heading", confidence: 0.6 };
    }
    return null;
  }

  /** The first element inside `root` (or root) whose own text is short and not empty. @param {Element} root */
  function firstShortText(root) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? "").join("").trim();
      if (own && own.length <= 40) return el;
    }
    return null;
  }

  /**
   * A selector for the name inside the selected row: the row's marker plus the name's place in
   * it, so it follows the selection. @param {Element} row @param {Element} name @param {(el: Element) => string|null} selectorOf
   */
  function selectorOfSelected(row, name, selectorOf) {
    const marker = SELECTED.find((s) => row.matches(s)) ?? [...row.classList].filter((c) => SELECTED_CLASS.test(c)).map((c) => `.${CSS.escape(c)}`)[0];
    if (!marker) return null;
    const inner = name === row ? "" : ` ${name.tagName.toLowerCase()}${[...name.classList].slice(0, 1).map((c) => `.${CSS.escape(c)}`).join("")}`;
    const sel = `${marker}${inner}`;
    try {
      return row.ownerDocument.querySelector(sel) === name ? sel : selectorOf(name);
    } catch {
      return null;
    }
  }

  /**
   * The config's `conversation` and `buyer` sources, and how sure we are.
   * @param {Document} doc @param {Element} list @param {(el: Element) => string|null} selectorOf
   */
  function find(doc, list, selectorOf) {
    const found = nameSelector(doc, list, selectorOf);
    if (!found) return { conversation: { from: /** @type {"url"} */ ("url") }, buyer: undefined, confidence: 0.3, how: "address" };
    return { conversation: { selector: [found.selector] }, buyer: { selector: [found.selector] }, confidence: found.confidence, how: found.how };
  }

  return { find };
})();
