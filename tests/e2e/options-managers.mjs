// The options page's quick-phrase manager and the shop's own words, the same steps in every
// browser with the built extension: phrases added (a click, and Enter), a bad one refused with its
// reason and nothing saved, one edited in place while the panel uses it (its count shows as it
// happens; the edit keeps what was typed, and then its count), moved within its group by mouse and
// keyboard, a group renamed, one deleted (two clicks), all kept after a reload; a shop word
// (拍拍群, off-platform, block) added, a bad one refused, kept after a reload, found in a draft
// typed in the chat and rewritten, and gone from the check once deleted; a words file with a bad
// entry refused whole with its number, a good one imported, and the list exported and imported back
// unchanged.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually } from "./support.mjs";

const CHAT = "c-bargain";
const TK = "退款到账一般1到3个工作日";
const TK_EDITED = "退款到账一般1到3个工作日，请留意原支付账户";

/** A stored entry, read in the options page (whichever backend holds it). */
function stored(options, key) {
  return options.evaluate(async (k) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const fromArea = (await api.storage.local.get(k))[k];
    return fromArea ?? localStorage.getItem(k);
  }, key);
}

const storedCodes = async (options) => JSON.parse((await stored(options, "kefu.phrases")) ?? '{"phrases": []}').phrases.map((p) => p.code);

/** The codes listed under `group`, in order. */
const listed = (options, group) => options.evaluate((g) => [...document.querySelectorAll(".opt-phrase-group")].filter((s) => s.dataset.group === g).flatMap((s) => [...s.querySelectorAll(".opt-phrase")].map((e) => e.dataset.code)), group);

/** The `data-action` of the focused control and the code of its row. */
const focused = (options) => options.evaluate(() => `${document.activeElement?.dataset.action} ${document.activeElement?.closest(".opt-phrase")?.dataset.code}`);

/** Waits for the section's status line to say `pattern` with `ok`. */
async function says(options, section, ok, pattern) {
  const at = `[data-for="${section}"]`;
  await eventually(`${section} status ${ok} ${pattern}`, async () => (await options.page.attr(at, "data-ok")) === String(ok) && pattern.test(await options.page.text(at)));
}

async function addPhrase(options, group, code, text) {
  await options.page.type('[data-action="new-phrase-group"]', group);
  await options.page.type('[data-action="new-phrase-code"]', code);
  await options.page.type('[data-action="new-phrase-text"]', text);
}

