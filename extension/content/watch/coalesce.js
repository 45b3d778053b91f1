"use strict";
// A MutationObserver that calls back at most once per `ms`: pages change in bursts (typing,
// ticking clocks, re-renders), and one pass after a burst sees all of it. Stops when `signal`
// aborts, pending call included.
KefuContent.observeCoalesced = function observeCoalesced(
  /** @type {Node} */ target,
  /** @type {MutationObserverInit} */ options,
  /** @type {number} */ ms,
  /** @type {(observer: MutationObserver) => void} */ callback,
  /** @type {AbortSignal} */ signal,
) {
  let timer = 0;
  const observer = new MutationObserver(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      callback(observer);
    }, ms);
  });
  observer.observe(target, options);
  signal.addEventListener("abort", () => {
    observer.disconnect();
    clearTimeout(timer);
  }, { once: true });
  return observer;
};
