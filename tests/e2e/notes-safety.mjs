// No note lost between pages, the same steps in every browser: two chat tabs (two panels) and
// the options page edit one buyer's notes in turn, each from the copy it opened with: the
// options page imports new text and a phone, one panel records the buyer's next message, the
// other sets a tag; every page shows the others' changes and storage keeps them all. Then
// localStorage refuses writes (filled to its quota) and a panel opening on it still shows every
// note. Then the page turns hostile (a 1 MB message id, times like 1.5 and 1e20): the panel
// says so in its health line and goes on answering.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { eventually } from "./support.mjs";

const CHAT = "c-bargain";
const NOTE = "坑距400 喜欢白色";
const IMPORTED = "导入的备注 要静音款";
const PHONE = "13800001111";

async function ready(tab) {
  await tab.page.waitFor("html[data-ready=true]");
  await tab.panel.waitFor("html[data-ready=true]", 30000);
}

/** Opens the chat in a tab and waits for its notes. */
async function openChat(tab) {
  await tab.page.click(`#conversation-list [data-conversation-id="${CHAT}"]`);
  await tab.panel.waitFor(`.kefu-chip[aria-current="true"][data-conversation="${CHAT}"]`);
  await tab.panel.waitFor(".kefu-notes-text");
}

/** The buyer's stored entry, read in the options page (whichever backend holds it). */
function storedEntry(options, key) {
  return options.evaluate(async (k) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const fromArea = (await api.storage.local.get(k))[k];
    const raw = fromArea ?? localStorage.getItem(k);
    return raw ? JSON.parse(raw) : null;
  }, `kefu.notes/${key}`);
}

