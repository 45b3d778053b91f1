"use strict";
// The panel's floating frame. The panel is an extension page in an iframe: the page cannot
// read it or restyle it, and it runs the wasm even where the page's CSP forbids that.
KefuContent.mountFrame = function mountFrame(doc, url, signal) {
  const frame = doc.createElement("iframe");
  frame.id = "kefu-assist-frame";
  frame.src = url;
  frame.title = "Kefu Assist";
  Object.assign(frame.style, {
    position: "fixed",
    right: "16px",
    bottom: "16px",
    width: "380px",
    height: "min(660px, calc(100vh - 32px))",
    border: "0",
    borderRadius: "12px",
    boxShadow: "0 8px 32px rgba(15, 23, 42, 0.28)",
    background: "#fff",
    colorScheme: "light",
    zIndex: "2147483646",
  });
  doc.documentElement.append(frame);
  signal.addEventListener("abort", () => frame.remove(), { once: true });
  return frame;
};
