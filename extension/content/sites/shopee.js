"use strict";
// Site adapter for Shopee's seller web chat (seller.shopee.cn/webchat/, seller.shopee.<tld>/
// new-webchat/), a React app whose class names are build hashes: only the data-cy test hooks
// survive releases (docs/sites.md), so this adapter reads those, the address, and layout.
// Nothing marks who wrote a message: the shop's bubbles sit on the right (KefuContent.read.side).
// "low": one public source for the hooks, none for the ids. Checked against
// tests/fixtures/sites/shopee/ (expect.json).
// Helpers stay in this block, out of the page-wide scope content scripts share.
{
  const CN = "seller.shopee.cn";
  const TLDS = ["sg", "com.my", "tw", "co.th", "vn", "ph", "co.id", "com.br", "com.mx"];
  const HOSTS = [CN, ...TLDS.map((tld) => `seller.shopee.${tld}`)];
  // The router keeps the open conversation in the address: a route outlives any class name.
  const CONVERSATION_PATH = /^\/(?:new-)?webchat\/conversations\/([^/?#]+)/;
  // Attributes a conversation cell may carry its ids in; no public source names them.
  const CELL_CONVERSATION_ATTRIBUTES = ["data-conversation-id", "data-id"];
  const CELL_BUYER_ATTRIBUTES = ["data-user-id", "data-buyer-id", "data-to-id"];
  // A card's price ("S$18.90", "RM 12", "฿259", "₫99.000", "1.234,56") is not its title.
  const PRICE = /^(S\$|RM|NT\$|R\$|Rp|US\$|\$|฿|₫|₱|¥|￥)|^[\d\s.,]+$/;
  // The send button's label across the sites' languages.
  const SEND_LABEL = /^(发送|發送|傳送|Send|Kirim|Gửi|ส่ง|Enviar|Ipadala)$/i;

  KefuContent.addSite({
    id: "shopee",
    name: "Shopee 卖家聊天",
    certainty: "low",
    hosts: HOSTS,
    patterns: [
      `https://${CN}/webchat/*`,
      ...TLDS.map((tld) => `https://seller.shopee.${tld}/new-webchat/*`),
    ],
    allFrames: false,
    selectors: {
      conversationList: ['[data-cy="webchat-conversation-list"]'],
      cell: ['[data-cy="webchat-conversation-cell-container"]'],
      message: ['[data-cy="webchat-message-content"]'],
      // A product the buyer shares links to its product page.
      card: ['a[href*="/product/"]', 'a[href*="-i."]'],
      // The reply box is the only textarea of the page; the search field is an input.
      input: ["textarea[placeholder]", "textarea"],
      // Searched near the reply box only, then picked by label (sendButton).
      send: ["button", '[role="button"]'],
    },

    matches(doc, loc) {
      const R = KefuContent.read;
      const path = loc.hostname === CN ? /^\/webchat\// : /^\/new-webchat\//;
      return HOSTS.includes(loc.hostname) && path.test(loc.pathname)
        && R.first(doc, this.selectors.conversationList) !== null
        && R.first(doc, this.selectors.input) !== null;
    },

    activeChat(doc) {
      const R = KefuContent.read;
      const cells = R.all(doc, this.selectors.cell);
      let conversation = R.id(CONVERSATION_PATH.exec(doc.location?.pathname ?? "")?.[1]);
      const cell = conversation
        ? cells.find((c) => R.attrId(c, CELL_CONVERSATION_ATTRIBUTES) === conversation) ?? null
        : R.oddOne(cells);
      conversation ??= R.attrId(cell, CELL_CONVERSATION_ATTRIBUTES);
      if (!conversation) return null;
      // A Shopee conversation is one buyer with one shop: without the buyer's own id, the
      // conversation id keys the buyer as well.
      const buyer = R.attrId(cell, CELL_BUYER_ATTRIBUTES) ?? conversation;
      return { conversation, buyer };
    },

    messages(doc) {
      const R = KefuContent.read;
      const s = this.selectors;
      const list = this.messageList?.(doc) ?? null;
      /** @type {ChatMessage[]} */
      const out = [];
      /** @type {Map<string, number>} */
      const seen = new Map();
      // Without the list, who sent what cannot be told: better nothing than the shop's own
      // messages read as the buyer's.
      if (!list) return out;
      // System notices carry no data-cy bubble: only buyer and shop messages are read.
      for (const bubble of R.all(doc, s.message)) {
        // Bubbles in the same row as a visible layout: the shop's own sit right (its robot's
        // auto replies included).
        const from = R.side(bubble, list) === "right" ? "agent" : "buyer";
        // A product card the buyer sends stands for its product title.
        const card = R.first(bubble, s.card);
        const text = card ? R.leafText(card, (t) => PRICE.test(t)) : R.text(bubble);
        if (!text) continue;
        // No id and no readable time in the markup: who and what, with a counter for repeats.
        const base = R.hashId(from + text);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        out.push({ id: n === 1 ? base : `${base}-${n}`, from, text, at: Date.now() });
      }
      return out;
    },

    messageList(doc) {
      // The scrolling box around the bubbles: found by its overflow, as its class is a hash.
      const bubble = KefuContent.read.first(doc, this.selectors.message);
      const view = doc.defaultView;
      for (let el = bubble?.parentElement; el && view && el !== doc.body; el = el.parentElement) {
        if (/(auto|scroll)/.test(view.getComputedStyle(el).overflowY)) return el;
      }
      return null;
    },

    sendButton(doc) {
      // The nearest button labelled "send" around the reply box (the toolbar holds others).
      const R = KefuContent.read;
      let scope = this.input(doc)?.parentElement;
      for (let depth = 0; scope && depth < 5; depth++, scope = scope.parentElement) {
        const found = R.all(scope, this.selectors.send).find((b) => SEND_LABEL.test(R.text(b, 16)));
        if (found) return found;
      }
      return null;
    },
  });
}
