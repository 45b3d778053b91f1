"use strict";
// Starts the content script in a frame of a chat site: the top frame hosts the panel; the frame
// whose chat we understand reads it. Which adapter reads a page, first that applies:
//   1. the agent's own site config for it (picked, or imported), then the shop's preset
//      (config/site-store.js);
//   2. a built-in adapter that recognises the page (sites/);
//   3. on a site the agent turned on from the toolbar (no built-in adapter), zero-config
//      detection (detect/).
// Single-page apps draw their chat late: the page is looked at again as it changes, until one
// applies. A new or changed config (the picker saved one, the options page imported one) takes
// over at once.
(async function main() {
  const ext = globalThis.browser ?? globalThis.chrome;
  const K = KefuContent;
  // Started once per frame (turning a site on starts the scripts in its open tabs, which a
  // reload would also have started).
  /** @type {any} */
  const world = globalThis;
  if (!ext?.runtime?.id || world.kefuStarted) return;
  world.kefuStarted = true;
  const life = new AbortController();
  // Stopped (turned off, or the extension gone): turned on again, the scripts start afresh.
  life.signal.addEventListener("abort", () => {
    world.kefuStarted = false;
  }, { once: true });
  // After the extension is updated or removed this script is orphaned (its runtime is gone):
  // it stops, and its panel frame goes with it.
  const ALIVE_CHECK_MS = 5000;
  const alive = setInterval(() => {
    if (ext.runtime?.id) return;
    clearInterval(alive);
    life.abort();
  }, ALIVE_CHECK_MS);
  // Turned off from the popup: this page stops now (its panel goes too).
  K.turnedOff = () => life.abort();
  const isTop = window === window.top;
  // Registered for a site the agent turned on: no built-in adapter came with this script.
  const turnedOn = K.sites.length === 0;
  let stored = await K.siteStore.load();
  if (life.signal.aborted) return;

  if (isTop && (turnedOn || K.sites.some((s) => s.hosts.includes(location.hostname)) || K.siteStore.forPage(stored, location.href))) {
    K.startHost(document, life.signal);
  }

  /**
   * The adapter for this frame now, where it comes from, and (detected) how sure we are.
   * @returns {{site: SiteAdapter, from: "own"|"shop"|"built-in"|"detected", detection?: any, key: string}|null}
   */
  function choose() {
    const configured = K.siteStore.forPage(stored, location.href);
    if (configured) {
      try {
        const site = K.adapterOf(K.siteConfig.adapter(configured.config));
        if (site.matches(document, location)) return { site, from: configured.from, key: JSON.stringify(configured.config) };
      } catch {
        // An invalid config never gets here (the store checks them); a throwing page does.
      }
    }
    const builtIn = K.sites.find((s) => {
      try {
        return s.matches(document, location);
      } catch {
        return false;
      }
    });
    if (builtIn) return { site: builtIn, from: "built-in", key: `built-in:${builtIn.id}` };
    if (!turnedOn || !isTop) return null;
    try {
      const detection = K.detect.page(document, location);
      if (!detection) return null;
      return { site: K.adapterOf(K.siteConfig.adapter(detection.config)), from: "detected", detection, key: JSON.stringify(detection.config) };
    } catch {
      // What detection found makes no valid config (an odd host name, say): not understood.
      return null;
    }
  }

  /** @type {{key: string, from: string, stop: AbortController}|null} */
  let running = null;
  function start(/** @type {NonNullable<ReturnType<typeof choose>>} */ chosen) {
    running?.stop.abort();
    const stop = new AbortController();
    life.signal.addEventListener("abort", () => stop.abort(), { once: true });
    running = { key: chosen.key, from: chosen.from, stop };
    /** @type {ReturnType<typeof K.startSource>|null} */
    let source = null;
    const link = K.port("kefu/source", (m) => (m?.kind === "turned_off" ? life.abort() : source?.onMessage(m)), () => source?.hello(), stop.signal);
    source = K.startSource(chosen.site, document, link, stop.signal, { from: chosen.from, detection: chosen.detection ?? null });
    source.hello();
  }

  /** Stops reading (the config that read the page is gone) and waits for one that applies. */
  function stopReading() {
    running?.stop.abort();
    running = null;
    wait();
  }

  // The agent's or the shop's configs changed: a config for this page takes over (or, removed,
  // hands back to what applies without it).
  K.siteStore.watch(async () => {
    stored = await K.siteStore.load();
    if (life.signal.aborted) return;
    const chosen = choose();
    if (!chosen) {
      if (running && running.from !== "detected" && running.from !== "built-in") stopReading();
      return;
    }
    // (Detection is not run afresh for a change elsewhere: what it found stays.)
    if (chosen.key !== running?.key && !(chosen.from === "detected" && running?.from === "detected")) start(chosen);
  }, life.signal);

  // Not (yet) a chat: look again when the page changes, at most twice a second.
  const RECHECK_MS = 500;
  let waiting = false;
  function wait() {
    if (waiting || life.signal.aborted) return;
    waiting = true;
    K.observeCoalesced(document.documentElement, { childList: true, subtree: true }, RECHECK_MS, (observer) => {
      const found = running ? null : choose();
      if (!running && !found) return;
      observer.disconnect();
      waiting = false;
      if (found) start(found);
    }, life.signal);
  }

  const first = choose();
  if (first) start(first);
  else wait();
})();
