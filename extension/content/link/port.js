"use strict";
// One extension port to the background, reopened when the browser stops the idle background
// (Chromium does after 30 s). `onOpen` runs on every (re)connection, so each side can say hello.
KefuContent.port = function port(
  /** @type {string} */ name,
  /** @type {(message: any) => void} */ onMessage,
  /** @type {() => void} */ onOpen,
  /** @type {AbortSignal} */ signal,
) {
  const ext = globalThis.browser ?? globalThis.chrome;
  const RETRY_MS = 500;
  /** @type {any} */
  let current = null;
  function open() {
    if (signal.aborted || !ext.runtime?.id) return;
    const p = ext.runtime.connect({ name });
    current = p;
    p.onMessage.addListener(onMessage);
    p.onDisconnect.addListener(() => {
      void ext.runtime.lastError;
      if (current === p) current = null;
      if (!signal.aborted && ext.runtime?.id) setTimeout(open, RETRY_MS);
    });
    onOpen();
  }
  signal.addEventListener("abort", () => current?.disconnect(), { once: true });
  open();
  return {
    /** @param {any} message */
    send(message) {
      try {
        current?.postMessage(message);
      } catch {
        current = null;
      }
    },
  };
};
