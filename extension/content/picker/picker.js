"use strict";
// The picker: when detection is unsure or a selector stopped matching, the agent shows us the
// page. A banner asks for, in turn, one buyer message, one of their own messages, the reply box
// and (optionally) the buyer's name; each is picked with a click on the page (which the page
// itself does not receive: a clear shield covers it while picking). The picks become a site config (picker/derive.js), kept as the
// agent's own for this site. Only real clicks count: the page's scripts cannot pick for the agent.
KefuContent.startPicker = function startPicker(
  /** @type {Document} */ doc,
  /** @type {{saved: (config: any) => void, ended: () => void, id?: string}} */ handlers,
) {
  const K = KefuContent;
  const say = K.say;
  const STEPS = /** @type {const} */ ([
    { key: "buyer", words: say("pickerBuyer", "Click a message the buyer sent"), optional: false },
    { key: "agent", words: say("pickerAgent", "Click a message you sent"), optional: false },
    { key: "input", words: say("pickerInput", "Click the box where you type replies"), optional: false },
    { key: "name", words: say("pickerName", "Click the buyer's name (or skip)"), optional: true },
  ]);
  const life = new AbortController();
  const outline = K.overlay(doc);
  /** @type {{[key: string]: Element|undefined}} */
  const picked = {};
  let step = 0;

  const banner = doc.createElement("div");
  banner.setAttribute("data-kefu-overlay", "picker");
  banner.setAttribute("role", "dialog");
  banner.style.cssText = "all: initial; position: fixed; z-index: 2147483647; left: 50%; top: 12px; transform: translateX(-50%); display: flex; gap: 8px; align-items: center; font: 14px/20px system-ui, sans-serif; color: #111827; background: #fff; border: 2px solid #2563eb; border-radius: 8px; padding: 8px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.2); max-width: 90vw;";
  const words = doc.createElement("span");
  words.setAttribute("data-kefu-picker", "prompt");
  const button = (/** @type {string} */ action, /** @type {string} */ label) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.dataset.action = action;
    b.textContent = label;
    b.style.cssText = "all: initial; font: 13px/18px system-ui, sans-serif; padding: 2px 10px; border: 1px solid #9ca3af; border-radius: 6px; background: #f9fafb; color: #111827; cursor: pointer;";
    return b;
  };
  const skip = button("picker-skip", say("pickerSkip", "Skip"));
  const again = button("picker-restart", say("pickerRestart", "Start again"));
  const cancel = button("picker-cancel", say("pickerCancel", "Cancel"));
  banner.append(words, skip, again, cancel);
  doc.documentElement.append(banner);

  function render() {
    const s = STEPS[step];
    words.textContent = `${say("pickerTitle", "Show Kefu Assist this chat")} ${step + 1}/${STEPS.length}: ${s.words}`;
    banner.dataset.step = s.key;
    skip.hidden = !s.optional;
    again.hidden = step === 0;
  }

  // Set as the picks are saved: the banner then stays its few seconds to say so, whatever else
  // stops (the saved config restarts the page's reading at once).
  let saved = false;
  function end() {
    if (saved) return;
    life.abort();
    outline.clear();
    shield.remove();
    banner.remove();
    handlers.ended();
  }

  // A clear shield over the page takes every pointer event while picking: the page's own
  // handlers (even its capturing ones on window) never get a click on one of its links or
  // buttons; what lies under the pointer is found through the shield.
  const shield = doc.createElement("div");
  shield.setAttribute("data-kefu-overlay", "shield");
  shield.style.cssText = "all: initial; position: fixed; inset: 0; z-index: 2147483645; cursor: crosshair; background: transparent;";
  doc.documentElement.append(shield);
  /** The page's element under a point: our own overlays and the panel skipped. @param {number} x @param {number} y */
  const under = (x, y) => doc.elementsFromPoint(x, y).find((el) => !el.closest("[data-kefu-overlay], #kefu-assist-host")) ?? null;

  shield.addEventListener("mousemove", (e) => {
    const el = under(e.clientX, e.clientY);
    if (el) outline.show([{ el, label: STEPS[step].words }]);
  }, { passive: true, signal: life.signal });
  for (const type of ["pointerdown", "mousedown", "mouseup", "contextmenu"]) shield.addEventListener(type, (e) => e.preventDefault(), { signal: life.signal });
  // The list under the shield still scrolls (the buyer's message may be further up).
  shield.addEventListener("wheel", (e) => {
    let el = under(e.clientX, e.clientY);
    while (el && !(el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    (el ?? doc.scrollingElement)?.scrollBy(0, e.deltaY);
  }, { passive: true, signal: life.signal });
  // A pick is a real click (the page's scripts cannot click for the agent).
  shield.addEventListener("click", (e) => {
    e.preventDefault();
    const el = e.isTrusted ? under(e.clientX, e.clientY) : null;
    if (!el) return;
    picked[STEPS[step].key] = el;
    delete banner.dataset.problem;
    next();
  }, { signal: life.signal });

  banner.addEventListener("click", (e) => {
    if (!e.isTrusted) return;
    const action = e.target instanceof Element ? e.target.closest("[data-action]")?.getAttribute("data-action") : null;
    if (action === "picker-cancel") end();
    else if (action === "picker-skip" && STEPS[step].optional) next();
    else if (action === "picker-restart") {
      step = 0;
      for (const k of Object.keys(picked)) delete picked[k];
      render();
    }
  }, { signal: life.signal });

  function next() {
    step += 1;
    if (step < STEPS.length) return render();
    try {
      finish();
    } catch (error) {
      refused(String(/** @type {any} */ (error)?.message ?? error));
    }
  }

  /** Back to the first step, saying why the picks did not work. @param {string} why */
  function refused(why) {
    step = 0;
    for (const k of Object.keys(picked)) delete picked[k];
    render();
    words.textContent = `${say("pickerProblem", "That did not work:")} ${why} · ${words.textContent}`;
    banner.dataset.problem = "true";
  }

  function finish() {
    const { config, problems } = K.pickerDerive.derive({
      buyer: /** @type {Element} */ (picked.buyer), agent: /** @type {Element} */ (picked.agent),
      input: /** @type {Element} */ (picked.input), name: picked.name ?? null, id: handlers.id,
    }, doc, /** @type {Location} */ (doc.defaultView?.location));
    if (problems.length || !config) return refused(String(problems[0]?.reason ?? problems[0] ?? ""));
    saved = true;
    K.siteStore.save(config).then(() => {
      shield.remove();
      banner.dataset.step = "saved";
      words.textContent = say("pickerSaved", "Saved: Kefu Assist reads this chat now.");
      skip.hidden = true;
      again.hidden = true;
      outline.clear();
      life.abort();
      handlers.saved(config);
      setTimeout(() => {
        banner.remove();
        handlers.ended();
      }, 2500);
    }, (/** @type {any} */ error) => {
      // Nothing kept: the agent may try again, or cancel.
      saved = false;
      refused(`${say("pickerNotSaved", "Could not save:")} ${String(error?.message ?? error)}`);
    });
  }

  render();
  return { cancel: end };
};
