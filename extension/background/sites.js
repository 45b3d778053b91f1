"use strict";
// Sites the agent turned on from the toolbar (popup/): each is an origin whose permission the
// agent granted (the browser's own prompt), with our content scripts registered for it
// (persistent across restarts). The granted permissions are the record: whatever grants or
// revokes one (the popup, the browser's extension settings) brings the registrations in line,
// so a site is on exactly while its permission is held. The six platforms' adapters come with
// the manifest and are not touched here.
const KefuSites = (() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const PREFIX = "kefu-site ";
  /** @type {Promise<string[]>|null} */
  let files = null;

  /** The content scripts a turned-on site gets (written by the build: content/turned-on.json). */
  function scriptFiles() {
    files ??= fetch(ext.runtime.getURL("content/turned-on.json")).then((r) => r.json()).catch((error) => {
      files = null;
      throw error;
    });
    return files;
  }

  /** Origins the manifest gives us anyway (the platforms' pages, the demo). */
  function builtInPatterns() {
    const m = ext.runtime.getManifest();
    return new Set([...(m.host_permissions ?? []), ...(m.content_scripts ?? []).flatMap((c) => c.matches ?? [])]);
  }

  /** `https://chat.example.com/*` for an http(s) page address; null for anything else. @param {string} url */
  function originPattern(url) {
    try {
      const u = new URL(url);
      return u.protocol === "https:" || u.protocol === "http:" ? `${u.protocol}//${u.hostname}/*` : null;
    } catch {
      return null;
    }
  }

  /** The origins turned on: granted, not the manifest's own. */
  async function turnedOn() {
    const builtIn = builtInPatterns();
    const { origins = [] } = await ext.permissions.getAll();
    return origins.filter((o) => !builtIn.has(o) && /^https?:\/\/[^*/]+\/\*$/.test(o));
  }

  // One sync at a time (the popup and permissions.onAdded may both ask at once).
  /** @type {Promise<any>} */
  let queue = Promise.resolve();
  /**
   * Registers the content scripts of every turned-on origin, starts them in its open tabs, and
   * unregisters the rest. `everywhere`: also starts them in the open tabs of origins registered
   * before (the browser just started: a tab restored or opened while the kept registrations were
   * not yet in force has no scripts; where they ran, the second start is a no-op).
   * @param {{everywhere?: boolean}} [options]
   * @returns {Promise<{added: string[], gone: string[]}>}
   */
  function sync(options = {}) {
    const run = queue.then(() => syncNow(options.everywhere === true));
    queue = run.catch(() => {});
    return run;
  }

  /** @param {boolean} everywhere */
  async function syncNow(everywhere) {
    const wanted = new Set(await turnedOn());
    const registered = (await ext.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX));
    const gone = registered.filter((s) => !wanted.has(s.id.slice(PREFIX.length))).map((s) => s.id);
    if (gone.length) await ext.scripting.unregisterContentScripts({ ids: gone });
    const have = new Set(registered.map((s) => s.id.slice(PREFIX.length)));
    const js = await scriptFiles();
    // Kept from before an update of the extension: the files may have changed since.
    const stale = registered.filter((s) => wanted.has(s.id.slice(PREFIX.length)) && JSON.stringify(s.js) !== JSON.stringify(js));
    if (stale.length) await ext.scripting.updateContentScripts(stale.map((s) => ({ id: s.id, js })));
    const added = [...wanted].filter((o) => !have.has(o));
    if (added.length) {
      await ext.scripting.registerContentScripts(added.map((origin) => ({
        id: PREFIX + origin, matches: [origin], js, runAt: "document_idle", allFrames: false, persistAcrossSessions: true,
      })));
    }
    await startIn(everywhere ? [...wanted] : added);
    return { added, gone: gone.map((id) => id.slice(PREFIX.length)) };
  }

  /**
   * Starts the content scripts at once in the open tabs of newly turned-on origins. A tab still
   * loading gets them when it has loaded (Chromium holds a loading page's load event for good
   * when scripts are injected into it then; the registration alone may come too late for it).
   * @param {string[]} origins
   */
  async function startIn(origins) {
    if (!origins.length) return;
    const js = await scriptFiles();
    const inject = (/** @type {number} */ tabId) => ext.scripting.executeScript({ target: { tabId }, files: js }).catch(() => {});
    for (const tab of await ext.tabs.query({ url: origins })) {
      const tabId = tab.id;
      if (typeof tabId !== "number") continue;
      if (tab.status === "complete") {
        inject(tabId);
        continue;
      }
      const loaded = (/** @type {number} */ id, /** @type {any} */ change) => {
        if (id !== tabId || change.status !== "complete") return;
        ext.tabs.onUpdated.removeListener(loaded);
        inject(tabId);
      };
      ext.tabs.onUpdated.addListener(loaded);
    }
  }

  /** What the popup shows for a page: built in, on, or off. @param {string} url */
  async function state(url) {
    const origin = originPattern(url);
    if (!origin) return { origin: null, state: "unsupported" };
    const builtIn = [...builtInPatterns()].some((p) => matches(p, url));
    if (builtIn) return { origin, state: "built-in" };
    return { origin, state: (await turnedOn()).includes(origin) ? "on" : "off" };
  }

  /** A match pattern against a URL (config/site-store.js reads them for site configs too). @param {string} pattern @param {string} url */
  function matches(pattern, url) {
    return KefuContent.siteStore.matchesPattern(pattern, url);
  }

  ext.permissions.onAdded.addListener(() => void sync());
  ext.permissions.onRemoved.addListener(() => void sync());
  ext.runtime.onStartup?.addListener(() => void sync({ everywhere: true }));
  ext.runtime.onInstalled.addListener(() => void sync());

  return { sync, state, turnedOn, originPattern };
})();
