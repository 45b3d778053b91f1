"use strict";
// The picker's second half: the agent clicked one buyer message, one of their own, the reply box
// and (optionally) the buyer's name; `derive` turns those elements into a site config
// (docs/site-config.md). Loaded after read/dom.js and config/site-config.js.
//
// The selectors must survive the page's next render (the list is re-drawn on every new message and
// every chat switch) and its next release (build tools rename hashed classes on every deploy). So
// an element is named, in order of preference, by:
//   1. its id, unless the id looks generated (counters, uuids, hashes, React's useId ":r1:");
//   2. test hooks and other data-* attributes with stable-looking values (data-testid, data-qa…;
//      not ids, keys, times, names: one instance's values);
//   3. role, aria-label, name, placeholder, type;
//   4. class tokens a person wrote: NEVER hashed ones (isHashedClass), nor state classes
//      (active, selected…) nor position classes (first, last…). When in doubt a token counts as
//      hashed: a stable class lost costs a longer selector, a hash kept breaks the config;
//   5. contenteditable, then its tag (never a bare div or span); only last structure (`>`,
//      `:nth-child`), with as few ancestors as needed.
// No value may hold the buyer's name when it was picked (it changes with the chat).
// Where the messages are: the nearest common ancestor of the two picked messages is the list and
// its children holding them are the messages, with two adjustments for grouped lists (see
// `messageLevel`). Whose each message is, in order: a class or attribute one has and the other
// lacks (checked to split the list's messages), the side of the list, the bubble's colour.
// Every selector is checked on the page and the config by siteConfig.problems, and the adapter
// made from it must read the two picks the right way round: a config is saved whole or not at all.
KefuContent.pickerDerive = (() => {
  const MAX_SELECTOR = 300;
  // Ancestors walked when an element's own parts do not name it alone.
  const MAX_UP = 8;
  // Test hooks: attributes written for automation, kept across releases on purpose.
  const HOOKS = ["data-testid", "data-test-id", "data-test", "data-qa", "data-qa-id", "data-cy", "data-e2e",
    "data-automation-id", "data-tid", "data-role", "data-component"];
  // Attributes that say what an element is, in words (before its classes) and generic ones (after).
  const DESCRIBING = ["role", "aria-label", "name", "placeholder", "type"];
  const GENERIC = ["contenteditable"];
  // Tags too common to name an element alone, however unique today (the next span drawn takes it).
  const COMMON_TAGS = new Set(["div", "span", "p", "li", "a", "i", "b", "em", "strong", "img", "font", "label", "ul", "section"]);
  // data-* attributes of a tool (Vue's scoped-style data-v-1a2b3c, React's reactid, analytics)
  // or of a passing state.
  const TOOL_DATA = /^data-(v-|reactid|reactroot|react-|emotion|styled|sentry|gtm|track|spm|aplus|log|ga-|hm-|vue|svelte|astro|radix|headlessui|state$|status$|selected$|active$|focus|hover|open$|checked$|disabled$|loading$|index$)/i;
  // data-* attributes whose value is one instance's (ids, keys, times, sizes, addresses, names,
  // words).
  const INSTANCE_DATA = /(id|key|time|index|idx|name|nick|nickname|[-_](no|num|seq|ts|stamp|date|count|offset|pos|position|top|height|width|size|hash|ref|url|src|href|token|sign|version|ver|text|content|title|avatar|img|image|phone|mobile|email|price|amount))$/i;
  const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i;
  // Ids libraries generate: Ember, YUI, ExtJS, GWT, Radix, Headless UI, rc-*, Element Plus,
  // react-select, Downshift, MUI, JSF, jQuery UI.
  const GENERATED_ID_PREFIX = /^(ember|yui_|ext-gen|ext-comp|gwt-uid|radix-|headlessui-|rc[-_]|el-id-|react-select-|downshift-|mui-|j_id|ui-id-)/i;
  // Classes of a passing state, and transition classes (Vue, react-transition-group, Angular).
  const STATE_CLASS = /^(is-|has-)?(active|selected|current|checked|disabled|enabled|focus(ed)?|focus-visible|focus-within|hover(ed)?|pressed|open(ed)?|closed?|show(n|ing)?|visible|invisible|hidden|hide|highlight(ed)?|expanded|collapsed|loading|loaded|ready|animat\w*|fade\w*|transition\w*|dragging|read|unread|new|sending|sent-ok|failed)$|^ng-|-(enter|exit|leave|appear)(-(active|done|to|from))?$/i;
  // Classes of a position in a run of messages (a message is first of its group today, not later).
  const POSITION_CLASS = /(^|[-_])(first|last|single|only|middle|odd|even|continued|consecutive|grouped|prev|next|\d+)$/i;
  // Repeated inline or paragraph elements are the lines of one message, not messages.
  const TEXT_PARTS = new Set(["p", "span", "br", "pre", "code", "a", "b", "i", "u", "em", "strong", "font", "img", "small", "sub", "sup"]);
  // Words that name a side, in class names and attribute values (for ranking direction markers).
  // A send button's label across the platforms' languages.
  const SEND_LABEL = /^(发送|發送|傳送|送信|전송|send|enviar|kirim|gửi|ส่ง|ipadala)(?![a-z])/i;
  const SAME = "these two messages look the same to us: pick messages whose bubbles differ";

  /** Letters and digits switching in a string: "1x2y3z" → 5, "h264" → 1. @param {string} s */
  const switches = (s) => {
    let n = 0;
    for (let i = 1; i < s.length; i++) if (/\d/.test(s[i]) !== /\d/.test(s[i - 1])) n += 1;
    return n;
  };
  /** A token's parts between - and _. @param {string} t */
  const pieces = (t) => t.split(/[-_]+/).filter(Boolean);
  // Abbreviations without vowels that hand-written class names use (msgBtn, MsgItem, kf-hdr):
  // the consonant rules skip them.
  const ABBREVIATIONS = new Set(["msg", "msgs", "btn", "btns", "txt", "img", "imgs", "pic", "cnt", "ctx", "src", "hdr", "ftr", "lst", "tbl",
    "grp", "pnl", "dlg", "frm", "wrp", "mgr", "cfg", "svc", "bg", "fg", "px", "sm", "md", "lg", "xl", "xs", "xxl", "cb", "qr", "pc", "rt",
    "lt", "ct", "cs", "kf", "wx", "tb", "jd", "pdd", "dd", "ww", "qn", "im", "nr", "str", "chk", "cls"]);
  /** A piece's words, camelCase split, known abbreviations left out: "msgBtnBox" → ["Box"]. @param {string} p */
  const words = (p) => (p.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []).filter((w) => !ABBREVIATIONS.has(w.toLowerCase()));

  /**
   * The rules that tell a generated class token from one a person wrote: [name, test]. Each is
   * tested on its own (tests/content/picker-derive.test.mjs).
   * @type {[string, (t: string) => boolean][]}
   */
  const HASH_RULES = [
    // Longer than a name anyone writes by hand (and than we want in a selector).
    ["too-long", (t) => t.length > 60],
    // Starting with a digit: CSS needs it escaped, so only generators make such classes (3kd9a).
    ["digit-first", (t) => /^-?\d/.test(t)],
    // CSS-in-JS names: emotion css-1x2y3z / emotion-0, styled-components sc-bdfBwQ, styled-jsx
    // jsx-123, Svelte svelte-1ab2c3, Astro astro-J7PV25F6, JSS jss12 / makeStyles-root-12, tss-.
    ["css-in-js", (t) => /^(css|emotion|sc|jsx|svelte|astro|tss|makeStyles|withStyles)-|^jss\d+$/.test(t)],
    // CSS Modules: Button_primary__3kd9a, styles_root__aB3dE, Foo-module__bar___x1Y2z: after the
    // last "__" a content hash (digits or mixed case), where BEM's block__element has a word.
    ["css-modules", (t) => {
      const m = /_{2,}([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)$/.exec(t);
      return m !== null && (/\d/.test(m[1]) || (/[a-z]/.test(m[1]) && /[A-Z]/.test(m[1])));
    }],
    // Minified CSS Modules and old atomic CSS: _3kd9a, _1x2y, _a3f (a short or digit-bearing
    // token behind an underscore).
    ["underscore-hash", (t) => /^_[A-Za-z0-9_-]+$/.test(t) && (/\d/.test(t) || t.length <= 7)],
    // StyleX / Facebook atomic classes: x1n2onr6, x78zum5, xdt5ytf.
    ["atomic", (t) => /^x[a-z0-9]{5,8}$/.test(t) && /\d/.test(t)],
    // A run of 4+ digits: a time, a counter, an id (msg-1700000000): one instance's, not a kind's.
    ["digit-run", (t) => /\d{4,}/.test(t)],
    // Letters and digits interleaved (3+ switches) in one part: 1x2y3z, n2onr6, a1b2c3.
    ["mixed-run", (t) => pieces(t).some((p) => p.length >= 5 && switches(p) >= 3)],
    // A hex digest part: a3f9c2, 5f3e2a1b.
    ["hex", (t) => pieces(t).some((p) => p.length >= 6 && /^[0-9a-f]+$/i.test(p) && /\d/.test(p) && /[a-f]/i.test(p))],
    // Base64-ish: a long part of both cases and digits: 2ZaHBVjSXbxWqLzqF7Dmd6.
    ["base64", (t) => pieces(t).some((p) => p.length >= 10 && /\d/.test(p) && /[a-z]/.test(p) && /[A-Z]/.test(p))],
    // 5+ consonants in a row (y counts as a vowel; known abbreviations such as msg and btn left
    // out): no word has them (bdfBwQ, hXqrNc, bdfqwt).
    ["consonants", (t) => pieces(t).some((p) => /[bcdfghjklmnpqrstvwxz]{5,}/i.test(words(p).join("")))],
    // Random mixed case (styled-components' second class: IZLhnc, HQooeg, cxrIoh, aBgial): a
    // short mixed-case piece with a camelCase word of 2+ letters and no vowel (known
    // abbreviations left out), two capitals in a row, or a lone lowercase letter before a
    // capital. Hand-written camelCase words have vowels and start with a word (messageIsMe,
    // NavBar, msgBody); iPhone and HTMLBox are caught too.
    ["random-case", (t) => pieces(t).some((p) => /^[A-Za-z]{5,8}$/.test(p) && /[a-z]/.test(p) && /[A-Z]/.test(p)
      && (/^[a-z][A-Z]/.test(p) || /[A-Z]{2}/.test(p) || words(p).some((w) => w.length >= 2 && !/[aeiouy]/i.test(w))))],
  ];

  /** The first hash rule `token` breaks, or "" when it looks written by hand. @param {string} token */
  function hashedBy(token) {
    const t = String(token);
    if (!t) return "empty";
    for (const [name, test] of HASH_RULES) if (test(t)) return name;
    return "";
  }

  /** A class token a build tool generated (it changes at the next release). @param {string} token */
  function isHashedClass(token) {
    return hashedBy(token) !== "";
  }

  /** A class of a passing state (active, selected, ng-*, -enter-active). @param {string} token */
  function isStateClass(token) {
    return STATE_CLASS.test(token);
  }

  /**
   * Class tokens fit for a selector: not hashed, not a state's, not a position's. Beside a
   * styled-components class (sc-…), a short letters-only token is that component's style hash
   * (sc-VmxuLf aawUlh), however word-like. @param {Element} el
   */
  function usableClasses(el) {
    const styled = [...el.classList].some((t) => t.startsWith("sc-"));
    return [...el.classList].filter((t) => !isHashedClass(t) && !isStateClass(t) && !POSITION_CLASS.test(t)
      && !(styled && /^[A-Za-z]{5,8}$/.test(t)));
  }

  /**
   * An id a library or a counter made: it differs on the next render or release.
   * @param {string} id
   */
  function isGeneratedId(id) {
    if (!id || id.length > 64 || /\s/.test(id)) return true;
    if (/[:«»]/.test(id) || /^_r_[a-z0-9]+_$/i.test(id)) return true; // React useId: ":r1:", "«r1»", "_r_1_"
    if (/\d{2,}/.test(id)) return true; // counters and times: ember123, msg-1700000000
    if (/(^|[-_.])\d+([-_.]|$)/.test(id)) return true; // a number as a part: mat-input-0, react-select-2-input
    if (UUID.test(id) || GENERATED_ID_PREFIX.test(id)) return true;
    return isHashedClass(id);
  }

  /**
   * An attribute value that names a kind of element, not one instance: short, one line, no
   * numbers of 3+ digits, no uuid, no hashed word. @param {string} value
   */
  function isStableValue(value) {
    const v = String(value);
    if (v.length > 60 || /[\u0000-\u001f\u007f]/.test(v)) return false;
    if (/\d{3,}/.test(v) || UUID.test(v)) return false;
    return v.split(/\s+/).every((w) => !w || /^\d{1,2}$/.test(w) || !isHashedClass(w));
  }

  /** The notes' site key for a hostname: a-z, 0-9 and -, up to 40 ("shop.example.com" → "shop-example-com"). @param {string} hostname */
  function siteId(hostname) {
    // Readable, and told apart by a hash of the whole name: chat.example.com and chat-example.com,
    // or two long names alike in their first 30 characters, never share an id (the id is also the
    // key of the site's notes).
    const host = String(hostname ?? "").toLowerCase();
    const slug = host.replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "").slice(0, 31).replace(/-+$/, "") || "site";
    return `${slug}-${KefuContent.read.hashId(host).slice(1)}`;
  }

  /** A CSS string: quotes, backslashes and control characters escaped. @param {string} s */
  const quote = (s) => `"${s.replace(/["\\]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
  /** [name="value"], or [name] for an empty value. @param {string} name @param {string} value */
  const attrSel = (name, value) => (value === "" ? `[${CSS.escape(name)}]` : `[${CSS.escape(name)}=${quote(value)}]`);
  /** The element's own words (a message's, to keep them out of its markers). @param {Element} el */
  const ownText = (el) => KefuContent.read.text(el, 200);
  /** A string's weight as words: CJK and other wide characters count twice. @param {string} s */
  const weight = (s) => s.length + (s.match(/[^\u0000-\u00ff]/g) ?? []).length;
  /** `a` holds `b` as a word (or anywhere, for CJK and such, which have no spaces). @param {string} a @param {string} b */
  const holdsWords = (a, b) => {
    const at = a.toLowerCase().indexOf(b.toLowerCase());
    if (at < 0) return false;
    if (/[^\u0000-\u00ff]/.test(b)) return true;
    const edge = (/** @type {string|undefined} */ c) => !c || !/[a-z0-9]/i.test(c);
    return edge(a[at - 1]) && edge(a[at + b.length]);
  };
  /**
   * `value` is the element's words, or 4+ weight of them (a name, the message itself), not a
   * marker; short values (in, out, me) are markers even when the words hold them.
   * @param {string} value @param {string} words
   */
  const overlaps = (value, words) => Boolean(value && words) && (value === words
    || (weight(value) >= 4 && holdsWords(words, value)) || (weight(words) >= 4 && holdsWords(value, words)));

  /**
   * The attributes of `el` fit for a selector, as [name, value]: hooks, other data-*, describing
   * ones, generic ones, in that order; none whose value holds a text of `avoid`.
   * @param {Element} el @param {string[]} avoid @returns {{hooks: [string, string][], describing: [string, string][], generic: [string, string][]}}
   */
  function stableAttributes(el, avoid) {
    /** @type {[string, string][]} */
    const hooks = [];
    /** @type {[string, string][]} */
    const data = [];
    /** @type {[string, string][]} */
    const describing = [];
    /** @type {[string, string][]} */
    const generic = [];
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.trim();
      if (!isStableValue(value) || avoid.some((w) => overlaps(value, w))) continue;
      if (HOOKS.includes(name)) hooks.push([name, value]);
      else if (name.startsWith("data-") && !TOOL_DATA.test(name) && !INSTANCE_DATA.test(name) && /^data-[a-z][a-z0-9-]*$/.test(name)) data.push([name, value]);
      else if (DESCRIBING.includes(name) && value !== "" && (name !== "type" || /^(input|button)$/.test(el.localName))) describing.push([name, value]);
      else if (GENERIC.includes(name)) generic.push([name, value]);
    }
    hooks.sort((x, y) => HOOKS.indexOf(x[0]) - HOOKS.indexOf(y[0]));
    describing.sort((x, y) => DESCRIBING.indexOf(x[0]) - DESCRIBING.indexOf(y[0]));
    return { hooks: [...hooks, ...data], describing, generic };
  }

  /**
   * Simple selectors that may name `el`, most preferred first: id, hooks and data-*, describing
   * attributes, classes, class pairs, generic attributes, the tag.
   * @param {Element} el @param {string[]} [avoid] texts no part may hold @returns {string[]}
   */
  function parts(el, avoid = []) {
    const tag = CSS.escape(el.localName);
    const attrs = stableAttributes(el, avoid);
    /** @type {string[]} */
    const out = [];
    if (el.id && !isGeneratedId(el.id) && !avoid.some((w) => overlaps(el.id, w))) out.push(`#${CSS.escape(el.id)}`);
    for (const [name, value] of attrs.hooks) out.push(attrSel(name, value));
    for (const [name, value] of attrs.describing) out.push(`${tag}${attrSel(name, value)}`);
    const classes = usableClasses(el).slice(0, 4).map((c) => `.${CSS.escape(c)}`);
    out.push(...classes, ...classes.map((c) => `${tag}${c}`));
    for (let i = 0; i < Math.min(classes.length, 3); i++) for (let j = i + 1; j < Math.min(classes.length, 3); j++) out.push(`${classes[i]}${classes[j]}`);
    for (const [name, value] of attrs.generic) out.push(`${tag}${attrSel(name, value)}`);
    out.push(tag);
    return [...new Set(out)].slice(0, 16);
  }

  /** A part that names something (not a bare tag). @param {string} part */
  const strong = (part) => /[#.[]/.test(part);

  /** `selector` matches `el` and nothing else in `root`. @param {ParentNode} root @param {string} selector @param {Element} el */
  function matchesOnly(root, selector, el) {
    if (selector.length > MAX_SELECTOR) return false;
    try {
      const found = root.querySelectorAll(selector);
      return found.length === 1 && found[0] === el;
    } catch {
      return false;
    }
  }

  /**
   * A short CSS selector that matches `el` and nothing else in `root`, built to survive re-renders
   * and releases (the rules at the top of this file); null when none of up to 300 characters does.
   * `avoid`: texts no attribute value or id in it may hold (the buyer's name: it changes with the
   * chat). @param {Element} el @param {ParentNode} [root] @param {string[]} [avoid] @returns {string|null}
   */
  function stableSelector(el, root = el.ownerDocument, avoid = []) {
    const own = parts(el, avoid);
    for (const p of own) if ((strong(p) || !COMMON_TAGS.has(p)) && matchesOnly(root, p, el)) return p;
    /** @type {Element[]} */
    const ups = [];
    for (let a = el.parentElement; a && a !== root && ups.length < MAX_UP; a = a.parentElement) ups.push(a);
    // One ancestor, the nearest that does it (by its names first, then its tag); never two
    // common tags ("div span" names nothing).
    const bare = (/** @type {string} */ p) => !strong(p) && COMMON_TAGS.has(p);
    for (const a of ups) {
      const theirs = parts(a, avoid);
      for (const q of [...theirs.filter(strong).slice(0, 6), ...theirs.filter((p) => !strong(p))]) {
        for (const p of own.slice(0, 8)) {
          if (bare(q) && bare(p)) continue;
          const s = `${q} ${p}`;
          if (matchesOnly(root, s, el)) return s;
        }
      }
    }
    // Structure, last: down from the nearest ancestor a part names alone, each step the first
    // part that tells the step from its siblings, else its place (:nth-child).
    /** @type {string[]} */
    const steps = [];
    for (let cur = /** @type {Element|null} */ (el); cur && cur !== root; cur = cur.parentElement) {
      const mine = parts(cur, avoid);
      const anchor = cur === el ? undefined : mine.find((p) => strong(p) && matchesOnly(root, p, cur));
      if (anchor) {
        steps.unshift(anchor);
        break;
      }
      const parent = cur.parentElement;
      const siblings = parent ? [...parent.children] : [cur];
      const alone = mine.find((p) => siblings.filter((s) => s.matches(p)).length === 1);
      steps.unshift(alone ?? `${CSS.escape(cur.localName)}:nth-child(${siblings.indexOf(cur) + 1})`);
    }
    const path = steps.join(" > ");
    return matchesOnly(root, path, el) ? path : null;
  }

  // ---- Where the messages are ----

  /** The elements from just below `top` down to `el`, top's child first. @param {Element} top @param {Element} el */
  function pathBelow(top, el) {
    /** @type {Element[]} */
    const out = [];
    for (let e = /** @type {Element|null} */ (el); e && e !== top; e = e.parentElement) out.unshift(e);
    return out;
  }

  /** @param {Element} a @param {Element} b @returns {Element|null} */
  function commonAncestor(a, b) {
    const seen = new Set();
    for (let e = /** @type {Element|null} */ (a); e; e = e.parentElement) seen.add(e);
    for (let e = /** @type {Element|null} */ (b); e; e = e.parentElement) if (seen.has(e)) return e;
    return null;
  }

  /**
   * Two elements of one kind, as the page is now: the same tag, and a class token in common
   * (hashed ones count here: they are the same within one build) or no classes at all.
   * @param {Element} a @param {Element} b
   */
  function similar(a, b) {
    if (a.localName !== b.localName) return false;
    if (!a.classList.length && !b.classList.length) return true;
    for (const t of a.classList) if (b.classList.contains(t)) return true;
    return false;
  }

  /** How many of `el`'s siblings (itself included) are of its kind and hold words. @param {Element} el */
  function repeats(el) {
    const R = KefuContent.read;
    return [...(el.parentElement?.children ?? [el])].filter((s) => similar(s, el) && R.text(s, 20) !== "").length;
  }

  /**
   * The pattern of one step down from the list, for `els` (the picks' elements at that step):
   * the tag (or * when they differ) with a hook both have with one value, else with the stable
   * class both have that most of `peers` have too (the kind's class, not a variant's), else
   * the tag alone. @param {Element[]} els @param {Element[]} peers
   */
  function stepPattern(els, peers) {
    const tag = els.every((e) => e.localName === els[0].localName) ? CSS.escape(els[0].localName) : "*";
    for (const name of HOOKS) {
      const v = els[0].getAttribute(name);
      if (v !== null && isStableValue(v) && els.every((e) => e.getAttribute(name) === v)) return `${tag}${attrSel(name, v)}`;
    }
    const shared = usableClasses(els[0]).filter((t) => els.every((e) => e.classList.contains(t)));
    if (!shared.length) return tag;
    const count = (/** @type {string} */ t) => peers.filter((p) => p.classList.contains(t)).length;
    const best = shared.reduce((a, b) => (count(b) > count(a) ? b : a));
    return `${tag === "*" ? "" : tag}.${CSS.escape(best)}`;
  }

  /**
   * Where the messages are. The list is the nearest common ancestor of the two picks and the
   * messages its children holding them, with two adjustments for grouped lists:
   *  - down: when the picks' children of the list are groups (a run of one sender's messages,
   *    chatscope's cs-message-group), the messages are the first level below them where elements
   *    of one kind, with words, repeat (not lines: paragraphs and inline elements are one
   *    message's);
   *  - up: when the list is one of several boxes of its kind, stacked in one column, that hold
   *    such messages too (a box per day), the list is their parent and the boxes a step between.
   * @param {Element} buyer @param {Element} agent
   * @returns {{list: Element, steps: string[], b: Element, a: Element, upB: Element[], upA: Element[], pathB: Element[], pathA: Element[]}|null}
   */
  function messageLevel(buyer, agent) {
    const common = commonAncestor(buyer, agent);
    if (!common || common === buyer || common === agent) return null;
    const pB = pathBelow(common, buyer);
    const pA = pathBelow(common, agent);
    let k = 0;
    if (similar(pB[0], pA[0])) {
      for (let j = 1; j < Math.min(pB.length, pA.length, 6); j++) {
        if (!similar(pB[j], pA[j])) break;
        if (TEXT_PARTS.has(pB[j].localName)) break;
        if (repeats(pB[j]) >= 2 || repeats(pA[j]) >= 2) {
          k = j;
          break;
        }
      }
    }
    /** @type {string[]} */
    const steps = [];
    for (let j = 0; j <= k; j++) {
      const peers = [...new Set([...(pB[j].parentElement?.children ?? []), ...(pA[j].parentElement?.children ?? [])])];
      steps.push(stepPattern([pB[j], pA[j]], peers));
    }
    let list = common;
    const doc = common.ownerDocument;
    const up = common.parentElement;
    if (up && common !== doc.body && up !== doc.body && up !== doc.documentElement) {
      // Stacked in one column (two lists side by side are not days of one chat).
      const box = common.getBoundingClientRect();
      const column = (/** @type {Element} */ s) => {
        const r = s.getBoundingClientRect();
        return Math.abs(r.left - box.left) < 2 && Math.abs(r.width - box.width) < 2;
      };
      const boxes = [...up.children].filter((s) => s !== common && similar(s, common) && column(s)
        && [...s.children].some((c) => similar(c, pB[0]) || similar(c, pA[0])));
      if (boxes.length) {
        steps.unshift(stepPattern([common, ...boxes], [...up.children]));
        list = up;
      }
    }
    return { list, steps, b: pB[k], a: pA[k], upB: pB.slice(0, k), upA: pA.slice(0, k), pathB: pB.slice(k + 1), pathA: pA.slice(k + 1) };
  }

  // ---- Whose each message is ----

  /** Which side a marker names (read/dom.js). @param {string} s */
  const sideWord = (s) => KefuContent.read.sideWord(s);

  /**
   * The markers on a message and below it (4 levels, 60 elements): stable classes, data-* and
   * role attributes, as selectors; and those of its groups (`ups`: its ancestors below the
   * list) as "<marker> *", which a message inside such a group matches. Not aria-label (it
   * holds words: "Message from Lily"), nor values holding the message's words or `avoid`'s.
   * @param {Element} item @param {Element[]} ups @param {string[]} avoid
   * @returns {Map<string, {onItem: boolean, word: string|null, isClass: boolean}>}
   */
  function markers(item, ups, avoid) {
    /** @type {Map<string, {onItem: boolean, word: string|null, isClass: boolean}>} */
    const out = new Map();
    const words = ownText(item);
    const add = (/** @type {string} */ sel, /** @type {string} */ said, /** @type {boolean} */ onItem, /** @type {boolean} */ isClass) => {
      const seen = out.get(sel);
      if (!seen) out.set(sel, { onItem, word: sideWord(said), isClass });
      else if (onItem) seen.onItem = true;
    };
    const of = (/** @type {Element} */ el, /** @type {(sel: string, said: string, isClass: boolean) => void} */ found) => {
      for (const t of usableClasses(el)) found(`.${CSS.escape(t)}`, t, true);
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        const described = name.startsWith("data-") || name === "role";
        if (!described || TOOL_DATA.test(name) || (INSTANCE_DATA.test(name) && !HOOKS.includes(name)) || !/^[a-z][a-z0-9-]*$/.test(name)) continue;
        const value = a.value.trim();
        if (!isStableValue(value) || [words, ...avoid].some((w) => overlaps(value, w))) continue;
        found(attrSel(name, value), `${name} ${value}`, false);
      }
    };
    for (const up of ups) of(up, (sel, said, isClass) => add(`${sel} *`, said, true, isClass));
    /** @type {[Element, number][]} */
    const queue = [[item, 0]];
    for (let i = 0; i < queue.length && i < 60; i++) {
      const [el, depth] = queue[i];
      of(el, (sel, said, isClass) => add(sel, said, el === item, isClass));
      if (depth < 4) for (const c of el.children) queue.push([c, depth + 1]);
    }
    return out;
  }

  /** The element is or holds a match of `selector` (as the adapter reads direction). @param {Element} el @param {string} selector */
  const holds = (el, selector) => el.matches(selector) || el.querySelector(selector) !== null;

  /**
   * Markers that tell the two picked messages apart, checked on the list's messages: the best
   * pair (one for each side) that no message holds both of and that covers the most messages,
   * or one marker alone. @param {Element} b @param {Element} a @param {Element[]} upB @param {Element[]} upA
   * @param {Element[]} items @param {string[]} avoid
   * @returns {{pair?: {agent: string, buyer: string}, single?: {side: "agent"|"buyer", selector: string, strong: boolean}}}
   */
  function markerDirection(b, a, upB, upA, items, avoid) {
    const mB = markers(b, upB, avoid);
    const mA = markers(a, upA, avoid);
    const rank = (/** @type {{onItem: boolean, word: string|null, isClass: boolean}} */ m, /** @type {string} */ side, /** @type {string} */ sel) =>
      (m.onItem ? 1 : 0) + (m.word === side ? 2 : m.word ? -2 : 0) + (m.isClass ? 0.5 : 0) - sel.length / 200;
    const only = (/** @type {typeof mB} */ mine, /** @type {Element} */ me, /** @type {Element} */ other, /** @type {string} */ side) => [...mine.entries()]
      .filter(([sel]) => holds(me, sel) && !holds(other, sel))
      .map(([sel, m]) => ({ sel, m, score: rank(m, side, sel) }))
      .sort((x, y) => y.score - x.score)
      .slice(0, 10);
    const forAgent = only(mA, a, b, "agent");
    const forBuyer = only(mB, b, a, "buyer");
    let best = null;
    let bestScore = -Infinity;
    for (const fa of forAgent) {
      for (const fb of forBuyer) {
        let both = false;
        let split = 0;
        for (const it of items) {
          const x = holds(it, fa.sel);
          const y = holds(it, fb.sel);
          if (x && y) both = true;
          if (x !== y) split += 1;
        }
        const cover = items.length ? split / items.length : 0;
        if (both || cover < 0.5) continue;
        const score = cover * 4 + fa.score + fb.score;
        if (score > bestScore) {
          bestScore = score;
          best = { agent: fa.sel, buyer: fb.sel };
        }
      }
    }
    if (best) return { pair: best };
    const singles = [...forAgent.map((f) => ({ ...f, side: /** @type {const} */ ("agent") })), ...forBuyer.map((f) => ({ ...f, side: /** @type {const} */ ("buyer") }))]
      .sort((x, y) => y.score - x.score);
    const one = singles[0];
    if (!one) return {};
    return { single: { side: one.side, selector: one.sel, strong: one.m.onItem || one.m.word === one.side } };
  }

  /**
   * The levels below the message elements, each as the steps down from the message element and
   * the two elements there, where each picked message holds exactly one match: where a bubble
   * may sit (the side and the colour are looked for there too).
   * @param {Element} b @param {Element} a @param {Element[]} pathB @param {Element[]} pathA
   * @returns {{rel: string[], b: Element, a: Element}[]}
   */
  function bubbleLevels(b, a, pathB, pathA) {
    /** @type {{rel: string[], b: Element, a: Element}[]} */
    const out = [{ rel: [], b, a }];
    /** @type {string[]} */
    const rel = [];
    for (let j = 0; j < Math.min(pathB.length, pathA.length, 4); j++) {
      if (pathB[j].localName !== pathA[j].localName) break;
      const peers = [...new Set([...(pathB[j].parentElement?.children ?? []), ...(pathA[j].parentElement?.children ?? [])])];
      rel.push(stepPattern([pathB[j], pathA[j]], peers));
      const s = `:scope > ${rel.join(" > ")}`;
      const inB = b.querySelectorAll(s);
      const inA = a.querySelectorAll(s);
      if (inB.length !== 1 || inA.length !== 1 || inB[0] !== pathB[j] || inA[0] !== pathA[j]) continue;
      out.push({ rel: [...rel], b: pathB[j], a: pathA[j] });
    }
    return out;
  }

  // ---- The other picks ----

  /** The reply box a click landed in or on: the field, the editor's editing host, or the one field inside. @param {Element} el */
  function replyBox(el) {
    const field = el.closest("textarea, input");
    if (field) return field;
    if (/** @type {HTMLElement} */ (el).isContentEditable) {
      let host = /** @type {HTMLElement} */ (el);
      while (host.parentElement?.isContentEditable) host = host.parentElement;
      return host;
    }
    const inner = el.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"], input:not([type]), input[type="text"]');
    return inner.length === 1 ? inner[0] : el;
  }

  /** A send button near the reply box (up to 5 ancestors up), by its label or its class; null when none. @param {Element} input */
  function sendButton(input) {
    const label = (/** @type {Element} */ b) => (b.textContent?.trim() || b.getAttribute("aria-label") || b.getAttribute("title") || b.getAttribute("value") || "").replace(/\s+/g, "");
    let scope = input.parentElement;
    for (let up = 0; scope && up < 5; up++, scope = scope.parentElement) {
      const buttons = [...scope.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"]')].filter((b) => b !== input && !input.contains(b));
      const found = buttons.find((b) => SEND_LABEL.test(label(b)))
        ?? buttons.find((b) => [...b.classList, b.getAttribute("data-testid") ?? ""].some((t) => /(^|[-_])send([-_]|$)|^send|Send/.test(t) && !isHashedClass(t)));
      if (found) return found;
    }
    return null;
  }

  /**
   * The messages' text element: the deepest element on a pick's way down that a pattern (tag
   * and class, the tag, or the tag and its place) names alone in both messages, holding words
   * that are not a time.
   * @param {Element} b @param {Element} a @param {Element} buyer @param {Element} agent
   * @returns {string|null}
   */
  function textPattern(b, a, buyer, agent) {
    const R = KefuContent.read;
    const isTime = (/** @type {string} */ t) => /^(\d{1,4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?\s*)?\d{1,2}:\d{2}(:\d{2})?$/.test(t);
    for (const [m, pick] of /** @type {[Element, Element][]} */ ([[b, buyer], [a, agent]])) {
      if (!m.contains(pick)) continue;
      for (let e = /** @type {Element|null} */ (pick); e && e !== m; e = e.parentElement) {
        const tag = CSS.escape(e.localName);
        // Structure last: the words' place among their siblings (the time is the next one).
        const place = `${tag}:nth-child(${[...(e.parentElement?.children ?? [])].indexOf(e) + 1})`;
        const candidates = [...usableClasses(e).map((c) => `${tag}.${CSS.escape(c)}`), tag, place];
        for (const p of candidates) {
          const inB = b.querySelectorAll(p);
          const inA = a.querySelectorAll(p);
          if (inB.length !== 1 || inA.length !== 1) continue;
          const tB = R.text(inB[0]);
          const tA = R.text(inA[0]);
          if (!tB || !tA || isTime(tB) || isTime(tA)) continue;
          return p;
        }
      }
    }
    return null;
  }

  /** The address names the open chat: a part with 3+ digits, or a long token with digits. @param {string} where */
  function addressNamesChat(where) {
    return where.split(/[/?#&=;,]+/).some((p) => /\d{3,}/.test(p) || UUID.test(p) || (p.length >= 8 && /\d/.test(p) && /[a-z]/i.test(p)));
  }

  /**
   * A site config for this page from the agent's picks: the elements of one buyer message, one
   * of the agent's own, the reply box and (optional) the buyer's name. Problems (each {field,
   * reason}) are empty on success; the config is checked by siteConfig.problems and on the page.
   * @param {{buyer: Element, agent: Element, input: Element, name?: Element|null, id?: string}} picks  (`id`: the id of the adapter reading the page, kept)
   * @param {Document} doc @param {Location|URL} location
   * @returns {{config: any, problems: {field: string, reason: string}[]}}
   */
  function derive(picks, doc, location) {
    const K = KefuContent;
    const R = K.read;
    const fail = (/** @type {string} */ field, /** @type {string} */ reason, /** @type {any} */ config = null) => ({ config, problems: [{ field, reason }] });
    const isEl = (/** @type {any} */ x) => Boolean(x && x.nodeType === 1 && x.ownerDocument === doc);
    const { buyer, agent } = picks;
    if (!isEl(buyer)) return fail("buyer", "pick a message the buyer sent");
    if (!isEl(agent)) return fail("agent", "pick a message you sent");
    if (!isEl(picks.input)) return fail("input", "pick the box where you type replies");
    if (buyer === agent || buyer.contains(agent) || agent.contains(buyer)) return fail("agent", "pick two different messages: one the buyer sent, one you sent");
    const level = messageLevel(buyer, agent);
    if (!level || level.list === doc.body || level.list === doc.documentElement) {
      return fail("agent", "these two messages are not in one list: pick two messages of the open chat");
    }
    if (level.b.localName !== level.a.localName) return fail("agent", "these two messages are not in one list: pick two messages of the open chat");
    const input = replyBox(picks.input);
    if (level.list.contains(input)) return fail("input", "that is inside the message list: pick the box where you type replies");

    const name = picks.name && isEl(picks.name) ? picks.name : null;
    // The buyer's name changes with the chat: no selector may hold it (an aria-label "Chat with …").
    const avoid = name ? [R.text(name, 200)].filter(Boolean) : [];
    const listSel = stableSelector(level.list, doc, avoid);
    if (!listSel) return fail("selectors.messageList", "we found no selector for the message list");
    const chain = [...level.steps];
    const items = () => {
      try {
        return [...doc.querySelectorAll(`${listSel} > ${chain.join(" > ")}`)].slice(-100);
      } catch {
        return [];
      }
    };

    /** @type {any} */
    let direction = null;
    let b = level.b;
    let a = level.a;
    const found = markerDirection(b, a, level.upB, level.upA, items(), avoid);
    if (found.pair) direction = { agent: [found.pair.agent], buyer: [found.pair.buyer] };
    else if (found.single?.strong) direction = { [found.single.side]: [found.single.selector] };
    if (!direction) {
      const levels = bubbleLevels(b, a, level.pathB, level.pathA);
      const at = (/** @type {{rel: string[], b: Element, a: Element}} */ l, /** @type {any} */ d) => {
        direction = d;
        b = l.b;
        a = l.a;
        chain.push(...l.rel);
      };
      const bySide = levels.find((l) => R.side(l.b, level.list) === "left" && R.side(l.a, level.list) === "right");
      if (bySide) at(bySide, { by: "side" });
      else {
        const key = K.siteConfig.colourKey;
        const byColour = levels.find((l) => {
          const cb = key(R.bubbleColour(l.b));
          const ca = key(R.bubbleColour(l.a));
          return cb !== null && ca !== null && cb !== ca;
        });
        if (byColour) at(byColour, { by: "colour", agent: R.bubbleColour(byColour.a), buyer: R.bubbleColour(byColour.b) });
        else if (found.single) direction = { [found.single.side]: [found.single.selector] };
      }
    }
    if (!direction) return fail("direction", SAME);
    let messageSel = `${listSel} > ${chain.join(" > ")}`;
    if (messageSel.length > MAX_SELECTOR) {
      // Too long for a config: the last step anywhere in the list, if it finds the same elements.
      const short = `${listSel} ${chain[chain.length - 1]}`;
      const long = [...doc.querySelectorAll(messageSel)];
      const got = [...doc.querySelectorAll(short)];
      if (got.length === long.length && got.every((el, i) => el === long[i])) messageSel = short;
    }

    const inputSel = stableSelector(input, doc, avoid);
    if (!inputSel) return fail("selectors.input", "we found no selector for the reply box");
    /** @type {{[key: string]: string[]}} */
    const selectors = { messageList: [listSel], message: [messageSel] };
    const text = textPattern(b, a, buyer, agent);
    if (text) selectors.messageText = [text];
    selectors.input = [inputSel];
    const send = sendButton(input);
    const sendSel = send ? stableSelector(send, doc, avoid) : null;
    if (sendSel) selectors.send = [sendSel];
    const nameSel = name ? stableSelector(name, doc, avoid) : null;
    if (name && !nameSel) return fail("selectors.buyerName", "we found no selector for the buyer's name");
    if (nameSel) selectors.buyerName = [nameSel];

    const host = String(location.hostname ?? "");
    const where = `${location.pathname ?? ""}${location.hash ?? ""}`;
    const view = doc.defaultView;
    /** @type {any} */
    const config = {
      kefu_site: K.siteConfig.VERSION,
      // The adapter that was reading the page keeps its id (its notes stay the buyer's notes).
      id: typeof picks.id === "string" && picks.id ? picks.id : siteId(host),
      name: host.slice(0, 40),
      certainty: "low",
      hosts: [host],
      // No port: Firefox's match patterns take none, and Chrome's match any port without one.
      patterns: [`${location.protocol}//${host}/*`],
      selectors,
      // The address names the chat, unless it stays the same for every buyer: then their name.
      conversation: nameSel && !addressNamesChat(where) ? { selector: [nameSel] } : { from: "url" },
      direction,
    };
    if (nameSel) config.buyer = { selector: [nameSel] };
    if (view && view !== view.top) {
      // In a frame: read it in every frame, and let the top frame's host have the panel.
      config.allFrames = true;
      const tops = [...(/** @type {any} */ (location).ancestorOrigins ?? [])].map((o) => {
        try {
          return new URL(o).hostname;
        } catch {
          return "";
        }
      }).filter((h) => h && h !== host);
      config.hosts.push(...new Set(tops));
    }

    const invalid = K.siteConfig.problems(config);
    if (invalid.length) return { config, problems: invalid };
    // On the page: the list selector finds the list alone, the message selector both picks, the
    // reply box and name selectors what was picked, and the adapter reads the picks right.
    const all = (/** @type {string} */ s) => [...doc.querySelectorAll(s)];
    const lists = all(listSel);
    if (lists.length !== 1 || lists[0] !== level.list) return fail("selectors.messageList", "the list selector does not find the list alone", config);
    const messages = all(messageSel);
    if (!messages.includes(b) || !messages.includes(a)) return fail("selectors.message", "the message selector misses a picked message", config);
    if (R.first(doc, [inputSel]) !== input) return fail("selectors.input", "the reply box selector finds another element first", config);
    if (name && R.first(doc, [/** @type {string} */ (nameSel)]) !== name) return fail("selectors.buyerName", "the name selector finds another element first", config);
    if (!R.text(b) || !R.text(a)) return fail(R.text(b) ? "agent" : "buyer", "that message has no words we can read: pick a message with text", config);
    const site = /** @type {any} */ (K.siteConfig.adapter(config));
    site.messageList = (/** @type {Document} */ d) => R.first(d, selectors.messageList);
    const fromB = site.message(b, doc)?.from;
    const fromA = site.message(a, doc)?.from;
    if (fromB !== "buyer" || fromA !== "agent") return fail("direction", SAME, config);
    return { config, problems: [] };
  }

  return { HASH_RULES, hashedBy, isHashedClass, isStateClass, isGeneratedId, isStableValue, siteId, addressNamesChat, sideWord, stableSelector, derive };
})();
