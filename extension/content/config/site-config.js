"use strict";
// Site configs: what the extension must know of a chat page, as data (docs/site-config.md): where
// it runs, its selectors, where the conversation and buyer ids are, which messages are the
// agent's. `check` validates one (every problem with its field and the reason; a config is taken
// whole or not at all); `adapter` turns a valid one into a site adapter. The demo adapter is a
// config; the platform adapters add code where a config cannot say enough (product cards, system
// rows, ids that depend on the whole list).
KefuContent.siteConfig = (() => {
  const VERSION = 1;
  const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
  // scheme://host/path with * wildcards, as in a manifest (no IP ranges, no ports in patterns).
  const PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+)(:\d{1,5})?\/[^\s]*$/i;
  const SELECTOR_KEYS = ["page", "chat", "messageList", "message", "messageText", "input", "send", "time", "buyerName"];
  const REQUIRED_SELECTORS = ["message", "input"];
  const FIELDS = ["kefu_site", "id", "name", "certainty", "hosts", "patterns", "allFrames", "selectors", "conversation", "buyer", "messageId", "time", "direction"];
  const MAX_SELECTOR = 300;
  const MAX_CANDIDATES = 10;

  /**
   * @typedef {{attribute?: string, selector?: string[], from?: "url"}} Source
   *   Where a value is: an attribute (of the chat element, or of the message element), the text
   *   of the first element a selector finds, or (conversation only) the page's address.
   * @typedef {object} SiteConfig
   * @property {number} kefu_site  the format version (1)
   * @property {string} id         the notes' site key: a-z, 0-9 and -, up to 40
   * @property {string} name
   * @property {"high"|"medium"|"low"} [certainty]
   * @property {string[]} hosts    hostnames whose top frame hosts the panel
   * @property {string[]} patterns match patterns of the chat pages
   * @property {boolean} [allFrames]
   * @property {{[key: string]: string[]}} selectors
   * @property {Source} [conversation]  default: the page's address
   * @property {Source} [buyer]         default: none ("")
   * @property {Source} [messageId]     default: a hash of who, what and when
   * @property {Source} [time]          default: when it was read
   * @property {{agent?: string[], buyer?: string[], by?: "side"}} direction
   */

  /**
   * Every problem of `config`, as {field, reason}; none when it is a valid site config.
   * @param {any} config @returns {{field: string, reason: string}[]}
   */
  function problems(config) {
    /** @type {{field: string, reason: string}[]} */
    const out = [];
    const bad = (/** @type {string} */ field, /** @type {string} */ reason) => out.push({ field, reason });
    if (!config || typeof config !== "object" || Array.isArray(config)) {
      bad("", "a site config is an object such as {\"kefu_site\": 1, \"id\": \"my-chat\", …}");
      return out;
    }
    for (const key of Object.keys(config)) if (!FIELDS.includes(key)) bad(key, `there is no field "${key}" (fields are ${FIELDS.join(", ")})`);
    if (config.kefu_site !== VERSION) bad("kefu_site", `must be ${VERSION}, the format version`);
    if (typeof config.id !== "string" || !ID.test(config.id)) bad("id", "1 to 40 of a-z, 0-9 and -, starting with a letter or digit");
    if (typeof config.name !== "string" || !config.name.trim() || config.name.length > 40) bad("name", "a name of 1 to 40 characters");
    if (config.certainty !== undefined && !["high", "medium", "low"].includes(config.certainty)) bad("certainty", "high, medium or low");
    strings(config.hosts, "hosts", 1, (h) => /^[a-z0-9.-]{1,253}$/i.test(h) || "a hostname such as chat.example.com", bad);
    strings(config.patterns, "patterns", 1, (p) => PATTERN.test(p) || "a match pattern such as https://chat.example.com/*", bad);
    if (config.allFrames !== undefined && typeof config.allFrames !== "boolean") bad("allFrames", "true or false");
    const sel = config.selectors;
    if (!sel || typeof sel !== "object" || Array.isArray(sel)) {
      bad("selectors", "an object of named candidate lists, e.g. {\"message\": [\"#messages > li\"], …}");
    } else {
      for (const key of Object.keys(sel)) {
        if (!SELECTOR_KEYS.includes(key)) bad(`selectors.${key}`, `there is no selector "${key}" (they are ${SELECTOR_KEYS.join(", ")})`);
        else selectorList(sel[key], `selectors.${key}`, bad);
      }
      for (const key of REQUIRED_SELECTORS) if (!(key in sel)) bad(`selectors.${key}`, "is needed");
    }
    source(config.conversation, "conversation", true, bad);
    source(config.buyer, "buyer", false, bad);
    source(config.messageId, "messageId", false, bad);
    source(config.time, "time", false, bad);
    const d = config.direction;
    if (!d || typeof d !== "object" || Array.isArray(d)) {
      bad("direction", "which messages are the agent's: {\"agent\": [\"…\"], \"buyer\": [\"…\"]} or {\"by\": \"side\"}");
    } else if (d.by !== undefined) {
      if (d.by !== "side" || Object.keys(d).length !== 1) bad("direction", "{\"by\": \"side\"} alone: the agent's messages sit on the right");
    } else {
      for (const key of Object.keys(d)) if (key !== "agent" && key !== "buyer") bad(`direction.${key}`, "only agent and buyer");
      if (d.agent === undefined && d.buyer === undefined) bad("direction", "needs agent or buyer selectors");
      if (d.agent !== undefined) selectorList(d.agent, "direction.agent", bad);
      if (d.buyer !== undefined) selectorList(d.buyer, "direction.buyer", bad);
    }
    return out;
  }

  /** A list of 1…20 strings, each passing `ok` (true, or the reason it does not). */
  function strings(/** @type {any} */ list, /** @type {string} */ field, /** @type {number} */ min, /** @type {(s: string) => true|string} */ ok, /** @type {(f: string, r: string) => void} */ bad) {
    if (!Array.isArray(list) || list.length < min || list.length > 20) return bad(field, `a list of ${min} to 20 texts`);
    list.forEach((s, i) => {
      const verdict = typeof s === "string" ? ok(s) : "text in double quotes";
      if (verdict !== true) bad(`${field}[${i}]`, verdict);
    });
  }

  /** Candidate selectors: 1…10 of them, each valid CSS (where a document can tell). */
  function selectorList(/** @type {any} */ list, /** @type {string} */ field, /** @type {(f: string, r: string) => void} */ bad) {
    if (!Array.isArray(list) || !list.length || list.length > MAX_CANDIDATES) return bad(field, `a list of 1 to ${MAX_CANDIDATES} CSS selectors, tried in order`);
    list.forEach((s, i) => {
      if (typeof s !== "string" || !s.trim() || s.length > MAX_SELECTOR) return bad(`${field}[${i}]`, `a CSS selector of up to ${MAX_SELECTOR} characters`);
      if (!validCss(s)) bad(`${field}[${i}]`, `"${s}" is not a valid CSS selector`);
    });
  }

  /** @param {string} selector */
  function validCss(selector) {
    const doc = globalThis.document;
    if (!doc) return true;
    try {
      doc.createDocumentFragment().querySelector(selector);
      return true;
    } catch {
      return false;
    }
  }

  function source(/** @type {any} */ s, /** @type {string} */ field, /** @type {boolean} */ urlAllowed, /** @type {(f: string, r: string) => void} */ bad) {
    if (s === undefined) return;
    const keys = s && typeof s === "object" && !Array.isArray(s) ? Object.keys(s) : [];
    if (keys.length !== 1) return bad(field, `one of {"attribute": "…"}, {"selector": ["…"]}${urlAllowed ? ", {\"from\": \"url\"}" : ""}`);
    if ("attribute" in s) {
      if (typeof s.attribute !== "string" || !/^[a-z][a-z0-9_.:-]{0,63}$/i.test(s.attribute)) bad(`${field}.attribute`, "an attribute name such as data-id");
    } else if ("selector" in s) {
      selectorList(s.selector, `${field}.selector`, bad);
    } else if ("from" in s && urlAllowed) {
      if (s.from !== "url") bad(`${field}.from`, "only \"url\"");
    } else {
      bad(field, `"${keys[0]}" is not a source (attribute, selector${urlAllowed ? ", from" : ""})`);
    }
  }

  /**
   * The site adapter a valid config describes (call `problems` first: this throws on an invalid
   * one). @param {SiteConfig} config @returns {Omit<SiteAdapter, "input"|"sendButton"|"messages"> & Partial<SiteAdapter>}
   */
  function adapter(config) {
    const found = problems(config);
    if (found.length) throw new Error(`site config ${config?.id ?? "?"}: ${found[0].field}: ${found[0].reason}`);
    const R = () => KefuContent.read;
    const sel = config.selectors;
    /** Reads a source from `el` (its attribute, or the text of what a selector finds in `scope`). */
    const read = (/** @type {Source|undefined} */ s, /** @type {Element|null} */ el, /** @type {ParentNode} */ scope) => {
      if (!s) return null;
      if (s.attribute) return el?.getAttribute(s.attribute) ?? null;
      if (s.selector) return R().text(R().first(scope, s.selector), 128) || null;
      return null;
    };
    const is = (/** @type {Element} */ el, /** @type {string[]|undefined} */ list) => Boolean(list?.some((s) => el.matches(s) || el.querySelector(s)));
    return {
      id: config.id,
      name: config.name,
      certainty: config.certainty ?? "low",
      hosts: config.hosts,
      patterns: config.patterns,
      allFrames: config.allFrames ?? false,
      selectors: sel,
      config,

      matches(doc) {
        return R().first(doc, sel.page ?? sel.chat ?? sel.messageList ?? sel.message) !== null;
      },

      activeChat(doc) {
        const chat = sel.chat ? R().first(doc, sel.chat) : doc.documentElement;
        if (!chat) return null;
        const where = config.conversation ?? { from: "url" };
        const raw = where.from === "url" ? (doc.defaultView?.location ? `${doc.defaultView.location.pathname}${doc.defaultView.location.hash}` : "") : read(where, chat, doc);
        // An address too long or odd for an id is hashed (the same address, the same id).
        const conversation = R().id(raw) ?? (raw ? R().hashId(raw) : null);
        if (!conversation) return null;
        const buyerRaw = read(config.buyer, chat, doc);
        return { conversation, buyer: R().id(buyerRaw) ?? (buyerRaw ? R().bounded(buyerRaw, 64).replace(/\s+/g, "_") : "") };
      },

      message(el, doc) {
        const d = config.direction;
        /** @type {"agent"|"buyer"|null} */
        let from = null;
        if (d.by === "side") {
          const list = this.messageList?.(doc);
          if (!list) return null;
          from = R().side(el, list) === "right" ? "agent" : "buyer";
        } else {
          from = is(el, d.agent) ? "agent" : is(el, d.buyer) ? "buyer" : (d.agent && d.buyer ? null : d.agent ? "buyer" : "agent");
        }
        if (!from) return null;
        const text = sel.messageText ? R().text(R().first(el, sel.messageText)) : R().text(el);
        if (!text) return null;
        const when = read(config.time, el, el);
        const at = R().time(when, Date.now());
        const id = R().id(read(config.messageId, el, el)) ?? R().hashId(from + text + (when ?? ""));
        return { id, from, text, at };
      },
    };
  }

  return { VERSION, problems, adapter };
})();
