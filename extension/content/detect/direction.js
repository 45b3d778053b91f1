"use strict";
// Zero-config detection, part 3: who wrote each message. First the page's own words for it:
// class names and attributes such as outgoing/incoming, self/other, right/left, me/them,
// agent/buyer (chat kits mark their bubbles so). Failing that, layout: the agent's own bubbles sit
// on the right. When neither tells the two apart, we say we are unsure (the picker helps then).
KefuContent.detect.direction = (() => {
  const SCANNED = 20;
  const says = (/** @type {string} */ s) => KefuContent.read.sideWord(s);

  /**
   * The markers (CSS selectors) on a message and inside it: its classes and data-/role/aria
   * attributes with their values. @param {Element} item @returns {Map<string, string>} selector → value
   */
  function markers(item) {
    /** @type {Map<string, string>} */
    const out = new Map();
    const queue = [item];
    for (let i = 0; i < queue.length && i < SCANNED; i += 1) {
      const el = queue[i];
      for (const c of el.classList) out.set(`.${CSS.escape(c)}`, c);
      for (const a of el.attributes) {
        if (!/^(data-|aria-|role$)/.test(a.name) || a.value.length > 40 || !a.value) continue;
        out.set(`[${CSS.escape(a.name)}="${CSS.escape(a.value)}"]`, `${a.name} ${a.value}`);
      }
      queue.push(...el.children);
    }
    return out;
  }

  /**
   * How to tell the agent's messages from the buyer's, as a site config's `direction`, and how
   * sure we are (0…1). @param {Element[]} items @param {Element} list
   */
  function find(items, list) {
    const recent = items.slice(-40);
    const marked = recent.map(markers);
    // A marker that names a side, found on some messages: the agent's and the buyer's.
    /** @type {Map<string, {side: string, count: number}>} */
    const named = new Map();
    for (const m of marked) {
      for (const [selector, value] of m) {
        const s = says(value);
        if (!s) continue;
        const seen = named.get(selector) ?? { side: s, count: 0 };
        seen.count += 1;
        named.set(selector, seen);
      }
    }
    const pick = (/** @type {string} */ which) => [...named.entries()]
      .filter(([, v]) => v.side === which && v.count < recent.length)
      .sort((a, b) => b[1].count - a[1].count)[0]?.[0];
    const agent = pick("agent");
    const buyer = pick("buyer");
    if (agent && buyer) {
      // The two markers must split the messages: none carries both.
      const both = marked.filter((m) => m.has(agent) && m.has(buyer)).length;
      const either = marked.filter((m) => m.has(agent) || m.has(buyer)).length;
      if (!both && either >= Math.min(2, recent.length)) {
        return { direction: { agent: [agent], buyer: [buyer] }, confidence: either / recent.length >= 0.6 ? 0.9 : 0.7, how: "markers" };
      }
    }
    const sides = recent.map((el) => KefuContent.read.textSide(el, list));
    const lefts = sides.filter((s) => s === "left").length;
    const rights = sides.filter((s) => s === "right").length;
    if (lefts && rights) return { direction: { by: "side" }, confidence: 0.7, how: "side" };
    // One side only: nothing tells the agent's messages from the buyer's.
    return { direction: { by: "side" }, confidence: 0.1, how: "unsure" };
  }

  return { find };
})();
