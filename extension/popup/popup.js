"use strict";
// The toolbar popup: turns Kefu Assist on or off for the site in the current tab (the browser's
// own permission prompt; the background then registers the content scripts, background/sites.js),
// says whether and how the page is read (built-in adapter, the agent's or the shop's config, or
// detection, with what it was unsure of), outlines what was found and starts the picker.
// Automation may open it for a page with `popup.html?url=<page address>` (docs/data-actions.md).
(async function popup() {
  const ext = globalThis.browser ?? globalThis.chrome;
  const say = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => ext.i18n.getMessage(key, subs) || key;
  const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));
  const button = (/** @type {string} */ action) => /** @type {HTMLButtonElement} */ ($(`[data-action="${action}"]`));
  for (const [action, key] of [["site-on", "popupTurnOn"], ["site-off", "popupTurnOff"], ["outline", "popupOutline"], ["start-picker", "popupPick"], ["open-options", "popupOptions"]]) {
    button(action).textContent = say(key);
  }
  document.documentElement.lang = ext.i18n.getUILanguage();

  const given = new URLSearchParams(location.search).get("url");
  const [tab] = given ? [] : await ext.tabs.query({ active: true, currentWindow: true });
  const url = given ?? tab?.url ?? "";
  const ask = (/** @type {any} */ message) => ext.runtime.sendMessage({ ...message, url, tabId: tab?.id });
  const problem = (/** @type {string} */ words) => {
    $("#site-problem").textContent = words;
    $("#site-problem").hidden = !words;
  };

  async function render() {
    const state = await ask({ kind: "site_state" });
    let host = "";
    try {
      host = new URL(url).hostname;
    } catch {
      // not a web page
    }
    $("#site-name").textContent = host || say("popupNoSite");
    const line = $("#site-state");
    line.dataset.state = state.state;
    line.textContent = say({ "built-in": "popupBuiltIn", on: "popupOn", off: "popupOff", unsupported: "popupUnsupported" }[/** @type {string} */ (state.state)] ?? "popupUnsupported");
    button("site-on").hidden = state.state !== "off";
    button("site-off").hidden = state.state !== "on";
    const reading = state.reading;
    button("outline").hidden = !reading;
    button("start-picker").hidden = !reading;
    const r = $("#site-reading");
    r.hidden = !reading?.health;
    if (reading?.health) {
      const h = reading.health;
      const from = say({ own: "popupFromOwn", shop: "popupFromShop", "built-in": "popupFromBuiltIn", detected: "popupFromDetected" }[/** @type {string} */ (h.from)] ?? "popupFromBuiltIn");
      const unsure = Array.isArray(h.unsure) && h.unsure.length > 0;
      const missing = !h.list || !h.replyBox;
      r.dataset.state = unsure || missing ? "warn" : "ok";
      r.dataset.from = String(h.from ?? "");
      r.textContent = `${from} · ${say("popupMessages", String(Number(h.messages) || 0))}${missing ? ` · ${say("popupMissing")}` : ""}${unsure ? ` · ${say("popupUnsure")}` : ""}`;
    }
    document.documentElement.dataset.ready = "true";
    document.documentElement.dataset.state = state.state;
    return state;
  }

  let current = await render();
  // What the page reports changes while the popup is open (it is read, a message comes): kept
  // current.
  const REFRESH_MS = 1000;
  setInterval(async () => {
    current = await render();
  }, REFRESH_MS);
  document.addEventListener("click", async (event) => {
    const action = event.target instanceof Element ? event.target.closest("[data-action]")?.getAttribute("data-action") : null;
    problem("");
    try {
      if (action === "site-on" && current.origin) {
        // The browser asks the agent; nothing is registered unless they allow it.
        const granted = await ext.permissions.request({ origins: [current.origin] });
        if (!granted) return problem(say("popupRefused"));
        const done = await ask({ kind: "site_on", origin: current.origin });
        if (!done?.ok) problem(say("popupFailed", String(done?.error ?? "")));
      } else if (action === "site-off" && current.origin) {
        const done = await ask({ kind: "site_off", origin: current.origin });
        if (!done?.ok) problem(say("popupFailed", String(done?.error ?? "")));
      } else if (action === "outline" || action === "start-picker") {
        await ask({ kind: "tab_action", action: action === "outline" ? "outline" : "pick" });
        if (!given) window.close();
        return;
      } else if (action === "open-options") {
        await ext.runtime.openOptionsPage();
        if (!given) window.close();
        return;
      }
    } catch (error) {
      problem(say("popupFailed", String(/** @type {any} */ (error)?.message ?? error)));
    }
    current = await render();
  });
})();
