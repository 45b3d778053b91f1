// Without the extension, the demo page embeds the same panel itself, so developers can work on
// it with nothing but `make run`. It loads the extension's content scripts into the page and
// links them to the panel frame over a MessageChannel. With the extension installed (it marks
// <html data-kefu-extension>), this does nothing: the extension brings its own panel.

const CONTENT_SCRIPTS = ["registry.js", "sites/demo.js", "watch.js", "insert.js", "frame.js", "main.js"];

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

  K.start(site, {
    alive: () => true,
    mount(accept, signal) {
      const onReady = (event) => {
        if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
        if (event.data?.kind !== "kefu-panel-ready") return;
        const channel = new MessageChannel();
        frame.contentWindow.postMessage({ kind: "kefu-demo-port" }, location.origin, [channel.port2]);
        const listeners = { message: [], disconnect: [] };
        channel.port1.onmessage = (e) => listeners.message.forEach((l) => l(e.data));
        accept({
          postMessage: (m) => channel.port1.postMessage(m),
          onMessage: { addListener: (l) => listeners.message.push(l) },
          onDisconnect: { addListener: (l) => listeners.disconnect.push(l) },
        });
      };
      window.addEventListener("message", onReady, { signal });
      dock.append(frame);
      dock.hidden = false;
      signal.addEventListener("abort", () => { frame.remove(); dock.hidden = true; }, { once: true });
    },
  });
}

embed().catch((error) => console.error("Kefu Assist demo panel:", error));
