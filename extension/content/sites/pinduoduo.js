"use strict";
// Site adapter for Pinduoduo's merchant chat (拼多多商家后台 · 多多客服), a Vue 2 app in the top
// frame of mms.pinduoduo.com/chat-merchant/. Two independent public sources agree on its markup
// (docs/sites.md), hence "high". Checked against tests/fixtures/sites/pinduoduo/ (expect.json).
KefuContent.addSite({
  id: "pinduoduo",
  name: "拼多多商家后台",
  certainty: "high",
  hosts: ["mms.pinduoduo.com"],
  patterns: ["https://mms.pinduoduo.com/chat-merchant/*"],
  allFrames: false,
  selectors: {
    // The open thread carries the buyer's uid; the active row is the fallback.
    thread: ["#msgListContainer[currentuid]", "#msgListContainer"],
    activeRow: [".chat-item-box.active[data-random]", "li.chat-item .active[data-random]"],
    messageList: ["#msgListContainer > ul.msg-list", "#msgListContainer .msg-list"],
    message: ["#msgListContainer > ul.msg-list > li.onemsg", "#msgListContainer li.onemsg"],
    system: [".msg-system", '[class^="system-msg"]'],
    buyerItem: [".buyer-item"],
    // Robot replies (.cs-item.callback) are the shop's own: they count as the agent's.
    agentItem: [".cs-item"],
    card: [".good-card", ".commonCard"],
    cardTitle: ["p.good-name", ".good-name"],
    messageText: [".msg-content > p.msg-content-box", ".robot-text", ".msg-content"],
    time: ["p.message-time", ".message-time"],
    buyerName: [".chatWindowHeader .base-info .name"],
    input: ["textarea#replyTextarea", ".reply-box textarea"],
    send: [".reply-box .send-btn"],
  },

  matches(doc, loc) {
    const R = KefuContent.read;
    return loc.hostname === "mms.pinduoduo.com" && loc.pathname.startsWith("/chat-merchant/")
      && R.first(doc, this.selectors.thread) !== null && R.first(doc, this.selectors.input) !== null;
  },

  activeChat(doc) {
    const R = KefuContent.read;
    const thread = R.first(doc, this.selectors.thread);
    let uid = R.id(thread?.getAttribute("currentuid"));
    if (!uid) {
      // data-random is "<uid>-0-<group>": the same buyer has one row per group, so key by uid.
      const row = R.first(doc, this.selectors.activeRow);
      uid = R.id(row?.getAttribute("data-random")?.split("-")[0]);
    }
    if (!uid) return null;
    return { conversation: uid, buyer: uid };
  },

  message(li) {
    const R = KefuContent.read;
    const s = this.selectors;
    if (R.first(li, s.system)) return null;
    const from = R.first(li, s.buyerItem) ? "buyer" : R.first(li, s.agentItem) ? "agent" : null;
    if (!from) return null;
    // A product card the buyer sends stands for its product title.
    const card = R.first(li, s.card);
    const text = card ? R.text(R.first(card, s.cardTitle)) : R.text(R.first(li, s.messageText));
    if (!text) return null;
    const timeText = R.text(R.first(li, s.time), 64);
    // The row id is "middlePanel_list_<ms>": a stable id, and the time when the label is missing.
    const rowId = R.id(li.id);
    const idMs = rowId ? /_(\d{12,13})$/.exec(rowId)?.[1] : undefined;
    const at = R.time(timeText, R.time(idMs, Date.now()));
    return { id: rowId ?? R.hashId(from + text + timeText), from, text, at };
  },
});
