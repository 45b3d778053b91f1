// The demo page without the extension embeds the same panel (for developers with nothing but
// `make run`): it advises, inserts without sending, and the page's strict CSP holds.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "./browsers/chromium.mjs";
import { eventually, scenario, startServer } from "./support.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(() => server.server.close());

test("Chromium without the extension: the embedded panel advises and inserts", { timeout: 120_000 }, async () => {
  const b = await launchChromium({ locale: "zh-TW" });
  try {
    const logistics = scenario("logistics-chase");
    const line = logistics.turns.find((t) => t.from === "buyer");
    await b.open(server.url);
    await b.page.waitFor("html[data-ready=true]");
    await b.page.waitFor("#kefu-dev-panel");
    assert.equal(await b.page.attr("#assist-dock", "hidden"), null, "the dock is shown");
    await b.panel.waitFor("html[data-ready=true]", 30_000);
    await b.page.select("#scenario-select", logistics.id);
    await b.page.click("#scenario-next");
    await b.panel.waitFor(`.kefu-intent[data-intent="${line.expect.intent}"]`);
    // The interface follows the browser's language: Traditional Chinese here.
    assert.equal(await b.panel.attr(".kefu", "lang"), "zh-Hant");
    const replies = await b.panel.texts("button.kefu-reply");
    assert.ok(replies.length > 0);
    await b.panel.click("button.kefu-reply", 0);
    await eventually("the reply in the input", async () => (await b.page.value("#chat-input")) === replies[0]);
    assert.equal(await b.page.count("#messages .message--agent"), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
