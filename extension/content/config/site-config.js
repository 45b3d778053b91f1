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
  const PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9._-]+)(:\d{1,5})?\/[^\s]{0,200}$/i;
  const SELECTOR_KEYS = ["page", "chat", "messageList", "message", "messageText", "input", "send", "time", "buyerName"];
  const REQUIRED_SELECTORS = ["message", "input"];
  const FIELDS = ["kefu_site", "id", "name", "certainty", "hosts", "patterns", "allFrames", "selectors", "conversation", "buyer", "messageId", "time", "direction"];
  const MAX_SELECTOR = 300;
  const MAX_CANDIDATES = 10;
  // A colour as the browser computes a background: rgb(r, g, b) or rgba(r, g, b, a).
  const COLOUR = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(0|1|0?\.\d{1,6}|1\.0{1,6})\s*)?\)$/i;
  const DIRECTION_FORMS = "{\"agent\": [\"…\"], \"buyer\": [\"…\"]} (selectors), {\"by\": \"side\"} (the agent's sit on the right) or {\"by\": \"colour\", \"agent\": \"rgb(…)\", \"buyer\": \"rgb(…)\"} (the bubbles' background colours)";

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
   * @property {Direction} direction
   * @typedef {{by?: undefined, agent?: string[], buyer?: string[]} | {by: "side"} | {by: "colour", agent: string, buyer: string}} Direction
   *   Whose each message is: selectors of the agent's and the buyer's, the side of the list, or
   *   the bubble's background colour (as computed: "rgb(149, 236, 105)").
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
    strings(config.hosts, "hosts", 1, (h) => /^[a-z0-9._-]{1,253}$/i.test(h) || "a hostname such as chat.example.com", bad);
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
      bad("direction", `which messages are the agent's: one of ${DIRECTION_FORMS}`);
    } else if (d.by === "colour") {
      colourDirection(d, bad);
    } else if (d.by !== undefined) {
      if (d.by !== "side") bad("direction", `"by" is "side" or "colour": one of ${DIRECTION_FORMS}`);
      else if (Object.keys(d).length !== 1) bad("direction", "{\"by\": \"side\"} alone: the agent's messages sit on the right");
    } else {
      for (const key of Object.keys(d)) if (key !== "agent" && key !== "buyer") bad(`direction.${key}`, "only agent and buyer");
      if (d.agent === undefined && d.buyer === undefined) bad("direction", "needs agent or buyer selectors");
      if (d.agent !== undefined) selectorList(d.agent, "direction.agent", bad);
      if (d.buyer !== undefined) selectorList(d.buyer, "direction.buyer", bad);
    }
    return out;
  }

  /** {"by": "colour", "agent": "rgb(…)", "buyer": "rgb(…)"}: both colours, valid and different. */
  function colourDirection(/** @type {any} */ given, /** @type {(f: string, r: string) => void} */ bad) {
    const d = { ...given, agent: oneColour(given.agent), buyer: oneColour(given.buyer) };
    for (const key of Object.keys(d)) if (!["by", "agent", "buyer"].includes(key)) bad(`direction.${key}`, "only by, agent and buyer");
    if (d.agent === undefined || d.buyer === undefined) {
      bad("direction", "{\"by\": \"colour\"} needs both colours: {\"by\": \"colour\", \"agent\": \"rgb(149, 236, 105)\", \"buyer\": \"rgb(255, 255, 255)\"}");
      return;
    }
    let valid = true;
    for (const key of ["agent", "buyer"]) {
      const why = colourProblem(d[key]);
      if (why) {
        bad(`direction.${key}`, why);
        valid = false;
      }
    }
    if (valid && colourKey(d.agent) === colourKey(d.buyer)) bad("direction", "the agent's and the buyer's colours must differ");
  }

  /**
   * A colour given alone or as a list of one (a shop's policy types both sides of a direction as
   * lists). @param {unknown} c
   */
  function oneColour(c) {
    return Array.isArray(c) && c.length === 1 ? c[0] : c;
  }

  /** Why `c` is not a bubble colour, or "" when it is one. @param {unknown} c */
  function colourProblem(c) {
    const how = "a colour as the browser computes a background: \"rgb(r, g, b)\" or \"rgba(r, g, b, a)\", r, g and b 0 to 255, a 0 to 1, such as \"rgb(149, 236, 105)\"";
    const m = typeof c === "string" ? COLOUR.exec(c.trim()) : null;
    if (!m || m.slice(1, 4).some((n) => Number(n) > 255)) return how;
    if (m[4] !== undefined && Number(m[4]) === 0) return "a transparent colour: a bubble with no colour of its own is never read as one";
    return "";
  }

  /**
   * A colour in one spelling, to compare ("rgba(1, 2, 3, 1)" is "rgb(1,2,3)"); null when it is
   * not rgb()/rgba(). @param {string|null|undefined} c @returns {string|null}
   */
  function colourKey(c) {
    const m = typeof c === "string" ? COLOUR.exec(c.trim()) : null;
    if (!m) return null;
    const alpha = m[4] === undefined ? 1 : Number(m[4]);
    const rgb = `${Number(m[1])},${Number(m[2])},${Number(m[3])}`;
    return alpha === 1 ? rgb : `${rgb},${Math.round(alpha * 1000) / 1000}`;
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
    const d = config.direction;
    const colours = d.by === "colour" ? { agent: colourKey(/** @type {string} */ (oneColour(d.agent))), buyer: colourKey(/** @type {string} */ (oneColour(d.buyer))) } : null;
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
        /** @type {"agent"|"buyer"|null} */
        let from = null;
        if (d.by === "side") {
          const list = this.messageList?.(doc);
          if (!list) return null;
          // A line in the middle (a date, a notice) is no one's message.
          const side = R().textSide(el, list);
          from = side === "right" ? "agent" : side === "left" ? "buyer" : null;
        } else if (d.by === "colour") {
          // Any other colour (or none): not a buyer's or an agent's message (a notice, a card).
          const colour = colourKey(R().bubbleColour(el));
          from = colour === null ? null : colour === colours?.agent ? "agent" : colour === colours?.buyer ? "buyer" : null;
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

  return { VERSION, problems, adapter, colourKey };
})();
