// End to end with the built extension (dist/extension) in Chromium and in Firefox, against the
// demo workbench served on 127.0.0.1 with its strict CSP.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { agentLoop } from "./agent-loop.mjs";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { EXTENSION, startServer } from "./support.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(() => server.server.close());

test("Chromium: the agent loop with the extension", { timeout: 180_000 }, async () => {
  const b = await launchChromium({ extension: EXTENSION });
  try {
    await agentLoop(b, server.url);
    // The extension makes no network request: everything it loads is its own or the page's.
    const foreign = b.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("chrome-extension://") && !u.startsWith("data:"));
    assert.deepEqual(foreign, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Firefox: the agent loop with the extension", { timeout: 180_000 }, async () => {
  const b = await launchFirefox({ extension: EXTENSION });
  try {
    await agentLoop(b, server.url);
  } finally {
    await b.close();
  }
});
