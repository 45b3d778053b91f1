// Each selector of the demo site adapter against the saved fixture page, with the number of
// elements it must match; then the adapter's readings of that page.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { launchChromium } from "./browsers/chromium.mjs";
import { ROOT } from "./support.mjs";

const FIXTURE = join(ROOT, "tests", "fixtures", "demo-workbench.html");
const EXPECTED_COUNTS = {
  page: { 'meta[name="kefu-demo"][content="workbench"]': 1 },
  chat: { "#chat[data-conversation-id]": 1 },
  messageList: { "#messages": 1 },
  message: { "#messages > li.message[data-message-id]": 4 },
  messageText: { ".message__text": 4 },
  input: { "#chat-input": 1 },
  send: { "#send-button": 1 },
};

test("the demo adapter's selectors match the saved workbench page", { timeout: 60_000 }, async () => {
  const b = await launchChromium();
  try {
    await b.open(pathToFileURL(FIXTURE).href);
    for (const file of ["kefu.js", "read/dom.js", "config/site-config.js", "sites/demo.js"]) {
      await b.evaluate((src) => new Promise((ok, fail) => {
        const s = document.createElement("script");
        s.src = src;
        s.onload = ok;
        s.onerror = fail;
        document.head.append(s);
      }), pathToFileURL(join(ROOT, "extension", "content", file)).href);
    }
    const readings = await b.evaluate(() => {
      const site = KefuContent.sites.find((s) => s.id === "demo");
      const counts = Object.fromEntries(Object.entries(site.selectors).map(([key, candidates]) =>
        [key, Object.fromEntries(candidates.map((c) => [c, document.querySelectorAll(c).length]))]));
      return { counts, matches: site.matches(document), chat: site.activeChat(document), messages: site.messages(document), input: site.input(document)?.id };
    });
    assert.deepEqual(readings.counts, EXPECTED_COUNTS);
    assert.equal(readings.matches, true);
    assert.deepEqual(readings.chat, { conversation: "c-bargain", buyer: "小鹿爱买买" });
    assert.deepEqual(readings.messages.map((m) => m.from), ["buyer", "buyer", "agent", "buyer"]);
    assert.ok(readings.messages.every((m) => m.id && m.text && Number.isFinite(m.at)));
    assert.equal(readings.messages[2].text, "亲,在的");
    assert.equal(readings.input, "chat-input");
  } finally {
    await b.close();
  }
});
