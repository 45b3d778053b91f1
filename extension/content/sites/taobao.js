"use strict";
// Site adapter for the web 旺旺 chat Taobao, Tmall and 1688 share (the "ww_" components) and, as
// far as public code shows, Qianniu's seller web workbench. The chat lives in a same-origin iframe
// (market.m.taobao.com/app/im/chat-core/, 1688's def_cbu_web_im_core/): content scripts run in
// every frame (allFrames), this adapter recognises only the frame holding the chat markup, and
// the top frame of these hosts hosts the panel. "low": selectors come from one public extension
// and nobody has published checked ones for Qianniu (docs/sites.md). Checked against
// tests/fixtures/sites/taobao/ (expect.json).
// Helpers stay in this block, out of the page-wide scope content scripts share.
{
  const HOSTS = ["market.m.taobao.com", "myseller.taobao.com", "qn.taobao.com", "air.1688.com"];
  // Where the selected row may carry the contact's platform id. No public source names one:
  // data-uid is what the fixture uses, the others are the usual spellings of the same idea.
  const ROW_ID_ATTRIBUTES = ["data-uid", "data-cid", "data-id", "data-ccode"];
  // Attributes a message row may carry its id in; none is documented, so the hash is the norm.
  const MESSAGE_ID_ATTRIBUTES = ["data-msgid", "data-msg-id", "data-id"];
  // Prices on cards ("¥ 39.90", "￥39", "共1件商品") are not titles.
  const NOT_TITLE = /^[¥￥$]|^[\d\s.,]+$|^共\s*\d+\s*件/;

  /**
   * Whether a list name (cut with "…" when long) may be the header's full name.
   * @param {string} listName @param {string} headerName @returns {boolean}
   */
  function sameName(listName, headerName) {
    const cut = /(…|\.\.\.)$/.exec(listName);
    return cut ? headerName.startsWith(listName.slice(0, cut.index)) : listName === headerName;
  }

  KefuContent.addSite({
    id: "taobao",
    name: "千牛 / 旺旺",
    certainty: "low",
    hosts: HOSTS,
    patterns: [
      "https://market.m.taobao.com/app/im/*",
      "https://myseller.taobao.com/*",
      "https://qn.taobao.com/*",
      // 1688's outer page and its chat frame (…/def_cbu_web_im_core/) are both on this host.
      "https://air.1688.com/*",
    ],
    allFrames: true,
    selectors: {
      conversationList: [".ww_conversation_list"],
      selectedRow: [
        ".ww_conversation_list .conversation-item.active",
        ".ww_conversation_list .conversation-item.selected",
        '.ww_conversation_list .conversation-item[aria-selected="true"]',
      ],
      rowName: [".name"],
      headerName: [".ww_header .name"],
      messageList: [".ww_message .rc-scrollbars-view", ".ww_message"],
      message: [".ww_message .message-item", ".message-item"],
      // The shop's own rows, its robot's auto replies included.
      self: [".self"],
      card: [".im-template-msg", "[data-tpl-id]"],
      cardTitle: ['[class*="title"]'],
      messageText: [".content pre.edit", ".content"],
      time: [".time"],
      // Message bubbles are pre.edit too: only the reply box is contenteditable.
      input: ['.ww_input div.editBox > pre.edit[contenteditable="true"]', '.editBox pre.edit[contenteditable="true"]'],
      send: [".ww_input button.send-btn", "button.send-btn"],
    },

    matches(doc, loc) {
      const R = KefuContent.read;
      return HOSTS.includes(loc.hostname)
        && R.first(doc, this.selectors.conversationList) !== null
        && R.first(doc, this.selectors.input) !== null;
    },

    activeChat(doc) {
      const R = KefuContent.read;
      const s = this.selectors;
      const header = R.text(R.first(doc, s.headerName), R.LIMITS.name);
      const row = R.first(doc, s.selectedRow);
      const listName = row ? R.text(R.first(row, s.rowName), R.LIMITS.name) : "";
      // While the chat switches, list and header can disagree for a moment: read nothing then,
      // rather than key one buyer's chat by another's id.
      if (header && listName && !sameName(listName, header)) return null;
      let id = null;
      for (const name of ROW_ID_ATTRIBUTES) {
        id = R.id(row?.getAttribute(name));
        if (id) break;
      }
      if (!id) {
        // The chat URL names the contact it opened with (uid=cntaobao<account name>); after a
        // switch inside the frame it is stale, so it counts only while the header agrees.
        const uid = R.id(new URLSearchParams(doc.location?.search ?? "").get("uid"));
        if (uid && header && uid.endsWith(header)) id = uid;
      }
      // Last resort: the header's full account name. Taobao account names are unique (this is
      // what uid= is made of), unlike masked or cut names elsewhere; the prefix keeps it apart
      // from real ids.
      if (!id && header) id = R.id(`name:${header}`);
      if (!id) return null;
      return { conversation: id, buyer: id };
    },

    messages(doc) {
      const R = KefuContent.read;
      const s = this.selectors;
      /** @type {ChatMessage[]} */
      const out = [];
      /** @type {Map<string, number>} */
      const seen = new Map();
      for (const item of R.all(doc, s.message)) {
        const from = item.matches(s.self.join(",")) ? "agent" : "buyer";
        // A product card the buyer sends stands for its product title.
        const card = R.first(item, s.card);
        const text = card
          ? R.text(R.first(card, s.cardTitle)) || R.leafText(card, (t) => NOT_TITLE.test(t))
          : R.text(R.first(item, s.messageText));
        // System notices are not .message-item rows; rows without text (images, files) give
        // the panel nothing to answer.
        if (!text) continue;
        const timeText = R.text(R.first(item, s.time), 64);
        let id = null;
        for (const name of MESSAGE_ID_ATTRIBUTES) {
          id = R.id(item.getAttribute(name));
          if (id) break;
        }
        if (!id) {
          // No id in the markup: who, what and the second it was sent; a repeat of all three
          // (a buyer pressing send twice) gets a counter.
          const base = R.hashId(from + text + timeText);
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          id = n === 1 ? base : `${base}-${n}`;
        }
        out.push({ id, from, text, at: R.time(timeText, Date.now()) });
      }
      return out;
    },
  });
}
