"use strict";
// Outlines drawn over the chat page (what detection found; what the picker would pick). Plain
// elements marked `data-kefu-overlay`, which detection and the picker skip; they take no clicks
// (every part says `pointer-events: none`: `all: initial` would turn it back on).
KefuContent.overlay = function overlay(/** @type {Document} */ doc) {
  /** @type {HTMLElement[]} */
  let boxes = [];
  const clear = () => {
    for (const b of boxes) b.remove();
    boxes = [];
  };
  /**
   * Outlines each element with its label (labels are our own words, set as text).
   * @param {{el: Element, label: string, colour?: string}[]} items
   */
  function show(items) {
    clear();
    for (const { el, label, colour = "#2563eb" } of items) {
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      const box = doc.createElement("div");
      box.setAttribute("data-kefu-overlay", "outline");
      box.style.cssText = `all: initial; position: fixed; z-index: 2147483646; pointer-events: none; box-sizing: border-box; left: ${r.left}px; top: ${r.top}px; width: ${r.width}px; height: ${r.height}px; border: 2px solid ${colour}; border-radius: 4px; background: ${colour}14;`;
      const tag = doc.createElement("span");
      tag.style.cssText = `all: initial; pointer-events: none; position: absolute; left: 0; top: -18px; font: 12px/16px system-ui, sans-serif; color: #fff; background: ${colour}; padding: 0 4px; border-radius: 3px; white-space: nowrap;`;
      tag.textContent = label;
      box.append(tag);
      doc.documentElement.append(box);
      boxes.push(box);
    }
  }
  return { show, clear };
};
