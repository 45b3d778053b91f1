"use strict";
// Keeps the panel frame honest on a page that may not be: if the page removes the frame, hides it
// (display, visibility, opacity) or covers it with something else, the frame is put back or
// raised, and while it still cannot be seen the panel says so and inserts are refused (a hidden
// or covered panel could be used to trick the agent into clicking a reply: click-jacking).
KefuContent.frameGuard = function frameGuard(
  /** @type {Document} */ doc,
  /** @type {ReturnType<typeof KefuContent.panelFrame.mount>} */ panel,
  /** @type {(state: {ok: boolean, reason: string}) => void} */ report,
  /** @type {AbortSignal} */ signal,
) {
  const CHECK_MS = 1500;
  const MAX_MOVES = 3;
  let last = "";
  let moves = 0;

  /** Whether the agent can see the panel now, and if not why. @returns {{ok: boolean, reason: string}} */
  function check() {
    if (panel.frame.getAttribute("src") !== panel.url) return { ok: false, reason: "removed" };
    if (panel.folded()) return { ok: false, reason: "folded" };
    if (!panel.host.isConnected || !panel.frame.isConnected) return { ok: false, reason: "removed" };
    const view = doc.defaultView;
    if (!view) return { ok: false, reason: "removed" };
    let opacity = 1;
    for (const el of [panel.frame, panel.host, doc.documentElement]) {
      const cs = view.getComputedStyle(el);
      if (cs.display === "none" || cs.visibility !== "visible" || cs.contentVisibility === "hidden") return { ok: false, reason: "hidden" };
      if (cs.filter !== "none" || (cs.clipPath && cs.clipPath !== "none")) return { ok: false, reason: "hidden" };
      opacity *= Number(cs.opacity);
    }
    if (opacity < 0.95) return { ok: false, reason: "hidden" };
    const r = panel.frame.getBoundingClientRect();
    if (r.width < 100 || r.height < 100) return { ok: false, reason: "hidden" };
    // The frame must be what is under its centre and under points around it.
    for (const [fx, fy] of [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]) {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) continue;
      if (doc.elementFromPoint(x, y) !== panel.frame) return { ok: false, reason: "covered" };
    }
    return { ok: true, reason: "" };
  }

  /** Puts the frame back, restyled and on top, then checks again. */
  function enforce() {
    if (panel.moving()) return { ok: false, reason: "moving" };
    let state = check();
    if (!state.ok && state.reason !== "folded") {
      const detached = !panel.host.isConnected || !panel.tab.isConnected;
      if ((detached || state.reason === "covered") && moves < MAX_MOVES && doc.documentElement.lastElementChild !== panel.tab) {
        // Last in the document wins a z-index tie. Re-attaching reloads the frame (it pairs
        // again), so a page that keeps fighting is reported, not chased.
        moves += 1;
        doc.documentElement.append(panel.host, panel.tab);
      }
      // A frame sent elsewhere by the page comes back to the panel (and pairs again).
      if (panel.frame.getAttribute("src") !== panel.url) panel.renew();
      panel.restyle();
      state = check();
    }
    const key = `${state.ok}:${state.reason}`;
    if (key !== last) {
      last = key;
      report(state);
    }
    return state;
  }

  const watch = new MutationObserver(() => enforce());
  const attrs = { attributes: true, attributeFilter: ["style", "class", "hidden", "src"] };
  watch.observe(doc.documentElement, { childList: true, ...attrs });
  watch.observe(panel.host, { subtree: true, childList: true, ...attrs });
  if (doc.body) watch.observe(doc.body, attrs);
  const timer = setInterval(enforce, CHECK_MS);
  signal.addEventListener("abort", () => {
    watch.disconnect();
    clearInterval(timer);
  }, { once: true });
  return { check: enforce };
};
