"use strict";
// Where the panel goes the first time it shows on a page: the largest spot that covers none of
// what the agent needs (the reply box, the send button, the newest message). Pure: rectangles in,
// a rectangle out; tested in tests/content/placement.test.mjs.
KefuContent.placement = (() => {
  const MARGIN = 12;
  const GAP = 8;

  /**
   * @typedef {{left: number, top: number, right: number, bottom: number}} Box
   * @typedef {{left: number, top: number, width: number, height: number}} Spot
   */

  /** @param {Box} a @param {Box} b */
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  /**
   * The tallest free vertical run in the column [x, x + width) of a viewport `height` high.
   * @param {number} x @param {number} width @param {number} height @param {Box[]} avoid
   * @returns {{top: number, bottom: number}}
   */
  function freeRun(x, width, height, avoid) {
    const blocked = avoid
      .filter((r) => r.left - GAP < x + width && x < r.right + GAP)
      .map((r) => [Math.max(MARGIN, r.top - GAP), Math.min(height - MARGIN, r.bottom + GAP)])
      .filter(([a, b]) => b > a)
      .sort((p, q) => p[0] - q[0]);
    let best = { top: MARGIN, bottom: MARGIN };
    let cursor = MARGIN;
    for (const [a, b] of [...blocked, [height - MARGIN, height - MARGIN]]) {
      if (a - cursor > best.bottom - best.top) best = { top: cursor, bottom: a };
      cursor = Math.max(cursor, b);
    }
    return best;
  }

  /**
   * The spot for a panel of about `want` size in a `viewport`, covering none of `avoid`; null
   * when no spot of at least `min` size exists (the panel then starts folded).
   * @param {{width: number, height: number}} viewport @param {Box[]} avoid
   * @param {{width: number, height: number}} want @param {{width: number, height: number}} min
   * @returns {Spot|null}
   */
  function place(viewport, avoid, want, min) {
    const boxes = avoid.filter((r) => r && r.right > r.left && r.bottom > r.top);
    /** @type {Spot|null} */
    let best = null;
    let bestScore = -1;
    for (const width of [want.width, Math.round((want.width + min.width) / 2), min.width]) {
      const xs = new Set([viewport.width - width - MARGIN, MARGIN]);
      for (const r of boxes) {
        xs.add(r.right + GAP);
        xs.add(r.left - GAP - width);
      }
      for (const x of xs) {
        if (x < MARGIN || x + width > viewport.width - MARGIN) continue;
        const run = freeRun(x, width, viewport.height, boxes);
        const height = Math.min(want.height, run.bottom - run.top);
        if (height < min.height) continue;
        // Prefer the larger panel, then the right-hand side (where workbenches keep buyer details).
        const score = width * height * 10 + x / viewport.width;
        if (score > bestScore) {
          bestScore = score;
          best = { left: Math.round(x), top: Math.round(run.bottom - height), width, height: Math.round(height) };
        }
      }
      if (best) return best;
    }
    return best;
  }

  /**
   * A saved spot brought inside the viewport (the window may be smaller than when it was saved).
   * @param {Spot} spot @param {{width: number, height: number}} viewport @param {{width: number, height: number}} min
   * @returns {Spot}
   */
  function clamp(spot, viewport, min) {
    const width = Math.max(min.width, Math.min(spot.width, viewport.width - 2 * MARGIN));
    const height = Math.max(min.height, Math.min(spot.height, viewport.height - 2 * MARGIN));
    const left = Math.max(0, Math.min(spot.left, viewport.width - width));
    const top = Math.max(0, Math.min(spot.top, viewport.height - height));
    return { left, top, width, height };
  }

  return { place, clamp, overlaps };
})();
