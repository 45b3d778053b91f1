// What the panel gets from the demo page when no extension is installed (developers trying the
// panel with nothing but `make run`): the page hands the panel one MessageChannel port, and the
// panel's files are served next to it. The build puts this file in place of the extension's
// panel/host.js in dist/www/ext only.

export function connect() {
  return new Promise((resolve) => {
    const onMessage = (event) => {
      const port = event.ports?.[0];
      if (event.origin !== location.origin || event.source !== parent) return;
      if (event.data?.kind !== "kefu-demo-port" || !port) return;
      window.removeEventListener("message", onMessage);
      const queue = [];
      port.onmessage = (e) => queue.push(e.data);
      resolve({
        send: (message) => port.postMessage(message),
        onMessage(listener) {
          port.onmessage = (e) => listener(e.data);
          queue.splice(0).forEach(listener);
        },
      });
    };
    window.addEventListener("message", onMessage);
    parent.postMessage({ kind: "kefu-panel-ready" }, location.origin);
  });
}

/** A file of the panel's own build, next to it on the demo server. */
export async function ownFile(path) {
  const response = await fetch(new URL(`../${path}`, import.meta.url));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}
