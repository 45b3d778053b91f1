"use strict";
// Remembers where the agent's caret was in the reply box. Clicking a reply in the panel moves
// focus into the panel's frame, and some editors forget their selection on blur; the insert puts
// the caret back first, so the reply lands where the agent was typing.
KefuContent.caretKeeper = function caretKeeper(/** @type {Document} */ doc, /** @type {() => Element|null} */ box, /** @type {AbortSignal} */ signal) {
  /** @type {Range|null} */
  let saved = null;
  const remember = () => {
    const el = KefuContent.insertKinds.editableOf(box());
    const sel = doc.getSelection();
    if (!el || KefuContent.insertKinds.isField(el) || !sel || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (el.contains(range.startContainer) && el.contains(range.endContainer)) saved = range.cloneRange();
  };
  doc.addEventListener("selectionchange", remember, { signal });
  // A text field keeps its own selection through blur; it means something only once the agent
  // has been in the field.
  /** @type {WeakSet<Element>} */
  const touched = new WeakSet();
  doc.addEventListener("focusin", (e) => {
    if (e.target instanceof Element && KefuContent.insertKinds.isField(e.target)) touched.add(e.target);
  }, { signal });
  return {
    /** The agent has been in this field: its selection is their caret. @param {Element} el */
    fieldTouched: (el) => touched.has(el) || doc.activeElement === el,
    /** The agent's last caret in `el`, if it is still inside it. @param {HTMLElement} el */
    caretIn(el) {
      if (saved && el.contains(saved.startContainer) && el.contains(saved.endContainer)) return saved.cloneRange();
      return null;
    },
    forget() {
      saved = null;
    },
  };
};
