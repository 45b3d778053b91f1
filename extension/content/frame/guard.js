"use strict";
// Keeps the panel frame honest on a page that may not be: if the page removes the frame, hides it
// (display, visibility, opacity, masks), moves it out of view, sends it elsewhere or covers it
// with something else, the frame is put back, renewed or raised, and while it still cannot be seen
// the panel says so and inserts are refused: a hidden or covered panel could be used to trick the
// agent into clicking a reply (click-jacking). Limits: a click-through overlay
// (pointer-events: none) is invisible to elementFromPoint, so it is not caught here.
KefuContent.frameGuard = function frameGuard(
  /** @type {Document} */ doc,
  /** @type {ReturnType<typeof KefuContent.panelFrame.mount>} */ panel,
  /** @type {(state: {ok: boolean, reason: string}) => void} */ report,
  /** @type {AbortSignal} */ signal,
) {
  const CHECK_MS = 1500;
  // A page that keeps fighting is reported, not chased: re-attaching reloads the frame (it pairs
  // again), so it is done a few times at most (renewing has its own limit in the frame).
  const MAX_MOVES = 3;
  // An insert is refused if the frame was not fine at any moment this recently: the page could
  // undo its trick between the agent's click and the check.
  const RECENT_MS = 1000;
  let last = "";
  let moves = 0;
  let badAt = 0;
  /** @type {{ok: boolean, reason: string}} */
  let lastBad = { ok: true, reason: "" };

  /** Whether the agent can see the panel now, and if not why. Changes nothing. @returns {{ok: boolean, reason: string}} */
  function check() {
    const frame = panel.frame;
    if (panel.tampered()) return { ok: false, reason: "removed" };
    if (panel.folded()) return { ok: false, reason: "folded" };
    if (panel.host.parentElement !== doc.documentElement) return { ok: false, reason: "removed" };
    const view = doc.defaultView;
    if (!view) return { ok: false, reason: "removed" };
    let opacity = 1;
    for (const el of [frame, panel.host, doc.documentElement]) {
      const cs = view.getComputedStyle(el);
      if (cs.display === "none" || cs.visibility !== "visible" || cs.contentVisibility === "hidden") return { ok: false, reason: "hidden" };
      const masked = [cs.filter, cs.clipPath, cs.maskImage].some((v) => v && v !== "none") || (cs.mixBlendMode && cs.mixBlendMode !== "normal");
      if (masked) return { ok: false, reason: "hidden" };
      opacity *= Number(cs.opacity);
    }
    if (opacity < 0.95) return { ok: false, reason: "hidden" };
    const r = frame.getBoundingClientRect();
    if (r.width < 100 || r.height < 100) return { ok: false, reason: "hidden" };
    // The frame must be in view, and what is under its centre and under points around it.
    if (r.left < 0 || r.top < 0 || r.right > view.innerWidth + 1 || r.bottom > view.innerHeight + 1) return { ok: false, reason: "hidden" };
    for (const [fx, fy] of [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]) {
      if (doc.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy) !== frame) return { ok: false, reason: "covered" };
    }
    return { ok: true, reason: "" };
  }

  /** Puts the frame back, renewed, restyled and on top where it was not fine, then says how it is. */
  function enforce() {
    if (panel.moving()) return { ok: false, reason: "moving" };
    let state = check();
    if (!state.ok && state.reason !== "folded") {
      badAt = Date.now();
      lastBad = state;
      if (panel.tampered()) panel.renew();
      const detached = panel.host.parentElement !== doc.documentElement || panel.tab.parentElement !== doc.documentElement;
      if ((detached || state.reason === "covered") && moves < MAX_MOVES && doc.documentElement.lastElementChild !== panel.tab) {
        // Last in the document wins a z-index tie.
        moves += 1;
        doc.documentElement.append(panel.host, panel.tab);
      }
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

  /** May an insert go ahead now? Only if the frame is fine and has been for a moment. */
  function allowInsert() {
    const now = check();
    if (!now.ok) {
      enforce();
      return now;
    }
    if (Date.now() - badAt < RECENT_MS) return lastBad;
    return now;
  }

  const watch = new MutationObserver(() => enforce());
  const attrs = { attributes: true, attributeFilter: ["style", "class", "hidden", "src", "srcdoc"] };
  watch.observe(doc.documentElement, { childList: true, ...attrs });
  watch.observe(panel.host, { subtree: true, childList: true, ...attrs });
  if (doc.body) watch.observe(doc.body, attrs);
  const timer = setInterval(enforce, CHECK_MS);
  signal.addEventListener("abort", () => {
    watch.disconnect();
    clearInterval(timer);
  }, { once: true });
  return { enforce, allowInsert };
};
