// Serves the demo workbench (dist/www) on 127.0.0.1 with a strict CSP, as real seller
// workbenches send: page scripts only from the page's origin, so wasm cannot run in a content
// script there. The embedded panel under /ext/ may compile wasm, as extension pages may.
//   node scripts/serve.mjs [--port 8080] [--root dist/www]      (--port 0 picks a free port)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const PAGE_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-src 'self' chrome-extension: moz-extension:";
const PANEL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'";
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The demo's headers: the workbench's strict CSP, the embedded panel's wasm-capable one. */
export function demoHeaders(path) {
  return { "content-security-policy": path.startsWith("/ext/") ? PANEL_CSP : PAGE_CSP };
}

/**
 * Serves `root` on `host:port` (0 = a free port). `headers(path)` adds headers to every answer;
 * `pages` maps paths to HTML served from memory.
 */
export function serve({ root, port = 8080, host = "127.0.0.1", headers = demoHeaders, pages = {} }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error("outside root"), { code: "ENOENT" });
      const page = pages[path];
      if (!page && (await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = page ?? (await readFile(file));
      res.writeHead(200, {
        "content-type": page ? TYPES[".html"] : TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        ...headers(path),
      });
      res.end(body);
    } catch (error) {
      const missing = error.code === "ENOENT" || error.code === "ENOTDIR";
      res.writeHead(missing ? 404 : 500, { "content-type": "text/plain; charset=utf-8" });
      res.end(missing ? "not found" : "server error");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const root = arg("root", join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "www"));
  const { url } = await serve({ root, port: Number(arg("port", process.env.PORT ?? 8080)) });
  const extension = resolve(root, "..", "extension");
  console.log(`
Kefu Assist demo workbench: ${url}
  (the panel is embedded in the page; load the extension to use it the real way)

Built extension: ${extension}
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → choose that folder
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → its manifest.json

Ctrl+C stops the server.`);
}