export async function notesSafety(b, url) {
  const a = b;
  await a.open(url);
  await ready(a);
  await openChat(a);
  const buyer = await a.evaluate(() => document.querySelector("#chat").getAttribute("data-buyer-id"));
  const key = `demo/${buyer}`;

  // Panel A: a note typed and saved.
  await a.panel.type(".kefu-notes-text", NOTE);
  await a.panel.waitFor('.kefu-notes-status[data-ok="true"]');

  // Panel B, in a second tab on the same chat, reads it.
  const tabB = await b.openTab(url);
  await ready(tabB);
  await openChat(tabB);
  await eventually("panel B shows A's note", async () => (await tabB.panel.value(".kefu-notes-text")) === NOTE);

  // The options page, opened now, imports new text and a phone for the buyer.
  const options = await b.openOptions();
  await options.page.waitFor("html[data-ready=true]");
  const file = join(mkdtempSync(join(tmpdir(), "kefu-notes-")), "import.json");
  const entry = { version: 2, text: IMPORTED, tags: [], facts: { phone: PHONE }, history: [], updated_at: Date.now() };
  writeFileSync(file, JSON.stringify({ kefu_notes: 2, buyers: { [key]: entry } }, null, 2));
  await options.page.upload('input[data-file="notes"]', file);
  await options.page.click('[data-action="import-notes"]');
  await eventually("the import", async () => (await options.page.attr(".opt-notes .opt-status", "data-ok")) === "true");

  // Quick phrases: a workbench CSV with one bad line is refused whole, naming the line; the good
  // one is imported; in the chat, the panel finds a phrase by its initials and Enter inserts it.
  const phrasesFile = join(dirname(file), "phrases.csv");
  writeFileSync(phrasesFile, "分组,编码,内容\n售后,tk,退款到账一般1到3个工作日\n发货,fh\n");
  await options.page.upload('input[data-file="phrases"]', phrasesFile);
  await options.page.click('[data-action="import-phrases"]');
  await eventually("the bad CSV refused", async () => (await options.page.attr('[data-for="phrases"]', "data-ok")) === "false");
  assert.match(await options.page.text('[data-for="phrases"]'), /第 3 行|line 3/);
  assert.match(await options.page.text(".opt-phrases .opt-summary"), /(^|\D)0(\D|$)/, "nothing imported");
  writeFileSync(phrasesFile, "分组,编码,内容\n售后,tk,退款到账一般1到3个工作日\n发货,fh,亲，今天下单明天发货\n售后,wx,有问题加我微信聊\n");
  await options.page.upload('input[data-file="phrases"]', phrasesFile);
  await options.page.click('[data-action="import-phrases"]');
  await eventually("the CSV imported", async () => (await options.page.attr('[data-for="phrases"]', "data-ok")) === "true");
  assert.match(await options.page.text(".opt-phrases .opt-summary"), /(^|\D)3(\D|$)/);
  await a.page.type("#chat-input", "");
  await a.panel.type(".kefu-phrase-search", "tkdz");
  await a.panel.waitFor('.kefu-phrase[data-code="tk"]');
  assert.equal(await a.panel.attr('.kefu-phrase[data-code="tk"]', "data-check"), null, "a clean phrase is not marked");
  await a.panel.press(".kefu-phrase-search", "Enter");
  await eventually("the phrase in the reply box", async () => (await a.page.value("#chat-input")) === "退款到账一般1到3个工作日");
  // Every phrase found is checked before it is inserted: an off-platform one is marked with why.
  await a.panel.type(".kefu-phrase-search", "/wx");
  await a.panel.waitFor('.kefu-phrase[data-code="wx"][data-check="block"]');
  assert.match(await a.panel.attr('.kefu-phrase[data-code="wx"]', "data-check-why"), /微信/);

  // Both panels, which opened before the import, show it without a reload.
  await eventually("panel A shows the import", async () => (await a.panel.value(".kefu-notes-text")) === IMPORTED);
  await eventually("panel B shows the import", async () => (await tabB.panel.value(".kefu-notes-text")) === IMPORTED);

  // The buyer writes: panel A records it in their history. Panel B sets a tag.
  const before = await a.page.count("#messages .message--buyer");
  await a.page.type("#buyer-text", "这个能便宜点吗");
  // The floating panel may cover the simulator's send button; press it as the page would.
  await a.evaluate(() => document.querySelector("#buyer-send").click());
  await eventually("the buyer line", async () => (await a.page.count("#messages .message--buyer")) > before);
  await a.panel.waitFor('.kefu-intent[data-intent="bargain"]');
  await tabB.panel.click('.kefu-tag[data-tag="老客户"]');
  await tabB.panel.waitFor('.kefu-tag[data-tag="老客户"][aria-pressed="true"]');

  // Storage holds every page's change; every page shows it.
  const stored = await eventually("all three changes stored", async () => {
    const e = await storedEntry(options, key);
    return e && e.text === IMPORTED && e.facts?.phone === PHONE && e.tags?.includes("老客户") && e.history?.length >= 1 ? e : null;
  });
  assert.equal(stored.history.at(-1).intent, "bargain");
  await a.panel.waitFor('.kefu-tag[data-tag="老客户"][aria-pressed="true"]');
  assert.equal(await a.panel.value(".kefu-notes-text"), IMPORTED);
  assert.equal(await tabB.panel.value(".kefu-notes-text"), IMPORTED);
  await tabB.close();

  // localStorage refuses writes (filled to its quota, from the extension's own page): a panel
  // opening now still shows every note, and says where they are.
  await options.evaluate(() => {
    let i = 0;
    // Down to one character, under short keys: not even the probe's few bytes fit after.
    for (const size of [1 << 20, 1 << 16, 1 << 10, 64, 1]) {
      const chunk = "x".repeat(size);
      try {
        for (;;) localStorage.setItem(`~${(i++).toString(36)}`, chunk);
      } catch {
        // full at this size: on to a smaller one
      }
    }
  });
  await a.reload();
  await ready(a);
  await openChat(a);
  await eventually("the note after localStorage filled up", async () => (await a.panel.value(".kefu-notes-text")) === IMPORTED);
  await a.panel.waitFor('.kefu-tag[data-tag="老客户"][aria-pressed="true"]');
  assert.equal(await a.panel.attr(".kefu-storage", "data-storage"), "storage.local");
  await options.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith("~")) localStorage.removeItem(k);
  });
  await options.close();

  // A hostile page: a megabyte message id and times no clock shows. The panel says so and
  // goes on.
  await a.evaluate(() => {
    const list = document.querySelector("#messages");
    const add = (id, at, text) => {
      const li = document.createElement("li");
      li.className = "message message--buyer";
      li.setAttribute("data-message-id", id);
      if (at !== null) li.setAttribute("data-at", at);
      const span = document.createElement("span");
      span.className = "message__text";
      span.textContent = text;
      li.append(span);
      list.append(li);
    };
    add("m".repeat(1 << 20), null, "一兆的编号");
    add("odd-time-1", "1.5", "时间是1.5");
    add("odd-time-2", "1e20", "时间是1e20");
  });
  await a.panel.waitFor('.kefu-health[data-state="warn"]:not([hidden])');
  assert.match(await a.panel.text(".kefu-health"), /(忽略页面上|忽略頁面上|Ignored) 3 /);
  const count = await a.page.count("#messages .message--buyer");
  await a.page.type("#buyer-text", "在吗 白色还有货吗");
  await a.evaluate(() => document.querySelector("#buyer-send").click());
  await eventually("the buyer line", async () => (await a.page.count("#messages .message--buyer")) > count);
  await a.panel.waitFor('.kefu-intent[data-intent="stock"]');
}
