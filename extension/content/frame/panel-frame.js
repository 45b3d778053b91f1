"use strict";
// The floating panel on the chat page: a slim handle to drag it by, the panel (an extension page in
// an iframe: the page cannot read or restyle it, and it may run wasm whatever the page's CSP), a
// corner to resize it, and a small tab it folds into (Escape in the panel folds it; the fold
// button or Alt+Shift+K brings it back). Where it sits, its size and whether it is folded are
// remembered per site. Its first spot covers neither the reply box, the send button nor the
// newest message (placement.js).
KefuContent.panelFrame = (() => {
  const WANT = { width: 380, height: 640 };
  const MIN = { width: 300, height: 260 };
  const BAR = 22;
  const Z = "2147483647";
  const zh = /^zh/i.test(navigator.language);
  const words = zh
    ? { title: "客服助手", handle: "⠿ 按住拖动", fold: "收起", tab: "客服助手" }
    : { title: "Kefu Assist", handle: "⠿ Drag to move", fold: "Fold", tab: "Kefu Assist" };

  /** Inline and !important: the page's style sheets cannot override them. */
  function pin(/** @type {HTMLElement} */ el, /** @type {Record<string, string>} */ styles) {
    for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, "important");
  }

  const VISIBLE = {
    display: "block", visibility: "visible", opacity: "1", filter: "none", transform: "none", translate: "none",
    scale: "none", rotate: "none", zoom: "1", "clip-path": "none", mask: "none", "mix-blend-mode": "normal",
    "pointer-events": "auto", margin: "0",
  };

  /**
   * @param {Document} doc
   * @param {{url: string, site: string, store: {get: (key: string) => Promise<any>, set: (key: string, value: any) => Promise<void>}, onLoad: () => void}} options
   * @param {AbortSignal} signal
   */
  function mount(doc, { url, site, store, onLoad }, signal) {
    const key = `kefu.frame.${site}`;
    const host = doc.createElement("div");
    host.id = "kefu-assist-host";
    const bar = doc.createElement("div");
    bar.dataset.action = "drag";
    // A slim handle: the panel's own head below carries the title.
    const title = doc.createElement("span");
    title.textContent = words.handle;
    bar.title = words.title;
    const fold = doc.createElement("button");
    fold.type = "button";
    fold.id = "kefu-assist-fold";
    fold.dataset.action = "fold";
    fold.textContent = words.fold;
    bar.append(title, fold);
    /** A new panel frame (the first, or one to replace a frame the page tampered with). */
    const makeFrame = () => {
      const f = doc.createElement("iframe");
      f.id = "kefu-assist-frame";
      f.title = words.title;
      f.src = url;
      // The panel writes a reply to the clipboard when no insertion path works.
      f.allow = "clipboard-write";
      f.addEventListener("load", () => onLoad(), { signal });
      return f;
    };
    let frame = makeFrame();
    const grip = doc.createElement("div");
    grip.dataset.action = "resize";
    host.append(bar, frame, grip);
    const tab = doc.createElement("button");
    tab.type = "button";
    tab.id = "kefu-assist-tab";
    tab.dataset.action = "restore";
    tab.textContent = words.tab;

    /** @type {{left: number, top: number, width: number, height: number}} */
    let spot = { left: 0, top: 0, width: WANT.width, height: WANT.height };
    let folded = false;
    let placed = false;
    let moving = false;
    /** The agent folded or opened it: the page's layout no longer decides. */
    let chosen = false;
    const viewport = () => ({ width: doc.documentElement.clientWidth, height: doc.documentElement.clientHeight });

    function style() {
      pin(host, {
        ...VISIBLE, position: "fixed", "z-index": Z, left: `${spot.left}px`, top: `${spot.top}px`,
        width: `${spot.width}px`, height: `${spot.height}px`, display: folded ? "none" : "flex",
        "flex-direction": "column", background: "#fff", "border-radius": "12px", overflow: "hidden",
        "box-shadow": "0 8px 32px rgba(15, 23, 42, 0.28)", padding: "0", border: "0", "box-sizing": "border-box",
        "min-width": "0", "min-height": "0", "max-width": "none", "max-height": "none",
      });
      pin(bar, {
        ...VISIBLE, display: "flex", "align-items": "center", "justify-content": "space-between", flex: "none",
        height: `${BAR}px`, padding: "0 4px 0 10px", background: "#ffe8d6", color: "#9a3412", cursor: "move",
        font: "12px/1 system-ui, sans-serif", "user-select": "none", "touch-action": "none",
      });
      pin(fold, {
        ...VISIBLE, border: "0", background: "transparent", color: "#9a3412", cursor: "pointer",
        font: "12px/1 system-ui, sans-serif", padding: "3px 8px", "border-radius": "6px",
      });
      pin(frame, { ...VISIBLE, "pointer-events": moving ? "none" : "auto", flex: "1", width: "100%", "min-height": "0", border: "0", background: "#fff", "color-scheme": "light" });
      pin(grip, {
        ...VISIBLE, position: "absolute", right: "0", bottom: "0", width: "16px", height: "16px",
        cursor: "nwse-resize", "touch-action": "none", background: "linear-gradient(135deg, transparent 50%, rgba(15,23,42,0.25) 50%)",
      });
      pin(tab, {
        ...VISIBLE, display: folded ? "block" : "none", position: "fixed", "z-index": Z,
        left: `${Math.min(spot.left + spot.width, viewport().width) - 96}px`, top: `${spot.top}px`, width: "96px",
        border: "0", "border-radius": "999px", padding: "6px 0", cursor: "pointer", background: "#ff6a00",
        color: "#fff", font: "12px/1.2 system-ui, sans-serif", "box-shadow": "0 2px 8px rgba(15,23,42,0.25)",
      });
      host.dataset.state = folded ? "folded" : "open";
    }

    const save = () => store.set(key, { ...spot, folded }).catch(() => {});

    function setFolded(/** @type {boolean} */ value) {
      folded = value;
      chosen = true;
      style();
      save();
    }

    /**
     * Drag by the handle, resize by the corner. The frame ignores the pointer meanwhile, so the
     * moves reach this page's window wherever the pointer goes.
     */
    function follow(/** @type {PointerEvent} */ down, /** @type {(dx: number, dy: number, from: typeof spot) => void} */ move) {
      // Only the agent's own hand: the page's scripts may not move, resize or fold the panel.
      if (!down.isTrusted || down.button !== 0 || down.target === fold) return;
      down.preventDefault();
      const from = { ...spot };
      const view = /** @type {Window} */ (doc.defaultView);
      const drag = new AbortController();
      moving = true;
      pin(frame, { "pointer-events": "none" });
      view.addEventListener("pointermove", (/** @type {PointerEvent} */ e) => {
        move(e.clientX - down.clientX, e.clientY - down.clientY, from);
        spot = KefuContent.placement.clamp(spot, viewport(), MIN);
        style();
      }, { signal: drag.signal, capture: true });
      const end = (/** @type {PointerEvent} */ e) => {
        // The last move may still be waiting for a frame: the release point is where it ends.
        move(e.clientX - down.clientX, e.clientY - down.clientY, from);
        spot = KefuContent.placement.clamp(spot, viewport(), MIN);
        style();
        drag.abort();
        moving = false;
        pin(frame, { "pointer-events": "auto" });
        placed = true;
        save();
      };
      view.addEventListener("pointerup", end, { signal: drag.signal, capture: true });
      // A release outside the window never comes: the next move without a button ends it.
      view.addEventListener("pointermove", (/** @type {PointerEvent} */ e) => e.buttons === 0 && end(e), { signal: drag.signal, capture: true });
      view.addEventListener("pointercancel", end, { signal: drag.signal, capture: true });
      signal.addEventListener("abort", () => drag.abort(), { once: true, signal: drag.signal });
    }
    bar.addEventListener("pointerdown", (e) => follow(e, (dx, dy, from) => { spot = { ...spot, left: from.left + dx, top: from.top + dy }; }), { signal });
    grip.addEventListener("pointerdown", (e) => follow(e, (dx, dy, from) => { spot = { ...spot, width: from.width + dx, height: from.height + dy }; }), { signal });
    fold.addEventListener("click", (e) => e.isTrusted && setFolded(true), { signal });
    // Opened by its tab, the panel takes the keys too; by the toggle shortcut it does not (the
    // agent goes on typing in the reply box).
    tab.addEventListener("click", (e) => {
      if (!e.isTrusted) return;
      setFolded(false);
      frame.focus();
    }, { signal });
    doc.defaultView?.addEventListener("resize", () => {
      spot = KefuContent.placement.clamp(spot, viewport(), MIN);
      style();
    }, { signal });

    style();
    host.dataset.state = "starting";
    pin(host, { display: "none" });
    doc.documentElement.append(host, tab);
    signal.addEventListener("abort", () => {
      host.remove();
      tab.remove();
    }, { once: true });

    /**
     * Shows the panel where it was left on this site, else where it covers nothing the agent
     * needs. `avoid`: rectangles (viewport coordinates) to keep clear.
     * @param {Array<{left: number, top: number, right: number, bottom: number}>} avoid
     */
    async function show(avoid) {
      const saved = await store.get(key).catch(() => null);
      if (saved && [saved.left, saved.top, saved.width, saved.height].every(Number.isFinite)) {
        spot = KefuContent.placement.clamp(saved, viewport(), MIN);
        folded = saved.folded === true;
        placed = true;
      } else {
        const found = KefuContent.placement.place(viewport(), avoid, WANT, MIN);
        if (found) spot = found;
        folded = !found;
      }
      style();
    }

    /** A new view of what to avoid, used until the agent places the panel themselves. */
    function avoid(/** @type {Array<{left: number, top: number, right: number, bottom: number}>} */ rects) {
      if (placed || chosen) return;
      const found = KefuContent.placement.place(viewport(), rects, WANT, MIN);
      if (found) spot = found;
      folded = !found;
      style();
    }

    // A page that keeps sending the frame elsewhere is reported, not chased: each renewal
    // reloads the panel, so it is done a few times at most (whoever notices the tampering).
    const MAX_RENEWS = 3;
    let renews = 0;
    /** Puts a fresh frame in place of one the page sent elsewhere (it pairs again). */
    function renew() {
      if (renews >= MAX_RENEWS) return;
      renews += 1;
      const fresh = makeFrame();
      frame.replaceWith(fresh);
      frame = fresh;
      style();
    }

    /** The frame is not ours any more: sent elsewhere, given a srcdoc, or moved out of the host. */
    const tampered = () => frame.getAttribute("src") !== url || frame.hasAttribute("srcdoc") || frame.parentElement !== host;

    return {
      host, tab, show, avoid, renew, tampered,
      /** The panel's frame element (replaced by `renew`). */
      get frame() {
        return frame;
      },
      fold: () => setFolded(true),
      restore: () => setFolded(false),
      folded: () => folded,
      /** The agent is dragging or resizing it (the frame ignores the pointer meanwhile). */
      moving: () => moving,
      /** Puts our styles back (the page may have changed them). */
      restyle: style,
    };
  }

  return { mount };
})();
