"use strict";
// Site adapter for Douyin shop's 飞鸽 workspace (抖店飞鸽, im.jinritemai.com/pc_seller_v2/), a React
// app whose CSS-module class names are hashed and rotate between releases (docs/sites.md). So it
// reads only stable hooks: data-qa-id / data-btm test ids, the #topbar-left-info id, the
// messageIsMe / messageNotMe bubble names, and layout where those fail. "medium": one public
// source, hashes already rotated several times. Checked against tests/fixtures/sites/feige/.
// Helpers stay in this block, out of the page-wide scope content scripts share.
{
  // Rows carry no documented id; these attributes are tried on the active row when the header
  // is missing (data-cid is seen in one public simulation of the page only: a weak fallback).
  const ROW_ID_ATTRIBUTES = ["data-cid", "data-conversation-id", "data-uid"];
  // Data-ids of rows the platform writes itself (welcome, assignment, AI progress, closing).
  const SKIP_IDS = [/^llm_process_/, /^cs_close_conversation/, /_Welcome_/, /_CsAssign_/];

  /**
   * The agent's rows are laid out right to left: the fallback when the bubble names change.
   * @param {Element} row @returns {boolean}
   */
  function reversed(row) {
    const view = row.ownerDocument.defaultView;
    if (!view) return false;
    return [row, row.firstElementChild].some((el) => el && view.getComputedStyle(el).flexDirection === "row-reverse");
  }

  KefuContent.addSite({
    id: "feige",
    name: "抖店飞鸽",
    certainty: "medium",
    hosts: ["im.jinritemai.com"],
    patterns: ["https://im.jinritemai.com/pc_seller_v2/*", "https://im.jinritemai.com/pc_seller/*"],
    allFrames: false,
    selectors: {
      // Holds the buyer's real id as its first leaf text, beside a 添加备注 link.
      buyerInfo: ["#topbar-left-info"],
      row: ['[data-qa-id="qa-conversation-chat-item"]'],
      messageList: ['[data-qa-id="qa-message-warpper"]'],
      message: ['[data-qa-id="qa-message-warpper"] > div[data-id]'],
      agentBubble: [".messageIsMe"],
      buyerBubble: [".messageNotMe"],
      messageText: ["pre span", "pre"],
      card: [".chatd-card"],
      cardTitle: ['.chatd-card [class*="title" i]', '.chatd-card [class*="name" i]'],
      input: ['textarea[data-qa-id="qa-send-message-textarea"]', "#im-input-box"],
      send: ['div[data-qa-id="qa-send-message-button"]', '[data-qa-id="qa-send-message-button"]'],
    },

    matches(doc, loc) {
      const R = KefuContent.read;
      return loc.hostname === "im.jinritemai.com" && /^\/pc_seller(_v2)?\//.test(loc.pathname)
        && R.first(doc, this.selectors.input) !== null
        && (R.first(doc, this.selectors.messageList) !== null || R.first(doc, this.selectors.row) !== null);
    },

    activeChat(doc) {
      const R = KefuContent.read;
      let id = R.id(R.leafText(R.first(doc, this.selectors.buyerInfo), (t) => t === "添加备注", R.LIMITS.id + 1));
      if (!id) id = R.attrId(R.oddOne(R.all(doc, this.selectors.row)), ROW_ID_ATTRIBUTES);
      if (!id) return null;
      return { conversation: id, buyer: id };
    },

    message(row) {
      const R = KefuContent.read;
      const s = this.selectors;
      const dataId = R.id(row.getAttribute("data-id"));
      if (dataId && SKIP_IDS.some((re) => re.test(dataId))) return null;
      /** @type {"buyer"|"agent"} */
      const from = R.first(row, s.agentBubble) ? "agent"
        : R.first(row, s.buyerBubble) ? "buyer"
        : reversed(row) ? "agent" : "buyer";
      // A product card the buyer sends stands for its product title.
      const card = R.first(row, s.card);
      const text = card
        ? R.text(R.first(card, s.cardTitle)) || R.leafText(card)
        : R.all(row, s.messageText).map((el) => R.text(el)).join("");
      // Rows without text (notices, images) give the panel nothing to answer.
      if (!text) return null;
      return { id: dataId ?? R.hashId(from + text), from, text, at: Date.now() };
    },
  });
}
