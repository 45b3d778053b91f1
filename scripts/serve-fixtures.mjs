// Serves the built test pages (target/fixtures, from scripts/build-fixtures.mjs) under the real
// platforms' hostnames, the way the browsers under test reach them: HTTPS with a self-signed
// certificate made here by openssl, the page chosen by the Host header; the editor pages (host
// 127.0.0.1) over plain HTTP. Browsers map the names to this machine (Chromium:
// --host-resolver-rules; Firefox: network.dns.forceResolve, which maps names but not ports, so
// HTTPS listens on 443 by default).
//   node scripts/serve-fixtures.mjs [--https-port 443] [--http-port 8090]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer as createHttp } from "node:http";
import { createServer as createHttps } from "node:https";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtures } from "./build-fixtures.mjs";
import { TYPES } from "./serve.mjs";

// As strict as a real workbench: scripts only from the page's own origin, no eval.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

/** A self-signed certificate for `names`, made by openssl in a temporary folder. */
function certificate(names) {
  const dir = mkdtempSync(join(tmpdir(), "kefu-cert-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "2", "-subj", "/CN=kefu-fixtures", "-addext", `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}`],
  { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function handler(list) {
  return async (req, res) => {
    try {
      const host = String(req.headers.host ?? "").replace(/:\d+$/, "");
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const f = list.find((x) => x.config.host === host && path.startsWith(x.config.base));
      if (!f) throw Object.assign(new Error("no fixture"), { code: "ENOENT" });
      let file = normalize(join(f.out, path.slice(f.config.base.length)));
      if (file !== f.out && !file.startsWith(f.out + sep)) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "content-security-policy": CSP,
      });
      res.end(body);
    } catch (error) {
      const missing = error.code === "ENOENT" || error.code === "ENOTDIR";
      res.writeHead(missing ? 404 : 500, { "content-type": "text/plain; charset=utf-8" });
      res.end(missing ? "not found" : "server error");
    }
  };
}

/**
 * Starts both servers. Returns {hosts, url(fixture), close()}: `hosts` are the HTTPS names to
 * map to this machine; `url(f)` the address of a fixture's page.
 */
export async function serveFixtures({ httpsPort = 443, httpPort = 0 } = {}) {
  const list = fixtures();
  const hosts = [...new Set(list.map((f) => f.config.host).filter((h) => h !== "127.0.0.1"))];
  const onRequest = handler(list);
  const secure = createHttps(certificate(hosts), onRequest);
  const plain = createHttp(onRequest);
  const listen = (server, port, host) => new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server.address().port));
  });
  const securePort = await listen(secure, httpsPort, "127.0.0.1");
  const plainPort = await listen(plain, httpPort, "127.0.0.1");
  const url = (f) => {
    const c = f.config;
    return c.host === "127.0.0.1"
      ? `http://127.0.0.1:${plainPort}${c.base}${c.page}`
      : `https://${c.host}${securePort === 443 ? "" : `:${securePort}`}${c.base}${c.page}`;
  };
  return {
    fixtures: list,
    hosts,
    securePort,
    url,
    close: () => Promise.all([secure, plain].map((s) => new Promise((ok) => s.close(ok)))),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const s = await serveFixtures({ httpsPort: arg("--https-port", 443), httpPort: arg("--http-port", 8090) });
  for (const f of s.fixtures) console.log(`${f.name.padEnd(12)} ${s.url(f)}`);
  console.log(`map these names to 127.0.0.1: ${s.hosts.join(" ")}`);
}
