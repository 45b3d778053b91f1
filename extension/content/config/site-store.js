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
   * A match pattern (`https://chat.example.com/*`, `*://*.example.com/chat/*`) as a RegExp over
   * a URL. @param {string} pattern
   */
  function patternRegExp(pattern) {
    const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/:]+)(:\d+)?(\/.*)$/i.exec(pattern);
    if (!m) return /$^/;
    const esc = (/** @type {string} */ s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    const scheme = m[1] === "*" ? "https?" : esc(m[1]);
    const host = m[2] === "*" ? "[^/:]+" : m[2].startsWith("*.") ? `(?:[^/:]+\\.)?${esc(m[2].slice(2))}` : esc(m[2]);
    const port = m[3] ? esc(m[3]) : "(?::\\d+)?";
    const path = m[4].split("*").map(esc).join(".*");
    return new RegExp(`^${scheme}://${host}${port}${path}$`, "i");
  }

  /** Whether `config` is for the page at `href`. @param {any} config @param {string} href */
  function covers(config, href) {
    return Array.isArray(config?.patterns) && config.patterns.some((/** @type {string} */ p) => patternRegExp(p).test(href));
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
   * naming the line of each (where the text shows it) and nothing to import.
   * @param {string} text
   */
  function parse(text) {
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const line = text.slice(0, syntaxErrorAt(text)).split("\n").length;
      return { configs: [], problems: [{ line, field: "", reason: `not JSON: ${String(/** @type {any} */ (error)?.message ?? error)}` }] };
    }
    // A single config is a file of one.
    const whole = value && typeof value === "object" && "kefu_site" in value ? [value] : value;
    const { configs, problems } = check(whole);
    return { configs, problems: problems.map((p) => ({ line: lineOf(text, p.field), ...p })) };
  }

  /**
   * Where JSON text first goes wrong (the browsers' messages do not all say): a small scanner
   * over values, strings, numbers and literals. @param {string} text @returns {number}
   */
  function syntaxErrorAt(text) {
    let i = 0;
    const space = () => {
      while (i < text.length && /\s/.test(text[i])) i += 1;
    };
    /** @returns {boolean} */
    const value = () => {
      space();
      const c = text[i];
      if (c === "{" || c === "[") {
        const close = c === "{" ? "}" : "]";
        i += 1;
        space();
        if (text[i] === close) return (i += 1), true;
        for (;;) {
          if (c === "{") {
            space();
            if (text[i] !== "\"" || !value()) return false;
            space();
            if (text[i] !== ":") return false;
            i += 1;
          }
          if (!value()) return false;
          space();
          if (text[i] === ",") i += 1;
          else if (text[i] === close) return (i += 1), true;
          else return false;
        }
      }
      if (c === "\"") {
        for (i += 1; i < text.length && text[i] !== "\""; i += text[i] === "\\" ? 2 : 1) if (text[i] < " ") return false;
        return i < text.length && ((i += 1), true);
      }
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) return false;
      i += m[0].length;
      return true;
    };
    if (value()) space();
    return Math.min(i, text.length);
  }

  /**
   * The line of the text where a field's value starts, found by walking the field's path through
   * the JSON text (`configs[2].selectors.message`); 1 when it cannot tell. @param {string} text @param {string} field
   */
  function lineOf(text, field) {
    const parts = field.match(/[^.[\]]+/g) ?? [];
    let at = 0;
    for (const part of parts) {
      const next = /^\d+$/.test(part) ? nthItem(text, at, Number(part)) : text.indexOf(JSON.stringify(part), at);
      if (next < 0) break;
      at = next;
    }
    return text.slice(0, at).split("\n").length;
  }

  /** Where the n-th item of the first JSON array at or after `from` starts (-1: not found). */
  function nthItem(/** @type {string} */ text, /** @type {number} */ from, /** @type {number} */ n) {
    let i = text.indexOf("[", from);
    if (i < 0) return -1;
    let depth = 0;
    let item = 0;
    let inString = false;
    for (i += 1; i < text.length; i += 1) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i += 1;
        else if (c === "\"") inString = false;
        continue;
      }
      if (c === "\"") inString = true;
      else if (c === "[" || c === "{") depth += 1;
      else if (c === "]" || c === "}") {
        if (depth === 0) return -1;
        depth -= 1;
      } else if (c === "," && depth === 0) item += 1;
      if (item === n && depth <= 1 && !/[\s,]/.test(c)) return i;
    }
    return -1;
  }

  /** The agent's configs and the shop's presets; unreadable ones are left out and named. */
  async function load() {
    /** @type {any[]} */
    let own = [];
    /** @type {any[]} */
    let shop = [];
    /** @type {string[]} */
    const trouble = [];
    try {
      const value = (await ext().storage.local.get(KEY))[KEY];
      if (value !== undefined) {
        const checked = check(value);
        if (checked.problems.length) trouble.push(`${KEY}: ${checked.problems[0].field}: ${checked.problems[0].reason}`);
        own = checked.configs;
      }
    } catch (error) {
      trouble.push(`${KEY}: ${String(/** @type {any} */ (error)?.message ?? error)}`);
    }
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
    return { own, shop, trouble };
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
   * Adds `config` to the agent's own, replacing one with its id or for the same pages.
   * @param {any} config
   */
  async function save(config) {
    const { own } = await load();
    const same = (/** @type {any} */ c) => c.id === config.id || JSON.stringify(c.patterns) === JSON.stringify(config.patterns);
    await saveAll([config, ...own.filter((c) => !same(c))]);
  }

  /** Removes the agent's config with this id. @param {string} id */
  async function remove(id) {
    const { own } = await load();
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

  return { KEY, MANAGED_KEY, FORMAT, patternRegExp, covers, check, parse, load, forPage, save, saveAll, remove, exportText, watch };
})();
