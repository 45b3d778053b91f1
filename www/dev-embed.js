// Without the extension, the demo page embeds the same panel itself, so developers can work on
// it with nothing but `make run`. It loads the extension's content scripts into the page and
// links them to the panel frame over a MessageChannel. With the extension installed (it marks
// <html data-kefu-extension>), this does nothing: the extension brings its own panel.

// The extension's content scripts that read the chat and insert replies (not the ones that talk
// to the extension's background: here the page is the panel's host).
const CONTENT_SCRIPTS = ["kefu.js", "read/dom.js", "config/site-config.js", "sites/demo.js", "watch/coalesce.js", "watch/watch.js", "insert/detect.js",
  "insert/caret.js", "insert/paths.js", "insert/engine.js", "link/source.js"];

function load(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

async function embed() {
  if (document.documentElement.dataset.kefuExtension) return;
  for (const file of CONTENT_SCRIPTS) await load(`ext/content/${file}`);
  const K = globalThis.KefuContent;
  const site = K.sites.find((s) => s.matches(document));
  if (!site) return;

  const dock = document.getElementById("assist-dock");
  const frame = document.createElement("iframe");
  frame.id = "kefu-dev-panel";
  frame.title = "Kefu Assist";
  frame.src = "ext/panel/panel.html";

  const life = new AbortController();
  let source = null;
  const onReady = (event) => {
    if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
    if (event.data?.kind !== "kefu-panel-ready") return;
    const channel = new MessageChannel();
    frame.contentWindow.postMessage({ kind: "kefu-demo-port" }, location.origin, [channel.port2]);
    channel.port1.onmessage = (e) => source.onMessage(e.data);
    const link = { send: (m) => channel.port1.postMessage(m) };
    source = K.startSource(site, document, link, life.signal);
    source.hello();
  };
  window.addEventListener("message", onReady, { signal: life.signal });
  dock.append(frame);
  dock.hidden = false;
}

embed().catch((error) => console.error("Kefu Assist demo panel:", error));
