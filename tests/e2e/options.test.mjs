// The options page of the built extension in Chromium: notes exported and imported (a malformed
// file is refused whole, with its line and reason), and a shop's own files imported and used by
// the panel on the chat page. In Chromium and Firefox: the quick-phrase manager and the shop's own
// words for the draft check (tests/e2e/options-managers.mjs has the steps).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { optionsManagers } from "./options-managers.mjs";
import { EXTENSION, ROOT, eventually, startServer } from "./support.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(() => server.server.close());

test("Chromium: the options page exports, imports and refuses bad files", { timeout: 180_000 }, async () => {
  const b = await launchChromium({ extension: EXTENSION });
  const work = mkdtempSync(join(tmpdir(), "kefu-options-"));
  try {
    // A note for a buyer, typed in the panel on the chat page.
    await b.open(server.url);
    await b.page.waitFor("html[data-ready=true]");
    await b.panel.waitFor("html[data-ready=true]", 30_000);
    await b.page.click('#conversation-list [data-conversation-id="c-bargain"]');
    await b.panel.waitFor(".kefu-notes-text");
    await b.panel.type(".kefu-notes-text", "导出测试 坑距400");
    await b.panel.waitFor('.kefu-notes-status[data-ok="true"]');

    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${await b.extensionId()}/options/options.html`);
    await options.waitForSelector("html[data-ready=true]");
    const notesStatus = options.locator(".opt-notes .opt-status");
    // A garbage collection must not take the page's handlers away (the page keeps its handle).
    const cdp = await b.context.newCDPSession(options);
    await cdp.send("HeapProfiler.collectGarbage");
    await options.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));

    // Export: the file holds the note.
    const [download] = await Promise.all([options.waitForEvent("download"), options.click('[data-action="export-notes"]')]);
    const exported = join(work, "export.json");
    await download.saveAs(exported);
    const text = readFileSync(exported, "utf8");
    assert.match(text, /导出测试 坑距400/);
    assert.equal(JSON.parse(text).kefu_notes, 2);

    // A malformed import is refused with the line and the reason, and nothing changes.
    const broken = text.replace('"text": "导出测试 坑距400"', '"text": 42');
    assert.notEqual(broken, text);
    const brokenFile = join(work, "broken.json");
    writeFileSync(brokenFile, broken);
    await options.setInputFiles('input[data-file="notes"]', brokenFile);
    await options.click('[data-action="import-notes"]');
    await eventually("the refusal", async () => (await notesStatus.getAttribute("data-ok")) === "false");
    assert.match(await notesStatus.textContent(), /line \d+/);

    // A good import adds a buyer.
    const before = await options.locator(".opt-notes .opt-summary").textContent();
    const doc = JSON.parse(text);
    doc.buyers["demo/新来的买家"] = { version: 2, text: "导入的备注" };
    const goodFile = join(work, "good.json");
    writeFileSync(goodFile, JSON.stringify(doc, null, 2));
    await options.setInputFiles('input[data-file="notes"]', goodFile);
    await options.click('[data-action="import-notes"]');
    await eventually("the import", async () => (await notesStatus.getAttribute("data-ok")) === "true");
    assert.match(await notesStatus.textContent(), /1/);
    assert.notEqual(await options.locator(".opt-notes .opt-summary").textContent(), before);

    // The notes manager: the imported buyer found by name, one field deleted, then the entry
    // (two clicks), the retention changed; "delete all" asks before it deletes.
    doc.buyers["demo/新来的买家"] = { version: 2, text: "导入的备注", facts: { phone: "13812345678", size: "XL" } };
    writeFileSync(goodFile, JSON.stringify(doc, null, 2));
    await options.setInputFiles('input[data-file="notes"]', goodFile);
    await options.click('[data-action="import-notes"]');
    await eventually("the second import", async () => (await notesStatus.getAttribute("data-ok")) === "true");
    await options.fill('[data-action="search-buyers"]', "新来的");
    await options.click('[data-action="find-buyers"]');
    const row = options.locator('.opt-buyer[data-buyer="demo/新来的买家"]');
    assert.equal(await options.locator(".opt-buyer").count(), 1, "the search finds one buyer");
    await row.locator('[data-action="forget-field"][data-field="phone"]').click();
    await eventually("the phone deleted", async () => (await row.locator('[data-field="phone"]').count()) === 0);
    assert.equal(await row.locator('[data-field="size"]').count(), 1, "the other fields stay");
    await row.locator('[data-action="delete-buyer"]').click();
    await eventually("the confirming click asked for", async () => /再点一次/.test(await row.locator('[data-action="delete-buyer"]').textContent()));
    await row.locator('[data-action="delete-buyer"]').click();
    await eventually("the entry deleted", async () => (await options.locator('.opt-buyer[data-buyer="demo/新来的买家"]').count()) === 0);
    await options.fill('[data-action="retention-days"]', "30");
    await options.click('[data-action="save-retention"]');
    await eventually("the retention saved", async () => (await notesStatus.getAttribute("data-ok")) === "true");
    await options.reload();
    await options.waitForSelector("html[data-ready=true]");
    assert.equal(await options.inputValue('[data-action="retention-days"]'), "30");
    await options.click('[data-action="delete-all-notes"]');
    await options.locator('.opt-danger[data-action="delete-all-notes"][data-confirm]').waitFor();
    assert.ok((await options.locator(".opt-buyer").count()) > 0, "nothing deleted on the first click");
    await options.click('[data-action="delete-all-notes"]');
    await eventually("every note deleted", async () => (await options.locator(".opt-buyer").count()) === 0);

    // Quick phrases go out as the workbenches' CSV and as our JSON (with use counts), and the
    // JSON comes back in as it went.
    writeFileSync(join(work, "phrases.csv"), "分组,编码,内容\n发货,fh,亲，今天下单明天发货\n");
    await options.setInputFiles('input[data-file="phrases"]', join(work, "phrases.csv"));
    await options.click('[data-action="import-phrases"]');
    await eventually("the phrases imported", async () => (await options.getAttribute('[data-for="phrases"]', "data-ok")) === "true");
    const exportAs = async (action, name) => {
      const [file] = await Promise.all([options.waitForEvent("download"), options.click(`[data-action="${action}"]`)]);
      await file.saveAs(join(work, name));
      return readFileSync(join(work, name), "utf8");
    };
    assert.match(await exportAs("export-phrases", "out.csv"), /发货,fh,亲，今天下单明天发货/);
    const json = JSON.parse(await exportAs("export-phrases-json", "out.json"));
    assert.equal(json.kefu_phrases, 1);
    assert.deepEqual(json.phrases, [{ group: "发货", code: "fh", text: "亲，今天下单明天发货", uses: 0 }]);
    await options.setInputFiles('input[data-file="phrases"]', join(work, "out.json"));
    await options.click('[data-action="import-phrases"]');
    await eventually("the JSON imported", async () => (await options.getAttribute('[data-for="phrases"]', "data-ok")) === "true");
    assert.match(await options.textContent(".opt-phrases .opt-summary"), /(^|\D)1(\D|$)/, "the same phrase is not added twice");

    // The shop imports its own files; a bad set is refused, a good one is used by the panel.
    const shopStatus = options.locator(".opt-shop .opt-status");
    const settings = JSON.parse(readFileSync(join(ROOT, "data", "demo", "settings.json"), "utf8"));
    settings.shop = "测试卫浴专营店";
    const files = {
      "catalog.json": readFileSync(join(ROOT, "data", "demo", "catalog.json"), "utf8"),
      "promotions.json": '{"promotions": [ {"id": "x"} ]}',
      "settings.json": JSON.stringify(settings),
    };
    const upload = async () => {
      for (const [name, content] of Object.entries(files)) {
        writeFileSync(join(work, name), content);
        await options.setInputFiles(`input[data-file="${name}"]`, join(work, name));
      }
      await options.click('[data-action="import-shop"]');
    };
    await upload();
    await eventually("the refused shop", async () => (await shopStatus.getAttribute("data-ok")) === "false");
    assert.match(await shopStatus.textContent(), /promotions\.json/);
    files["promotions.json"] = readFileSync(join(ROOT, "data", "demo", "promotions.json"), "utf8");
    await upload();
    await eventually("the imported shop", async () => (await shopStatus.getAttribute("data-ok")) === "true");
    assert.match(await options.locator(".opt-shop .opt-summary").textContent(), /测试卫浴专营店/);

    await b.reload();
    await b.page.waitFor("html[data-ready=true]");
    await b.panel.waitFor("html[data-ready=true]", 30_000);
    await b.page.type("#buyer-text", "你好 在吗");
    // The floating panel covers the simulator's send button; press it as the page would.
    await b.evaluate(() => document.querySelector("#buyer-send").click());
    await b.panel.waitFor('.kefu-intent[data-intent="greeting"]');
    const replies = await b.panel.texts("button.kefu-reply");
    assert.ok(replies.some((r) => r.includes("测试卫浴专营店")), `a greeting names the imported shop: ${replies}`);
  } finally {
    await b.close();
  }
});

test("Chromium: quick phrases managed one by one, and the shop's own words in the draft check", { timeout: 180_000 }, async () => {
  const b = await launchChromium({ extension: EXTENSION });
  try {
    await optionsManagers(b, server.url);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Firefox: quick phrases managed one by one, and the shop's own words in the draft check", { timeout: 180_000 }, async () => {
  const b = await launchFirefox({ extension: EXTENSION });
  try {
    await optionsManagers(b, server.url);
  } finally {
    await b.close();
  }
});
