"use strict";
// Starts the content script in a frame of a chat site: the top frame hosts the panel; the frame
// whose markup a site adapter recognises (the top frame itself, or a chat iframe as on 旺旺)
// reads the chat. Single-page apps draw their chat late, so the adapters are asked again as the
// page changes, until one recognises it.
(function main() {
  const ext = globalThis.browser ?? globalThis.chrome;
  const K = KefuContent;
  if (!ext?.runtime?.id || !K.sites.length) return;
  const life = new AbortController();
  // After the extension is updated or removed this script is orphaned (its runtime is gone):
  // it stops, and its panel frame goes with it.
  const ALIVE_CHECK_MS = 5000;
  const alive = setInterval(() => {
    if (ext.runtime?.id) return;
    clearInterval(alive);
    life.abort();
  }, ALIVE_CHECK_MS);
  if (window === window.top && K.sites.some((s) => s.hosts.includes(location.hostname))) {
    K.startHost(document, life.signal);
  }

  const find = () => K.sites.find((s) => {
    try {
      return s.matches(document, location);
    } catch {
      return false;
    }
  });
  function startSource(/** @type {SiteAdapter} */ site) {
    /** @type {ReturnType<typeof K.startSource>|null} */
    let source = null;
    const link = K.port("kefu/source", (m) => source?.onMessage(m), () => source?.hello(), life.signal);
    source = K.startSource(site, document, link, life.signal);
    source.hello();
  }
  const site = find();
  if (site) {
    startSource(site);
    return;
  }
  // Not (yet) a chat: look again when the page changes, at most twice a second.
  const RECHECK_MS = 500;
  K.observeCoalesced(document.documentElement, { childList: true, subtree: true }, RECHECK_MS, (observer) => {
    const found = find();
    if (!found) return;
    observer.disconnect();
    startSource(found);
  }, life.signal);
})();
