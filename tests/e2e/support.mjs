// Shared bits of the end-to-end tests: paths, the demo server, polling.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXTENSION = join(ROOT, "dist", "extension");
export const WWW = join(ROOT, "dist", "www");
export const SHOTS = join(ROOT, "target", "e2e");

/** Serves dist/www on a free port of 127.0.0.1, with the demo's strict CSP. */
export async function startServer() {
  return serve({ root: WWW, port: 0 });
}

export function screenshotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
}

export function scenario(id) {
  return JSON.parse(readFileSync(join(ROOT, "data", "scenarios", `${id}.json`), "utf8"));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function eventually(what, check, timeout = 15000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? last})`);
    await sleep(100);
  }
}
