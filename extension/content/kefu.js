"use strict";
// The content scripts' shared namespace. In the extension it lives in the isolated world the
// browser gives content scripts: the chat page's own scripts cannot see or call it.
//
// Folders, one job each (loaded in this order by the manifest):
//   read/    reading untrusted page data: candidate selectors, bounded text, ids and times
//   config/  site configs: a chat page described as data, checked, made into an adapter
//   sites/   one adapter per chat site: where its chat, messages, buyer, reply box and send are
//   watch/   noticing the open chat and new messages
//   insert/  putting a reply into the site's reply box through the editor's own input path
//   frame/   the floating panel frame: placement, drag, resize, fold, and guarding it
//   link/    the extension ports to the background (which pairs this page with its panel)
//   main.js  wires them together

/**
 * @typedef {{conversation: string, buyer: string}} Chat
 *   The open chat: the page's conversation id and the buyer's platform id (never a display name).
 * @typedef {{id: string, from: "buyer"|"agent", text: string, at: number}} ChatMessage
 *   One message of the open chat; `at` is milliseconds since the epoch.
 * @typedef {{[key: string]: string[]}} SelectorTable
 *   Named candidate selectors, tried in order: the first that matches wins.
 * @typedef {object} SiteAdapter
 * @property {string} id            stable id, also the notes' site key ("pinduoduo", "jd", …)
 * @property {string} name          the platform's name as agents know it
 * @property {"high"|"medium"|"low"} certainty  how sure we are of the real page's markup
 * @property {string[]} hosts       hostnames whose top frame may host the panel
 * @property {string[]} patterns    manifest match patterns of the site's chat pages (the build
 *                                  makes the manifest's content scripts from them)
 * @property {boolean} [allFrames]  the chat lives in an iframe: run in every frame
 * @property {boolean} [devOnly]    for this machine only (the demo): left out of store packages
 * @property {SelectorTable} selectors  every selector of the site, in one place
 * @property {(doc: Document, loc: Location) => boolean} matches  this frame holds the site's chat
 * @property {(doc: Document) => Chat|null} activeChat
 * @property {(doc: Document) => ChatMessage[]} messages  oldest first, buyer and agent only
 * @property {(el: Element, doc: Document) => ChatMessage|null} [message]  one element matched by
 *                                  `selectors.message`, read alone (null: not a buyer's or agent's
 *                                  words, or not rendered yet). Sites whose messages can be read
 *                                  one by one give this; `messages` is then made from it, and the
 *                                  watcher reads only the messages a change touched. Sites whose
 *                                  ids depend on the whole list (repeat counters) give `messages`.
 * @property {(doc: Document) => Element|null} input       the reply box (or the editor around it)
 * @property {(doc: Document) => Element|null} sendButton  only so the panel stays off it: never clicked
 * @property {(doc: Document) => Element|null} [messageList]  the scrolling list of messages
 * @property {object} [config]      the site config (docs/site-config.md) it was made from, if any
 */

/** @type {{sites: SiteAdapter[], addSite: (site: any) => void, adapterOf: (site: any) => SiteAdapter, say: (key: string, fallback: string) => string, [key: string]: any}} */
globalThis.KefuContent = {
  sites: [],
  /**
   * Our own words drawn on the page (the picker's banner, outlines), in the browser's language
   * (_locales), else `fallback`.
   * @param {string} key @param {string} fallback
   */
  say(key, fallback) {
    return (globalThis.browser ?? globalThis.chrome)?.i18n?.getMessage(key) || fallback;
  },
  /**
   * Registers a site adapter. Where an adapter needs no code for its message list, reply box or
   * send button, the first match of its `messageList`, `input` or `send` selectors is the answer;
   * an adapter that reads one message at a time (`message`) gets `messages` made from it.
   * @param {Omit<SiteAdapter, "input"|"sendButton"|"messages"> & Partial<SiteAdapter>} site
   */
  addSite(site) {
    globalThis.KefuContent.sites.push(globalThis.KefuContent.adapterOf(site));
  },
  /**
   * The adapter a site declaration makes, with the defaults above (not registered).
   * @param {Omit<SiteAdapter, "input"|"sendButton"|"messages"> & Partial<SiteAdapter>} site
   * @returns {SiteAdapter}
   */
  adapterOf(site) {
    const R = () => globalThis.KefuContent.read;
    /** @param {string} key */
    const byKey = (key) => (/** @type {Document} */ doc) => R().first(doc, site.selectors[key] ?? []);
    /** @type {SiteAdapter} */
    const adapter = /** @type {any} */ ({ messageList: byKey("messageList"), input: byKey("input"), sendButton: byKey("send"), ...site });
    if (!site.messages && site.message) {
      const read = site.message;
      adapter.messages = (doc) => {
        /** @type {ChatMessage[]} */
        const out = [];
        for (const el of R().all(doc, site.selectors.message ?? [])) {
          const m = read.call(adapter, el, doc);
          if (m) out.push(m);
        }
        return out;
      };
    }
    return adapter;
  },
};
