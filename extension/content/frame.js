"use strict";
// The panel's floating frame. The panel is an extension page in an iframe: the page cannot
// read it or restyle it, and it runs the wasm even where the page's CSP forbids that. A small
// tab folds it away so the agent can see the whole chat page, and brings it back.
KefuContent.mountFrame = function mountFrame(doc, url, signal) {
  const zh = /^zh/i.test(navigator.language);
  const host = doc.createElement("div");
  host.id = "kefu-assist-host";
  Object.assign(host.style, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483646",
    display: "flex", flexDirection: "column", alignItems: "flex-end", gap: "6px",
  });

  const toggle = doc.createElement("button");
  toggle.type = "button";
  toggle.id = "kefu-assist-toggle";
  Object.assign(toggle.style, {
    border: "0", borderRadius: "999px", padding: "4px 12px", cursor: "pointer",
    background: "#ff6a00", color: "#fff", font: "12px/1.5 system-ui, sans-serif",
    boxShadow: "0 2px 8px rgba(15, 23, 42, 0.25)",
  });

  const frame = doc.createElement("iframe");
  frame.id = "kefu-assist-frame";
  frame.src = url;
  frame.title = "Kefu Assist";
  Object.assign(frame.style, {
    width: "380px",
    height: "min(640px, calc(100vh - 64px))",
    border: "0",
    borderRadius: "12px",
    boxShadow: "0 8px 32px rgba(15, 23, 42, 0.28)",
    background: "#fff",
    colorScheme: "light",
  });

  const show = (open) => {
    frame.style.display = open ? "block" : "none";
    toggle.textContent = open ? (zh ? "收起助手" : "Hide assistant") : (zh ? "客服助手" : "Kefu Assist");
    toggle.setAttribute("aria-expanded", String(open));
  };
  toggle.addEventListener("click", () => show(frame.style.display === "none"), { signal });
  show(true);
  host.append(toggle, frame);
  doc.documentElement.append(host);
  signal.addEventListener("abort", () => host.remove(), { once: true });
  return frame;
};
