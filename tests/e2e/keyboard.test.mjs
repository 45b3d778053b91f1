// A whole answer without the mouse, in Chromium and Firefox, on the Pinduoduo test page: the keys
// come from the system's keyboard (Chromium on a virtual display, Firefox's window), so the
// browser's own shortcuts answer them as they do an agent's. The buyer asks; the first
// suggestion goes in with its shortcut; the next suggestion (a key the agent bound in the
// browser's shortcut settings) takes its place and the previous one comes back, but not once the
// agent has edited it; the keyboard moves into the panel, down to the third reply, and Enter puts
// it in and gives the keys back to the reply box; a quick phrase is found by its code and inserted; Escape folds the panel and
// the toggle brings it back; Enter in the reply box sends, on the page, the agent's choice.
// The library is set up by the test, and the agent has clicked into the reply box once.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serveFixtures } from "../../scripts/serve-fixtures.mjs";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { BUYER_TURN, openFixture } from "./platform-flow.mjs";
import { EXTENSION, eventually } from "./support.mjs";

let server;
let f;
before(async () => {
  server = await serveFixtures();
  f = server.fixtures.find((x) => x.name === "pinduoduo");
});
after(() => server?.close());

const PHRASE = "亲，今天下单明天就发货哦";

/** The quick-phrase library, imported on the options page (setup, with the mouse). */
async function importPhrases(b) {
  const dir = mkdtempSync(join(tmpdir(), "kefu-keys-"));
  try {
    const file = join(dir, "phrases.csv");
    writeFileSync(file, `分组,编码,内容\n发货,fh,${PHRASE}\n`);
    const options = await b.openOptions();
    await options.page.waitFor('input[data-file="phrases"]', 30_000);
    await options.page.upload('input[data-file="phrases"]', file);
    await options.page.click('[data-action="import-phrases"]');
    await eventually("the phrases imported", async () => (await options.page.attr('[data-for="phrases"]', "data-ok")) === "true");
    await options.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function wholeAnswer(b) {
  const keys = b.keyboard;
  let chat = await openFixture(b, server.url(f), f);
  // (Firefox opens the options page from the panel's settings button.)
  await importPhrases(b);
  chat = await openFixture(b, server.url(f), f);
  const draft = () => chat.evaluate(() => window.fixture.draft());
  const boxHas = (what, text) => eventually(what, async () => (await draft()) === text);
  await chat.evaluate((t) => window.fixture.buyerSays(t), BUYER_TURN);
  await eventually("the buyer's turn in the panel", async () => (await b.panel.text(".kefu-turn"))?.endsWith(BUYER_TURN));
  const replies = await b.panel.texts("button.kefu-reply");
  assert.ok(replies.length >= 3, `three suggestions: ${replies}`);
  assert.deepEqual(await b.panel.texts('button.kefu-reply[data-key]'), replies.slice(0, 3), "the first three carry their numbers");
  // The agent's caret is in the reply box (they clicked into it when the chat opened).
  await keys.clickInto(f.config.drive.input);

  // Suggestion 1 by its shortcut, at the caret.
  await keys.press("Alt+Shift+1");
  await boxHas("suggestion 1 in the box", replies[0]);
  await b.panel.waitFor('button.kefu-reply[data-key="1"][aria-current="true"]');
  // Next takes its place (untouched, so it is replaced); previous brings it back.
  await keys.press("Alt+Shift+N");
  await boxHas("suggestion 2 in place of 1", replies[1]);
  await keys.press("Alt+Shift+M");
  await boxHas("suggestion 1 back", replies[0]).catch(async (e) => {
    throw new Error(`${e.message}: box ${JSON.stringify(await draft())}, notice ${await b.panel.text(".kefu-notice")}, current ${await b.panel.attr('button.kefu-reply[aria-current="true"]', "data-key")}`);
  });
  // Once the agent edits it, the box is theirs: next replaces nothing and says so.
  const edited = [...replies[0]].slice(0, -1).join("");
  await keys.press("Backspace");
  await eventually("the agent's edit", async () => (await draft()) === edited, 5000).catch(async (e) => {
    throw new Error(`${e.message}: the box holds ${JSON.stringify(await draft())}, active ${await chat.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`);
  });
  await keys.press("Alt+Shift+N");
  await eventually("the refusal said", async () => /未替换|Not replaced/.test((await b.panel.text('.kefu-notice[data-kind="refused"]')) ?? ""));
  assert.equal(await draft(), edited, "the agent's text untouched");

  // Into the panel, down to the third reply, Enter: it goes in at the caret and the keys come
  // back to the box.
  await keys.press("Alt+Shift+J");
  await b.panel.waitFor("button.kefu-reply:focus");
  await keys.press("ArrowDown");
  await keys.press("ArrowDown");
  await keys.press("Enter");
  await eventually("suggestion 3 after the edit", async () => [edited + replies[2], `${edited} ${replies[2]}`].includes(await draft()));
  const withReply = await draft();

  // A quick phrase by its code, from the keyboard.
  await keys.press("Alt+Shift+L");
  await b.panel.waitFor(".kefu-phrase-search:focus");
  await keys.type("/fh");
  await b.panel.waitFor('.kefu-phrase[data-code="fh"]').catch(async (e) => {
    throw new Error(`${e.message}: search ${JSON.stringify(await b.panel.value(".kefu-phrase-search"))}, box ${JSON.stringify(await draft())}, results ${await b.panel.texts(".kefu-phrase-results li")}`);
  });
  await keys.press("Enter");
  await eventually("the phrase after the reply", async () => [withReply + PHRASE, `${withReply} ${PHRASE}`].includes(await draft())).catch(async (e) => {
    throw new Error(`${e.message}: box ${JSON.stringify(await draft())}, search ${JSON.stringify(await b.panel.value(".kefu-phrase-search"))}, notice ${await b.panel.text(".kefu-notice")}`);
  });
  const answer = await draft();

  // Escape folds the panel and the keys are back in the reply box; the toggle shortcut shows it
  // again and folds it again.
  await keys.press("Alt+Shift+J");
  await b.panel.waitFor("button.kefu-reply:focus");
  await keys.press("Escape");
  await b.page.waitFor('#kefu-assist-host[data-state="folded"]');
  await keys.press("Alt+Shift+K");
  await b.page.waitFor('#kefu-assist-host[data-state="open"]');
  await keys.press("Alt+Shift+K");
  await b.page.waitFor('#kefu-assist-host[data-state="folded"]');
  await keys.press("Alt+Shift+K");
  await b.page.waitFor('#kefu-assist-host[data-state="open"]');

  // Nothing was sent until the agent pressed Enter in the reply box; then the page sent it.
  assert.deepEqual(await chat.evaluate(() => window.fixture.sent.slice()), []);
  await keys.press("Enter");
  await eventually("the page sent the answer", async () => (await chat.evaluate(() => window.fixture.sent.length)) === 1).catch(async (e) => {
    throw new Error(`${e.message}: active ${await chat.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) + " focus=" + document.hasFocus())}`);
  });
  assert.deepEqual(await chat.evaluate(() => window.fixture.sent.slice()), [answer]);
}

for (const [name, launch] of [["Chromium", launchChromium], ["Firefox", launchFirefox]]) {
  test(`${name}: a whole answer by keyboard`, { timeout: 240_000 }, async () => {
    const b = await launch({ extension: EXTENSION, hosts: server.hosts, viewport: { width: 1366, height: 768 }, keyboard: true });
    try {
      // The agent binds next and previous (they have no key until then), as in the browser's settings.
      await b.bindShortcut("next-suggestion", "Alt+Shift+N");
      await b.bindShortcut("previous-suggestion", "Alt+Shift+M");
      await wholeAnswer(b);
    } finally {
      await b.close();
    }
  });
}
