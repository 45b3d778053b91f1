"use strict";
// Site adapter for JD's seller chat (京东咚咚, dongdong.jd.com), in the top frame. Its class names
// are semantic (c_tabs-*, alluser-*, message_*), and a conversation row's id carries the buyer's
// pin: u_<pin>imcustomer<venderId>. The reply box is a pell-style contenteditable. "medium": the
// markup comes from public projects (docs/sites.md) that agree but were not checked on a live page.
// Checked against tests/fixtures/sites/jd/ (expect.json).
// Helpers stay in this block, out of the page-wide scope content scripts share.
{
  // The pin is everything between "u_" and the last "imcustomer" (pins may hold letters, digits,
  // "_" and "-"); the vender id after it is the shop's, the same on every row.
  const ROW_ID = /^u_(.+)imcustomer\d*$/;
  // The title of the tab that lists the conversations under way.
  const CONSULTING = "正在咨询";
  // A card's price or item number is not its title.
  const NOT_TITLE = /^[¥￥$]|^[\d\s.,]+$|^商品编号/;

  KefuContent.addSite({
    id: "jd",
    name: "京东咚咚",
    certainty: "medium",
    hosts: ["dongdong.jd.com"],
    patterns: ["https://dongdong.jd.com/*"],
    allFrames: false,
    selectors: {
      // Hidden tab panes stay in the DOM: rows are read from the shown pane only.
      activeRow: [
        '#t-alluser-wrap .c_tabs-tabpane:not(.c_tabs-tab_inactive) .alluser-item.alluser-current[id^="u_"]',
        '.c_tabs-tabpane:not(.c_tabs-tab_inactive) .alluser-item.alluser-current[id^="u_"]',
      ],
      // When another tab (最近联系…) is shown, the open chat is still the one selected in the
      // 正在咨询 pane: tabs and panes pair by position.
      tab: ["#t-alluser-wrap .c_tabs-tab"],
      pane: ["#t-alluser-wrap .c_tabs-tabpane"],
      currentRow: ['.alluser-item.alluser-current[id^="u_"]'],
      buyerName: [".chat-head-title > .chat-head-name"],
      messageList: ["#t-chat-scroll .c-wrap", "#t-chat-scroll"],
      message: ["#t-chat-scroll .c-wrap .message", "#t-chat-scroll .message"],
      system: [".message__system"],
      messageText: ["pre.message__text > span.message__content", ".message__content", "pre.message__text"],
      card: [".ProductCard"],
      cardTitle: ['.ProductCard a[href*="item.jd.com"]', '.ProductCard [class*="title" i]'],
      time: [".message__time"],
      input: [".chat-foot .EditorContent[contenteditable=true]", '.chat-foot [contenteditable="true"]'],
      send: [".SendButtonGroup > span.send-button", ".chat-foot .send-button"],
    },

    matches(doc, loc) {
      const R = KefuContent.read;
      return loc.hostname === "dongdong.jd.com"
        && R.first(doc, this.selectors.messageList) !== null && R.first(doc, this.selectors.input) !== null;
    },

    activeChat(doc) {
      const R = KefuContent.read;
      const s = this.selectors;
      let row = R.first(doc, s.activeRow);
      if (!row) {
        const tabs = R.all(doc, s.tab);
        const panes = R.all(doc, s.pane);
        const i = tabs.findIndex((t) => t.getAttribute("title") === CONSULTING);
        if (i >= 0 && tabs.length === panes.length) row = R.first(panes[i], s.currentRow);
      }
      const pin = R.id(ROW_ID.exec(row?.id ?? "")?.[1]);
      if (!pin) return null;
      // One conversation per buyer with this shop: the pin keys both.
      return { conversation: pin, buyer: pin };
    },

    message(el) {
      const R = KefuContent.read;
      const s = this.selectors;
      // System rows (centred notices) are neither side's words.
      if (el.classList.contains("message_center") || R.first(el, s.system)) return null;
      // The shop's automatic replies sit on the right too: they count as the agent's.
      /** @type {"buyer"|"agent"|null} */
      const from = el.classList.contains("message_left") ? "buyer"
        : el.classList.contains("message_right") ? "agent" : null;
      if (!from) return null;
      // A product card the buyer sends stands for its product title.
      const card = R.first(el, s.card);
      const text = card ? R.text(R.first(card, s.cardTitle)) || R.leafText(card, (t) => NOT_TITLE.test(t)) : R.text(R.first(el, s.messageText));
      if (!text) return null;
      const timeText = R.text(R.first(el, s.time), 64);
      const id = R.id(el.id);
      return {
        id: id && id.startsWith("s_") ? id : R.hashId(from + text + timeText),
        from,
        text,
        at: R.time(timeText, Date.now()),
      };
    },
  });
}
