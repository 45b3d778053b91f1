"use strict";
// The ways text can go into a reply box, each through an input path the page's editor listens
// to. None of them presses a key, so none can send: the agent reads the reply and sends it.
KefuContent.insertPaths = (() => {
  /**
   * Text fields: the browser's own value change (setRangeText), then the events React, Vue and
   * plain pages listen to. React notices because setRangeText bypasses its value tracker.
   * @param {HTMLInputElement|HTMLTextAreaElement} el @param {string} text
   * @param {{start: number, end: number}} at
   */
  function setRange(el, text, at) {
    el.setRangeText(text, at.start, at.end, "end");
    el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /**
   * The editing command a user's typing goes through: fires beforeinput/input as typing does,
   * which rich editors (Quill, ProseMirror, CKEditor, Draft.js) turn into their own state, and
   * it can be undone with Ctrl+Z. Needs the box focused with the caret placed.
   * @param {Document} doc @param {string} text
   */
  function execInsert(doc, text) {
    return doc.execCommand("insertText", false, text);
  }

  /**
   * For editors that take typing only from beforeinput (Lexical, Slate, …): they cancel the
   * event and update their state; nothing happens where nobody listens.
   * @param {HTMLElement} el @param {string} text
   */
  function beforeInput(el, text) {
    const event = new InputEvent("beforeinput", { bubbles: true, cancelable: true, composed: true, inputType: "insertText", data: text });
    el.dispatchEvent(event);
    return event.defaultPrevented;
  }

  /**
   * A paste of plain text, which nearly every editor handles itself.
   * @param {HTMLElement} el @param {string} text
   */
  function paste(el, text) {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", { bubbles: true, cancelable: true, composed: true, clipboardData: data });
    el.dispatchEvent(event);
    return event.defaultPrevented;
  }

  return { setRange, execInsert, beforeInput, paste };
})();
