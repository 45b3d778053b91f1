"use strict";
// Site adapter for the demo seller workbench (www/) and the editor test pages built like it: a
// site config (docs/site-config.md), no code.
// Every selector for this site is here, each checked against the saved fixture page
// tests/fixtures/demo-workbench.html with the number of elements it must match
// (tests/e2e/selectors.test.mjs).
KefuContent.addSite({
  ...KefuContent.siteConfig.adapter({
    kefu_site: 1,
    id: "demo",
    name: "演示工作台",
    certainty: "high",
    hosts: ["127.0.0.1", "localhost"],
    // The demo runs on this machine only; store builds leave this adapter out.
    patterns: ["http://127.0.0.1/*", "http://localhost/*"],
    allFrames: false,
    selectors: {
      page: ['meta[name="kefu-demo"][content="workbench"]'],
      chat: ["#chat[data-conversation-id]"],
      messageList: ["#messages"],
      message: ["#messages > li.message[data-message-id]"],
      messageText: [".message__text"],
      input: ["#chat-input"],
      send: ["#send-button"],
    },
    conversation: { attribute: "data-conversation-id" },
    buyer: { attribute: "data-buyer-id" },
    messageId: { attribute: "data-message-id" },
    time: { attribute: "data-at" },
    direction: { agent: [".message--agent"], buyer: [".message--buyer"] },
  }),
  devOnly: true,
});
