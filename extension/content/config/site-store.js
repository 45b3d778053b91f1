"use strict";
// Where site configs are kept (docs/site-config.md, "Where configs live"):
//   storage.local  "kefu.sites"   the agent's own: picked on a page, or imported in the options page
//   storage.managed "siteConfigs" the shop's presets for all its agents (browser policy; read-only)
// Both hold configs of the one format. For a page, the agent's own config wins (it is the newest
// deliberate fix), then the shop's, then a built-in adapter, then zero-config detection.
// Loaded by the content scripts, the popup and the options page (no DOM needed).
KefuContent.siteStore = (() => {
  const KEY = "kefu.sites";
  const MANAGED_KEY = "siteConfigs";
  const FORMAT = 1;
  const MAX_CONFIGS = 200;
  const ext = () => globalThis.browser ?? globalThis.chrome;

  /**
   * Whether the page at `href` matches a match pattern (`https://chat.example.com/*`,
   * `*://*.example.com/chat/*`; no port: any port). The path is matched without backtracking, so
   * a pattern full of `*` costs the page nothing (patterns come from imported files and policies).
   * @param {string} pattern @param {string} href
   */
  function matchesPattern(pattern, href) {
    const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/:*]+)(:\d+)?(\/.*)$/i.exec(pattern);
    if (!m) return false;
    let url;
    try {
      url = new URL(href);
    } catch {
      return false;
    }
    const scheme = url.protocol.slice(0, -1);
    if (m[1] === "*" ? scheme !== "http" && scheme !== "https" : m[1].toLowerCase() !== scheme) return false;
    const host = url.hostname.toLowerCase();
    const want = m[2].toLowerCase();
    if (want !== "*" && (want.startsWith("*.") ? host !== want.slice(2) && !host.endsWith(want.slice(1)) : host !== want)) return false;
    if (m[3] && url.port !== m[3].slice(1)) return false;
    return glob(m[4], `${url.pathname}${url.search}`.slice(0, 4096));
  }

  /**
   * `*` matches any run of characters: the classic two-pointer match, at most pattern × text
   * steps (no backtracking blow-up). @param {string} p @param {string} s
   */
  function glob(p, s) {
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (i < s.length) {
      if (j < p.length && p[j] !== "*" && p[j] === s[i]) {
        i += 1;
        j += 1;
      } else if (j < p.length && p[j] === "*") {
        star = j;
        j += 1;
        mark = i;
      } else if (star >= 0) {
        j = star + 1;
        mark += 1;
        i = mark;
      } else {
        return false;
      }
    }
    while (p[j] === "*") j += 1;
    return j === p.length;
  }

  /** Whether `config` is for the page at `href`. @param {any} config @param {string} href */
  function covers(config, href) {
    return Array.isArray(config?.patterns) && config.patterns.some((/** @type {string} */ p) => matchesPattern(p, href));
  }

  /**
   * The configs a storage value holds, checked: every problem as {field, reason} with the field
   * path from the top (`configs[2].selectors.message`). Taken whole or not at all.
   * @param {any} value @returns {{configs: any[], problems: {field: string, reason: string}[]}}
   */
  function check(value) {
    /** @type {{field: string, reason: string}[]} */
    const problems = [];
    const list = Array.isArray(value) ? value : value?.configs;
    const prefix = Array.isArray(value) ? "" : "configs";
    if (!Array.isArray(value)) {
      if (!value || typeof value !== "object") return { configs: [], problems: [{ field: "", reason: `a file of site configs: {"kefu_sites": ${FORMAT}, "configs": [ … ]}` }] };
      if (value.kefu_sites !== FORMAT) problems.push({ field: "kefu_sites", reason: `must be ${FORMAT}, the format version` });
      for (const key of Object.keys(value)) if (key !== "kefu_sites" && key !== "configs") problems.push({ field: key, reason: `there is no field "${key}" (fields are kefu_sites, configs)` });
    }
    if (!Array.isArray(list)) return { configs: [], problems: [...problems, { field: prefix, reason: "a list of site configs" }] };
    if (list.length > MAX_CONFIGS) problems.push({ field: prefix, reason: `at most ${MAX_CONFIGS} site configs` });
    /** @type {Map<string, number>} */
    const ids = new Map();
    list.slice(0, MAX_CONFIGS).forEach((config, i) => {
      const at = `${prefix}[${i}]`;
      for (const p of KefuContent.siteConfig.problems(config)) problems.push({ field: p.field ? `${at}.${p.field}` : at, reason: p.reason });
      const id = config?.id;
      if (typeof id === "string") {
        if (ids.has(id)) problems.push({ field: `${at}.id`, reason: `"${id}" is also the id of ${prefix}[${ids.get(id)}]: one config per id` });
        else ids.set(id, i);
      }
    });
    return { configs: problems.length ? [] : list, problems };
  }

  /**
   * Reads an import file's text: {configs} when every config in it is valid, else {problems}
   * naming the line of each (where its value starts, or the object that lacks it) and nothing to
   * import. @param {string} text
   */
  function parse(text) {
    const { error, at } = scan(text);
    if (error !== null) {
      return { configs: [], problems: [{ line: lineAt(text, error), field: "", reason: "not JSON: it breaks off or has a character out of place here" }] };
    }
    const value = JSON.parse(text);
    // A single config is a file of one (its fields are then named from the config itself).
    const single = value && typeof value === "object" && !Array.isArray(value) && "kefu_site" in value;
    const { configs, problems } = check(single ? [value] : value);
    const lineOf = (/** @type {string} */ field) => {
      // The field's own value, else the nearest enclosing one that is there (a missing field:
      // the object that lacks it).
      let path = single ? field.replace(/^\[0\]\.?/, "") : field;
      while (path && !at.has(path)) {
        const up = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
        path = up === path ? "" : up;
      }
      return lineAt(text, at.get(path) ?? 0);
    };
    return { configs, problems: problems.map((p) => ({ line: lineOf(p.field), ...p })) };
  }

  /** The 1-based line of an offset. @param {string} text @param {number} offset */
  function lineAt(text, offset) {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
    return line;
  }

  /**
   * One pass over JSON text: where it first goes wrong (null: nowhere; the browsers' messages do
   * not all say), and where each value starts, by its path as `check` names fields
   * (`configs[1].selectors.message`).
   * @param {string} text @returns {{error: number|null, at: Map<string, number>}}
   */
  function scan(text) {
    /** @type {Map<string, number>} */
    const at = new Map();
    let i = 0;
    const space = () => {
      while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i += 1;
    };
    /** A string's end (after its closing quote), or -1. */
    const string = () => {
      for (let k = i + 1; k < text.length; k += 1) {
        if (text[k] === "\\") k += 1;
        else if (text[k] === "\"") return k + 1;
        else if (text[k] < " ") return -1;
      }
      return -1;
    };
    /** @param {string} path @returns {boolean} */
    const value = (path) => {
      space();
      at.set(path, i);
      const c = text[i];
      if (c === "{" || c === "[") {
        const close = c === "{" ? "}" : "]";
        i += 1;
        space();
        if (text[i] === close) return (i += 1), true;
        for (let n = 0; ; n += 1) {
          let child = `${path}[${n}]`;
          if (c === "{") {
            space();
            if (text[i] !== "\"") return false;
            const end = string();
            if (end < 0) return false;
            const key = text.slice(i + 1, end - 1);
            child = path ? `${path}.${key}` : key;
            i = end;
            space();
            if (text[i] !== ":") return false;
            i += 1;
          }
          if (!value(child)) return false;
          space();
          if (text[i] === ",") i += 1;
          else if (text[i] === close) return (i += 1), true;
          else return false;
        }
      }
      if (c === "\"") {
        const end = string();
        return end >= 0 && ((i = end), true);
      }
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) return false;
      i += m[0].length;
      return true;
    };
    const ok = value("");
    space();
    return { error: ok && i === text.length ? null : Math.min(i, text.length), at };
  }

  /** The agent's configs and the shop's presets; unreadable ones are left out and named. */
  async function load() {
    /** @type {any[]} */
    let own = [];
    /** @type {any[]} */
    let shop = [];
    /** @type {string[]} */
    const trouble = [];
    // What is wrong with the agent's own stored configs (then nothing may be written over them).
    let ownTrouble = "";
    try {
      const value = (await ext().storage.local.get(KEY))[KEY];
      if (value !== undefined) {
        const checked = check(value);
        if (checked.problems.length) ownTrouble = `${KEY}: ${checked.problems[0].field}: ${checked.problems[0].reason}`;
        own = checked.configs;
      }
    } catch (error) {
      ownTrouble = `${KEY}: ${String(/** @type {any} */ (error)?.message ?? error)}`;
    }
    if (ownTrouble) trouble.push(ownTrouble);
    try {
      // Without a policy the browsers answer nothing or throw ("Managed storage manifest not found").
      const value = (await ext().storage.managed?.get(MANAGED_KEY))?.[MANAGED_KEY];
      if (value !== undefined) {
        const checked = check(value);
        if (checked.problems.length) trouble.push(`managed ${MANAGED_KEY}: ${checked.problems[0].field}: ${checked.problems[0].reason}`);
        shop = checked.configs;
      }
    } catch {
      // No preset: the usual case.
    }
    return { own, shop, trouble, ownTrouble };
  }

  /**
   * The config for the page at `href`: the agent's own first, then the shop's.
   * @param {{own: any[], shop: any[]}} loaded @param {string} href
   */
  function forPage(loaded, href) {
    const own = loaded.own.find((c) => covers(c, href));
    if (own) return { config: own, from: /** @type {"own"|"shop"} */ ("own") };
    const shop = loaded.shop.find((c) => covers(c, href));
    return shop ? { config: shop, from: /** @type {"own"|"shop"} */ ("shop") } : null;
  }

  /**
   * Keeps `configs` as the agent's own (all valid, or nothing is written). Storage errors are
   * thrown to the caller, which says them. @param {any[]} configs
   */
  async function saveAll(configs) {
    const value = { kefu_sites: FORMAT, configs };
    const { problems } = check(value);
    if (problems.length) throw new Error(`${problems[0].field}: ${problems[0].reason}`);
    await ext().storage.local.set({ [KEY]: value });
  }

  /**
   * The agent's own configs, to change and write back; throws when the stored ones cannot be
   * read (writing would drop them all). */
  async function ownWritable() {
    const { own, ownTrouble } = await load();
    if (ownTrouble) throw new Error(`the saved site setups cannot be read, so nothing is written over them (${ownTrouble})`);
    return own;
  }

  /**
   * Adds `config` to the agent's own, replacing one with its id or for the same pages.
   * @param {any} config
   */
  async function save(config) {
    const own = await ownWritable();
    const same = (/** @type {any} */ c) => c.id === config.id || JSON.stringify(c.patterns) === JSON.stringify(config.patterns);
    await saveAll([config, ...own.filter((c) => !same(c))]);
  }

  /** Removes the agent's config with this id. @param {string} id */
  async function remove(id) {
    const own = await ownWritable();
    await saveAll(own.filter((c) => c.id !== id));
  }

  /** The export file's text: the agent's own configs. @param {any[]} configs */
  function exportText(configs) {
    return `${JSON.stringify({ kefu_sites: FORMAT, configs }, null, 2)}\n`;
  }

  /**
   * Calls `changed` when the agent's configs or the shop's presets change (another tab picked,
   * the options page imported, a policy was updated). @param {() => void} changed @param {AbortSignal} signal
   */
  function watch(changed, signal) {
    const listener = (/** @type {any} */ changes, /** @type {string} */ area) => {
      if ((area === "local" && KEY in changes) || (area === "managed" && MANAGED_KEY in changes)) changed();
    };
    ext().storage.onChanged.addListener(listener);
    signal.addEventListener("abort", () => ext().storage.onChanged.removeListener(listener), { once: true });
  }

  return { KEY, MANAGED_KEY, FORMAT, matchesPattern, covers, check, parse, load, ownWritable, forPage, save, saveAll, remove, exportText, watch };
})();
