"use strict";
// What kind of reply box a page has, which decides how text goes in so that the page's own
// editor state (React/Vue state, Quill's delta, ProseMirror's document…) sees it. Setting the
// DOM directly desynchronises an editor: the page then sends what its state holds, not what
// the agent saw, and the reply is lost without a word.
KefuContent.insertKinds = (() => {
  /** Editors recognised by the markup they put on their editable root, most specific first. */
  const EDITORS = [
    { kind: "quill", selector: ".ql-editor" },
    { kind: "prosemirror", selector: ".ProseMirror" },
    { kind: "draft", selector: ".public-DraftEditor-content, [data-contents=\"true\"]" },
    { kind: "ckeditor5", selector: ".ck-editor__editable" },
    { kind: "lexical", selector: "[data-lexical-editor]" },
    { kind: "slate", selector: "[data-slate-editor]" },
  ];

  /**
   * The element that takes the text: the box itself when it is a text field or editable, else
   * the first editable inside it (a site's selector may name the editor's wrapper).
   * @param {Element|null} box @returns {HTMLElement|null}
   */
  function editableOf(box) {
    if (!box) return null;
    const el = /** @type {HTMLElement} */ (box);
    if (isField(el)) return el;
    if (el.isContentEditable) {
      // The root of the editable region, not a node inside it.
      let root = el;
      while (root.parentElement?.isContentEditable) root = root.parentElement;
      return root;
    }
    return /** @type {HTMLElement|null} */ (box.querySelector("textarea, input[type=text], input[type=search], input:not([type]), [contenteditable=\"true\"], [contenteditable=\"\"], [contenteditable=\"plaintext-only\"]"));
  }

  /** @param {Element} el @returns {el is HTMLInputElement|HTMLTextAreaElement} */
  function isField(el) {
    const tag = el.tagName;
    if (tag === "TEXTAREA") return true;
    return tag === "INPUT" && ["text", "search", ""].includes((/** @type {HTMLInputElement} */ (el)).type);
  }

  /**
   * "field" (input/textarea), a known editor, or "contenteditable" (plain, or an editor we
   * do not know, which may listen to beforeinput).
   * @param {HTMLElement} el @returns {string}
   */
  function kindOf(el) {
    if (isField(el)) return "field";
    for (const e of EDITORS) if (el.matches(e.selector) || el.closest(e.selector)) return e.kind;
    return "contenteditable";
  }

  /** The box cannot take text now (disabled, read-only, hidden). @param {HTMLElement} el */
  function unusable(el) {
    if (isField(el) && (el.disabled || el.readOnly)) return true;
    if (!isField(el) && !el.isContentEditable) return true;
    return el.getClientRects().length === 0;
  }

  /** What the box holds: a field's value, an editor's text (the offsets rewrites use). @param {HTMLElement} el */
  function textOf(el) {
    return isField(el) ? el.value : el.textContent ?? "";
  }

  return { editableOf, isField, kindOf, unusable, textOf };
})();
