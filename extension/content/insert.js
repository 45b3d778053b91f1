"use strict";
// Inserts a reply at the cursor of the open chat's reply box, only if that chat is still the
// one the reply was written for (a reply in the wrong buyer's chat, 串单, is the worst mistake
// an agent can make). Never sends: the agent reads it and presses send themselves.
KefuContent.insertReply = function insertReply(site, doc, request) {
  const chat = site.activeChat(doc);
  if (!chat || chat.conversation !== request.conversation) {
    return { ok: false, reason: "switched", conversation: request.conversation, active: chat?.conversation ?? null };
  }
  const input = site.input(doc);
  if (!input) return { ok: false, reason: "no_input", conversation: request.conversation };
  const text = String(request.text);
  if (typeof input.setRangeText === "function" && "value" in input) {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.setRangeText(text, start, end, "end");
  } else if (input.isContentEditable) {
    input.focus();
    const selection = doc.getSelection();
    const range = selection && selection.rangeCount && input.contains(selection.anchorNode)
      ? selection.getRangeAt(0) : null;
    const node = doc.createTextNode(text);
    if (range) {
      range.deleteContents();
      range.insertNode(node);
      range.setStartAfter(node);
    } else {
      input.append(node);
    }
  } else {
    return { ok: false, reason: "no_input", conversation: request.conversation };
  }
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.focus();
  return { ok: true, conversation: request.conversation };
};
