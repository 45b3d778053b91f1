// Notes kept safe across pages, storage faults and a hostile page, with the built extension in
// Chromium and in Firefox (tests/e2e/notes-safety.mjs has the steps).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { notesSafety } from "./notes-safety.mjs";
import { EXTENSION, startServer } from "./support.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(() => server.server.close());

test("Chromium: two panels and the options page lose no note", { timeout: 180_000 }, async () => {
  const b = await launchChromium({ extension: EXTENSION });
  try {
    await notesSafety(b, server.url);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Firefox: two panels and the options page lose no note", { timeout: 180_000 }, async () => {
  const b = await launchFirefox({ extension: EXTENSION });
  try {
    await notesSafety(b, server.url);
  } finally {
    await b.close();
  }
});
