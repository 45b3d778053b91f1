// Each platform adapter against its test page: every candidate selector of the adapter with the
// number of elements it must match there (tests/fixtures/sites/<name>/expect.json), then what the
// adapter reads: the open chat and its messages. One Chromium, one tab, page after page.
//   SITES=pinduoduo,jd node --test tests/e2e/sites.test.mjs   (only those)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serveFixtures } from "../../scripts/serve-fixtures.mjs";
import { launchChromium } from "./browsers/chromium.mjs";
import { ROOT } from "./support.mjs";

const SCRIPTS = ["kefu.js", "read/dom.js"].map((f) => readFileSync(join(ROOT, "extension", "content", f), "utf8"));
const only = (process.env.SITES ?? "").split(",").filter(Boolean);

let server;
let b;
before(async () => {
  server = await serveFixtures({ httpsPort: 0 });
  b = await launchChromium({ hosts: server.hosts });
});
after(async () => {
  await b?.close();
  await server?.close();
});

/** The frame the chat lives in: the page, or the fixture's chat iframe. */
async function chatFrame(page, f) {
  if (!f.config.frame) return page.mainFrame();
  const handle = await page.waitForSelector(f.config.frame);
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => typeof window.fixture === "object");
  return frame;
}

const sites = () => server.fixtures.filter((f) => f.group === "sites" && (only.length === 0 || only.includes(f.name)));

test("every platform adapter's selectors match its test page, and it reads the chat", { timeout: 120_000 }, async (t) => {
  assert.ok(sites().length > 0, "there are platform test pages");
  const page = b.context.pages()[0];
  for (const f of sites()) {
    await t.test(f.name, async () => {
      const expect = JSON.parse(readFileSync(join(f.dir, "expect.json"), "utf8"));
      const adapter = readFileSync(join(ROOT, "extension", "content", "sites", `${f.config.site}.js`), "utf8");
      await page.goto(server.url(f));
      await page.waitForFunction(() => typeof window.fixture === "object" || document.querySelector("iframe"));
      const frame = await chatFrame(page, f);
      // Evaluated through the devtools protocol, as a content script would run: not subject to
      // the page's CSP, which forbids inline scripts.
      for (const src of [...SCRIPTS, adapter]) await frame.evaluate(src);
      const readings = await frame.evaluate((id) => {
        const site = KefuContent.sites.find((s) => s.id === id);
        const counts = Object.fromEntries(Object.entries(site.selectors).map(([key, candidates]) =>
          [key, Object.fromEntries(candidates.map((c) => [c, document.querySelectorAll(c).length]))]));
        return {
          counts,
          matches: site.matches(document, location),
          chat: site.activeChat(document),
          messages: site.messages(document),
          input: Boolean(site.input(document)),
          send: Boolean(site.sendButton(document)),
        };
      }, f.config.site);
      assert.deepEqual(readings.counts, expect.counts, "selector counts");
      assert.equal(readings.matches, true, "the adapter recognises the page");
      assert.deepEqual(readings.chat, expect.chat);
      assert.deepEqual(readings.messages.map((m) => [m.from, m.text]), expect.messages);
      assert.ok(readings.messages.every((m) => m.id && Number.isSafeInteger(m.at)), "ids and times");
      assert.equal(new Set(readings.messages.map((m) => m.id)).size, readings.messages.length, "message ids are unique");
      assert.ok(readings.input, "the reply box is found");
      assert.ok(readings.send, "the send button is found");
    });
  }
});
