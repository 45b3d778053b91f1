"use strict";
// Site adapter for Kuaishou shop's customer-service workbench (快手小店, im.kwaixiaodian.com/
// workbench), an antd app in the top frame. Its class names carry semantic prefixes
// (SessionListGroup-*, ChatMessageList-*, kwaishop-cs-Layout*), and every message row's id is
// "0_<buyerId>_<messageId>": the buyer's id is read from there. The reply box is Quill. "medium":
// the markup comes from public projects (docs/sites.md), not checked on a live page. Checked
// against tests/fixtures/sites/kuaishou/ (expect.json).
// Helpers stay in this block, out of the page-wide scope content scripts share.
{
  // Text markers the page puts before its own notices. The shop's automatic replies are the
  // shop's words (the agent's); other system notices are skipped.
  const AUTO_REPLY = /^\s*\[系统自动回复消息\]\s*/;
  const SYSTEM = /^\s*\[系统消息\]/;
  // A card's price is not its title.
  const PRICE = /^[¥￥$]|^[\d\s.,]+$/;

  /**
   * `el` itself or its first descendant matching a candidate, so a row may carry the class or
   * wrap the element that does.
   * @param {Element} el @param {string[]} candidates @returns {Element|null}
   */
  function own(el, candidates) {
    for (const selector of candidates) {
      if (el.matches(selector)) return el;
      const found = el.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  /**
   * The buyer id in a message row id "0_<buyerId>_<messageId>".
   * @param {Element} row @returns {string|null}
   */
  function rowBuyer(row) {
    const parts = row.id.split("_");
    return parts.length >= 3 ? KefuContent.read.id(parts[1]) : null;
  }

  KefuContent.addSite({
    id: "kuaishou",
    name: "快手小店",
    certainty: "medium",
    hosts: ["im.kwaixiaodian.com"],
    patterns: ["https://im.kwaixiaodian.com/workbench*"],
    allFrames: false,
    selectors: {
      buyerName: [".TargetUserHeader .LoginUserInfo-mainTitle-text"],
      messageList: [".ChatMessageList .ChatMessageList-ContentWrap", ".ChatMessageList"],
      message: ['.ChatMessageList-ContentWrap div[id^="0_"]', '.ChatMessageList div[id^="0_"]'],
      mine: [".kwaishop-cs-LayoutDefaultWrapper_lrWrapper__isMine", '[class*="lrWrapper__isMine"]'],
      notMe: [".kwaishop-cs-LayoutDefaultWrapper_lrWrapper__notMe", '[class*="lrWrapper__notMe"]'],
      body: [".kwaishop-cs-LayoutDefaultWrapper_msgBody", '[class*="LayoutDefaultWrapper_msgBody"]'],
      // Notices and cards the page shows mid-list.
      middle: [".kwaishop-cs-LayoutMiddleWrapper_msgBody", '[class*="LayoutMiddleWrapper_msgBody"]'],
      card: ['[class*="GoodsCard_card"]', '[class*="GoodsCard"]', '[class*="ProductCard"]'],
      cardTitle: ['[class*="GoodsCard_title"]', '[class*="Card"] [class*="title" i]'],
      input: [".SendBox .SendBox-Editor .ql-editor", ".SendBox .ql-editor[contenteditable=true]"],
      send: [".SendBox-buttonRight .ant-btn-primary", ".SendBox .ant-btn-primary"],
    },

    matches(doc, loc) {
      const R = KefuContent.read;
      return loc.hostname === "im.kwaixiaodian.com" && loc.pathname.startsWith("/workbench")
        && R.first(doc, this.selectors.messageList) !== null && R.first(doc, this.selectors.input) !== null;
    },

    activeChat(doc) {
      const R = KefuContent.read;
      const rows = R.all(doc, this.selectors.message);
      // The buyer's own rows first: they surely carry the buyer's id.
      const theirs = rows.filter((row) => own(row, this.selectors.notMe));
      let buyer = null;
      for (const row of [...theirs, ...rows]) {
        buyer = rowBuyer(row);
        if (buyer) break;
      }
      if (!buyer) return null;
      // One session per buyer with this shop: the buyer id keys both.
      return { conversation: buyer, buyer };
    },

    message(row) {
      const R = KefuContent.read;
      const s = this.selectors;
      /** @type {"buyer"|"agent"|null} */
      let from = null;
      let text = "";
      const middle = own(row, s.middle);
      if (middle) {
        // Mid-list: system notices (skipped) and the shop's automatic replies.
        const t = R.text(middle);
        if (!AUTO_REPLY.test(t)) return null;
        from = "agent";
        text = t.replace(AUTO_REPLY, "");
      } else {
        from = own(row, s.mine) ? "agent" : own(row, s.notMe) ? "buyer" : null;
        const body = own(row, s.body);
        if (!from || !body) return null;
        // A product card the buyer sends stands for its product title.
        const card = R.first(body, s.card);
        text = card ? R.text(R.first(card, s.cardTitle)) || R.leafText(card, (t) => PRICE.test(t)) : R.text(body);
        if (SYSTEM.test(text)) return null;
        text = text.replace(AUTO_REPLY, "");
      }
      if (!text) return null;
      // No time that public sources name in the markup: the row id is the stable part.
      const id = R.id(row.id);
      return { id: id ?? R.hashId(from + text), from, text, at: Date.now() };
    },
  });
}
