"use strict";
// Site adapter for the demo seller workbench (www/) and the editor test pages built like it.
// Every selector for this site is here, each checked against the saved fixture page
// tests/fixtures/demo-workbench.html with the number of elements it must match
// (tests/e2e/selectors.test.mjs).
KefuContent.addSite({
  id: "demo",
  name: "演示工作台",
  certainty: "high",
  hosts: ["127.0.0.1", "localhost"],
  // The demo runs on this machine only; store builds leave this adapter out.
  patterns: ["http://127.0.0.1/*", "http://localhost/*"],
  allFrames: false,
  devOnly: true,
  selectors: {
    page: ['meta[name="kefu-demo"][content="workbench"]'],
    chat: ["#chat[data-conversation-id]"],
    messageList: ["#messages"],
    message: ["#messages > li.message[data-message-id]"],
    messageText: [".message__text"],
    input: ["#chat-input"],
    send: ["#send-button"],
  },

  matches(doc) {
    return KefuContent.read.first(doc, this.selectors.page) !== null;
  },

  activeChat(doc) {
    const R = KefuContent.read;
    const chat = R.first(doc, this.selectors.chat);
    const conversation = R.id(chat?.getAttribute("data-conversation-id"));
    if (!chat || !conversation) return null;
    return { conversation, buyer: R.id(chat.getAttribute("data-buyer-id")) ?? "" };
  },

  message(li) {
    const R = KefuContent.read;
    /** @type {"buyer"|"agent"|null} */
    const from = li.classList.contains("message--buyer") ? "buyer"
      : li.classList.contains("message--agent") ? "agent" : null;
    const id = R.id(li.getAttribute("data-message-id"));
    if (!from || !id) return null;
    const text = R.text(R.first(li, this.selectors.messageText));
    return { id, from, text, at: R.time(li.getAttribute("data-at"), Date.now()) };
  },
});