export async function optionsManagers(b, url) {
  await b.open(url);
  await b.page.waitFor("html[data-ready=true]");
  await b.panel.waitFor("html[data-ready=true]", 30000);
  await b.page.click(`#conversation-list [data-conversation-id="${CHAT}"]`);
  await b.panel.waitFor(`.kefu-chip[aria-current="true"][data-conversation="${CHAT}"]`);
  const options = await b.openOptions();
  await options.page.waitFor("html[data-ready=true]");
  const o = options.page;

  // Added with a click (a leading / dropped), and with Enter in a field; each goes last in its group.
  await addPhrase(options, "售后", "/tk", TK);
  await o.click('[data-action="add-phrase"]');
  await o.waitFor('.opt-phrase[data-code="tk"]');
  await says(options, "phrases", true, /已添加|Added/);
  assert.equal(await o.value('[data-action="new-phrase-text"]'), "", "the form is cleared for the next phrase");
  assert.equal(await o.value('[data-action="new-phrase-group"]'), "售后", "its group stays");
  await addPhrase(options, "售后", "bh", "换货请先联系客服，寄回时附上订单号");
  await o.press('[data-action="new-phrase-code"]', "Enter");
  await o.waitFor('.opt-phrase[data-code="bh"]');
  await addPhrase(options, "发货", "fh", "亲，今天下单明天发货");
  await o.click('[data-action="add-phrase"]');
  await o.waitFor('.opt-phrase[data-code="fh"]');
  assert.deepEqual(await listed(options, "售后"), ["tk", "bh"]);
  assert.deepEqual(await listed(options, "发货"), ["fh"]);
  assert.match(await o.text('.opt-phrase[data-code="tk"] .opt-phrase-code'), /^\/tk$/);
  assert.deepEqual(await storedCodes(options), ["tk", "bh", "fh"], "saved at once");

  // Refused with the reason, nothing saved: an empty text, a code already used.
  const before = await stored(options, "kefu.phrases");
  await addPhrase(options, "售后", "kb", "");
  await o.click('[data-action="add-phrase"]');
  await says(options, "phrases", false, /empty/);
  await addPhrase(options, "售后", "TK", "别的话");
  await o.click('[data-action="add-phrase"]');
  await says(options, "phrases", false, /\/TK/);
  assert.equal(await stored(options, "kefu.phrases"), before, "nothing saved");
  assert.equal(await o.count(".opt-phrase"), 3);

  // Edited in place: another phrase's code refused; then saved, its count kept.
  await o.click('.opt-phrase[data-code="tk"] [data-action="edit-phrase"]');
  await o.waitFor('.opt-phrase[data-editing] [data-action="phrase-text"]');
  assert.equal(await focused(options), "phrase-text tk", "the keyboard lands in the text");
  await o.type('.opt-phrase[data-editing] [data-action="phrase-code"]', "bh");
  await o.click('.opt-phrase[data-editing] [data-action="save-phrase"]');
  await says(options, "phrases", false, /\/bh/);
  assert.deepEqual(await storedCodes(options), ["tk", "bh", "fh"], "the refused edit saved nothing");
  await o.type('.opt-phrase[data-editing] [data-action="phrase-code"]', "tk");
  await o.type('.opt-phrase[data-editing] [data-action="phrase-text"]', TK_EDITED);

  // Meanwhile the agent uses the phrase from the panel: its count shows in the options page as
  // it happens, and the row being edited keeps what was typed and the keys.
  assert.equal(await o.attr('.opt-phrase[data-code="tk"]', "data-uses"), "0");
  await b.page.type("#chat-input", "");
  await b.panel.type(".kefu-phrase-search", "/tk");
  await b.panel.waitFor('.kefu-phrase[data-code="tk"]');
  await b.panel.press(".kefu-phrase-search", "Enter");
  await eventually("the phrase in the reply box", async () => (await b.page.value("#chat-input")) === TK);
  await eventually("the use counted", async () => (await o.attr('.opt-phrase[data-code="tk"]', "data-uses")) === "1");
  assert.equal(await o.value('.opt-phrase[data-editing] [data-action="phrase-text"]'), TK_EDITED, "the typed text survives the redraw");
  assert.equal(await focused(options), "phrase-text tk", "and keeps the keys");
  await o.click('.opt-phrase[data-editing] [data-action="save-phrase"]');
  await eventually("the edit saved", async () => (await o.count(".opt-phrase[data-editing]")) === 0);
  await says(options, "phrases", true, /已保存|Saved/);
  assert.equal(await o.text('.opt-phrase[data-code="tk"] .opt-phrase-text'), TK_EDITED);
  assert.equal(await o.attr('.opt-phrase[data-code="tk"]', "data-uses"), "1", "its use count kept");
  assert.match(await o.text('.opt-phrase[data-code="tk"] .opt-phrase-uses'), /1/);

  // Moved down past its neighbour in the group (the stored order changes), then up again by
  // keyboard; the first of a group cannot go up.
  await o.click('.opt-phrase[data-code="tk"] [data-action="phrase-down"]');
  await eventually("moved down", async () => JSON.stringify(await listed(options, "售后")) === '["bh","tk"]');
  assert.deepEqual(await storedCodes(options), ["bh", "tk", "fh"]);
  assert.equal(await focused(options), "phrase-down tk", "focus stays on the moved phrase");
  await o.press('.opt-phrase[data-code="tk"] [data-action="phrase-up"]', "Enter");
  await eventually("moved up by keyboard", async () => JSON.stringify(await listed(options, "售后")) === '["tk","bh"]');
  assert.deepEqual(await storedCodes(options), ["tk", "bh", "fh"]);
  await o.click('.opt-phrase[data-code="tk"] [data-action="phrase-up"]');
  await says(options, "phrases", false, /already first/);

  // A group renamed (Enter in its field).
  await o.click('[data-action="rename-group"][data-group="发货"]');
  await o.type('[data-action="group-name"]', "物流");
  await o.press('[data-action="group-name"]', "Enter");
  await eventually("the group renamed", async () => JSON.stringify(await listed(options, "物流")) === '["fh"]');
  assert.equal(await o.count('.opt-phrase-group[data-group="发货"]'), 0);

  // Deleted on the second click only.
  await o.click('.opt-phrase[data-code="bh"] [data-action="delete-phrase"]');
  await o.waitFor('.opt-phrase[data-code="bh"] [data-action="delete-phrase"][data-confirm]');
  assert.deepEqual(await storedCodes(options), ["tk", "bh", "fh"], "nothing deleted on the first click");
  await o.click('.opt-phrase[data-code="bh"] [data-action="delete-phrase"]');
  await eventually("deleted", async () => (await o.count('.opt-phrase[data-code="bh"]')) === 0);
  await says(options, "phrases", true, /已删除|Deleted/);
  assert.deepEqual(await storedCodes(options), ["tk", "fh"]);

  // The shop's own word: added; a bad one refused with its reason; kept after a reload.
  await o.type('[data-action="own-word"]', "拍拍群");
  await o.select('[data-action="own-word-category"]', "off_platform");
  await o.select('[data-action="own-word-severity"]', "block");
  await o.type('[data-action="own-word-replacement"]', "店铺会员");
  await o.click('[data-action="add-own-word"]');
  await o.waitFor('.opt-word[data-word="拍拍群"][data-category="off_platform"][data-severity="block"]');
  await says(options, "words", true, /拍拍群/);
  await o.type('[data-action="own-word"]', "群");
  await o.click('[data-action="add-own-word"]');
  await says(options, "words", false, /fewer than 2/);
  await o.type('[data-action="own-word"]', "拍 拍 群");
  await o.press('[data-action="own-word"]', "Enter");
  await says(options, "words", false, /already/);
  assert.equal(await o.count(".opt-word"), 1);
  assert.equal(JSON.parse(await stored(options, "kefu.check.words")).words.length, 1, "only the good word saved");

  await options.reload();
  await o.waitFor("html[data-ready=true]");
  await o.waitFor('.opt-word[data-word="拍拍群"][data-severity="block"]');
  assert.deepEqual(await listed(options, "售后"), ["tk"]);
  assert.deepEqual(await listed(options, "物流"), ["fh"]);
  assert.equal(await o.attr('.opt-phrase[data-code="tk"]', "data-uses"), "1");

  // The panel's draft check finds the shop's word as the agent types, and offers its replacement.
  await b.page.type("#chat-input", "");
  await b.page.click("#chat-input");
  await b.chat().keys("亲，进我们拍拍群领券");
  await b.panel.waitFor('.kefu-draft-finding[data-rule="shop:拍拍群"][data-category="off_platform"][data-severity="block"]');
  assert.equal(await b.panel.text(".kefu-draft-mark"), "拍拍群");
  await b.panel.click('.kefu-draft-finding[data-rule="shop:拍拍群"] [data-action="take-rewrite"]');
  await eventually("the word rewritten", async () => (await b.page.value("#chat-input")) === "亲，进我们店铺会员领券");

  // Deleted in the options page: the check no longer finds it (the shipped rules still run).
  await o.click('.opt-word[data-word="拍拍群"] [data-action="delete-own-word"]');
  await eventually("the word deleted", async () => (await o.count(".opt-word")) === 0);
  await says(options, "words", true, /拍拍群/);
  await b.page.type("#chat-input", "");
  await b.page.click("#chat-input");
  await b.chat().keys("进拍拍群加我微信");
  await b.panel.waitFor('.kefu-draft-finding[data-rule="contact-wechat"]');
  assert.equal(await b.panel.count('.kefu-draft-finding[data-rule="shop:拍拍群"]'), 0);

  // A words file from another agent's machine: one bad entry refuses it whole, naming the entry;
  // the good file is imported.
  const file = join(mkdtempSync(join(tmpdir(), "kefu-words-")), "kefu-words.json");
  const paipai = { word: "拍拍群", category: "off_platform", severity: "warn" };
  writeFileSync(file, JSON.stringify({ kefu_words: 1, words: [paipai, { word: "群", category: "rude", severity: "warn" }] }));
  await o.upload('input[data-file="words"]', file);
  await o.click('[data-action="import-own-words"]');
  await says(options, "words", false, /word 2.*fewer than 2/);
  assert.equal(await o.count(".opt-word"), 0, "nothing imported");
  writeFileSync(file, JSON.stringify({ kefu_words: 1, words: [paipai, { word: "隔壁家", category: "rude", severity: "hint", replacement: "其他店铺" }] }));
  await o.upload('input[data-file="words"]', file);
  await o.click('[data-action="import-own-words"]');
  await says(options, "words", true, /新增 2 [个個]，更新 0 [个個]|2 added, 0 changed/);
  await o.waitFor('.opt-word[data-word="隔壁家"][data-category="rude"][data-severity="hint"]');
  assert.equal(await o.count(".opt-word"), 2);
  assert.equal(JSON.parse(await stored(options, "kefu.check.words")).words.length, 2, "both saved");
  // A word already listed (spaced differently) takes the file's settings and keeps its spelling.
  writeFileSync(file, JSON.stringify({ kefu_words: 1, words: [{ ...paipai, word: "拍 拍 群", severity: "block" }] }));
  await o.upload('input[data-file="words"]', file);
  await o.click('[data-action="import-own-words"]');
  await says(options, "words", true, /新增 0 [个個]，更新 1 [个個]|0 added, 1 changed/);
  await o.waitFor('.opt-word[data-word="拍拍群"][data-severity="block"]');
  assert.equal(await o.count(".opt-word"), 2);

  // Exported, the words file holds both words as listed; imported again it changes nothing.
  const exported = await savedFile(options, () => o.click('[data-action="export-own-words"]'));
  assert.equal(exported.name, "kefu-words.json");
  const doc = JSON.parse(exported.text);
  assert.equal(doc.kefu_words, 1);
  assert.deepEqual(doc.words.map((w) => [w.word, w.category, w.severity, w.replacement || null]).sort(), [
    ["拍拍群", "off_platform", "block", null],
    ["隔壁家", "rude", "hint", "其他店铺"],
  ]);
  writeFileSync(file, exported.text);
  await o.upload('input[data-file="words"]', file);
  await o.click('[data-action="import-own-words"]');
  await says(options, "words", true, /新增 0 [个個]，更新 0 [个個]|0 added, 0 changed/);
  assert.equal(await o.count(".opt-word"), 2);
}

/**
 * The file a click makes the page save (name and text): the page puts a download link in its
 * body for the click, and the file is read back from the link. Kept on the page's root element
 * as it arrives, which every browser's scripts can read (Firefox runs them in a sandbox).
 */
async function savedFile(options, click) {
  await options.evaluate(() => {
    delete document.documentElement.dataset.kefuSaved;
    const seen = new MutationObserver((changes) => {
      const link = changes.flatMap((c) => [...c.addedNodes]).find((n) => n.nodeName === "A" && n.hasAttribute("download"));
      if (!link) return;
      seen.disconnect();
      const name = link.getAttribute("download");
      fetch(link.getAttribute("href"))
        .then((r) => r.text())
        .then((text) => (document.documentElement.dataset.kefuSaved = JSON.stringify({ name, text })));
    });
    seen.observe(document.body, { childList: true });
  });
  await click();
  let saved = null;
  await eventually("the file saved", async () => (saved = await options.page.attr("html", "data-kefu-saved")) !== null);
  return JSON.parse(saved);
}
