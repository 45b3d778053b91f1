"use strict";
// Site adapter for the demo seller workbench (www/). Every selector for this site is here, and
// each is checked against the saved fixture page tests/fixtures/demo-workbench.html with the
// number of elements it must match (tests/e2e/selectors.test.mjs).
KefuContent.sites.push({
  id: "demo",
  selectors: {
    page: 'meta[name="kefu-demo"][content="workbench"]',
    chat: "#chat[data-conversation-id]",
    message: "#messages > li.message[data-message-id]",
    messageText: ".message__text",
    input: "#chat-input",
  },

  matches(doc) {
    return doc.querySelector(this.selectors.page) !== null;
  },

  /** The chat open in the page: {conversation, buyer}, or null. */
  activeChat(doc) {
    const chat = doc.querySelector(this.selectors.chat);
    if (!chat || !chat.dataset.conversationId) return null;
    return { conversation: chat.dataset.conversationId, buyer: chat.dataset.buyerId || "" };
  },

  /** The open chat's messages, oldest first: {id, from: "buyer"|"agent", text, at}. */
  messages(doc) {
    const out = [];
    for (const li of doc.querySelectorAll(this.selectors.message)) {
      const from = li.classList.contains("message--buyer") ? "buyer"
        : li.classList.contains("message--agent") ? "agent" : null;
      if (!from) continue;
      const text = li.querySelector(this.selectors.messageText)?.textContent ?? "";
      out.push({ id: li.dataset.messageId, from, text, at: Number(li.dataset.at) || Date.now() });
    }
    return out;
  },

  /** The open chat's reply box. */
  input(doc) {
    return doc.querySelector(this.selectors.input);
  },
});
