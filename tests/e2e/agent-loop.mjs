// The whole agent loop with the built extension, the same steps in every browser:
// a scripted buyer message appears → the panel shows the right intent and suggestions →
// clicking the second suggestion puts its exact text in the input and nothing is sent →
// a note typed for that buyer survives a page reload → after switching buyers, a stale
// suggestion inserts nothing and the panel says why → the agent's last message is read with the
// buyer's next turn (还没到 after a tracking number is logistics) → a turn the classifier is unsure
// of shows its two likeliest readings, each with replies, marked as a guess, and an unsure
// after-sale reading offers its guide → the health line
// says the page is understood, and says so plainly when the reply box disappears; the draft is
// checked as the agent types and a finding's rewrite replaces only its span; a reply the agent
// picks three times comes first, and reset restores the order.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, eventually, scenario, screenshotPath, sleep } from "./support.mjs";

const BARGAIN = scenario("bargain-decisive");
const OTHER_CHAT = "c-size";
const SOLD_OUT = "亲 不好意思 白色这款已经卖完了 暂时没有货了呢";
const TRACKING = "亲 您的包裹已经发出了 中通快递单号 75312046687913 请注意查收哦";
// Pinned as unsure by the native test `an_unsure_turn_gets_two_guesses` (tests/classifier.rs).
export const UNSURE = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "unsure-turn.json"), "utf8"));
// Pinned as unsure, its first guess offering a guide, by `an_unsure_after_sale_turn_offers_a_guide`.
const UNSURE_AFTER_SALE = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "unsure-after-sale-turn.json"), "utf8"));

async function ready(b) {
  await b.page.waitFor("html[data-ready=true]");
  await b.panel.waitFor("html[data-ready=true]", 30000);
}

/** The agent types `text` in the reply box and sends it, as the agent would. */
async function agentSends(b, text) {
  const before = await b.page.count("#messages .message--agent");
  await b.page.type("#chat-input", text);
  await b.page.click("#send-button");
  await eventually("the agent's line in the chat", async () => (await b.page.count("#messages .message--agent")) > before);
}

/** A hand-typed buyer message, through the simulator. */
async function buyerSends(b, text) {
  const before = await b.page.count("#messages .message--buyer");
  await b.page.type("#buyer-text", text);
  await b.page.click("#buyer-send");
  await eventually("the buyer line in the chat", async () => (await b.page.count("#messages .message--buyer")) > before);
}

async function playNextBuyerLine(b, scenarioId) {
  const before = await b.page.count("#messages .message--buyer");
  await b.page.select("#scenario-select", scenarioId);
  await b.page.click("#scenario-next");
  await eventually("the buyer line in the chat", async () => (await b.page.count("#messages .message--buyer")) > before);
}

export async function agentLoop(b, url) {
  const chat = BARGAIN.conversation.id;
  const firstLine = BARGAIN.turns.find((t) => t.from === "buyer");
  await b.open(url);
  await ready(b);
  assert.equal(await b.page.count("#kefu-dev-panel"), 0, "with the extension the page embeds no panel of its own");

  // A scripted buyer message appears; the panel shows the right intent and suggestions.
  await playNextBuyerLine(b, BARGAIN.id);
  assert.equal(await b.page.attr("#chat", "data-conversation-id"), chat);
  await b.panel.waitFor(`.kefu-intent[data-intent="${firstLine.expect.intent}"]`);
  assert.equal(await b.panel.attr(".kefu-bargain", "data-buyer-type"), firstLine.expect.buyer_type);
  assert.equal(await b.panel.text(".kefu-turn"), firstLine.text);
  // The health line: the page is understood.
  await b.panel.waitFor('.kefu-health[data-state="ok"]:not([hidden])');
  const replies = await b.panel.texts("button.kefu-reply");
  assert.equal(replies.length, 3, "three suggestions");
  assert.ok(replies.every((r) => r.length > 5 && !/[{}]/.test(r)), `filled suggestions: ${replies}`);

  // Clicking the second suggestion inserts exactly its text; nothing is sent.
  const agentLines = await b.page.count("#messages .message--agent");
  const buyerLines = await b.page.count("#messages .message--buyer");
  await b.panel.click("button.kefu-reply", 1);
  await eventually("the reply in the input", async () => (await b.page.value("#chat-input")) === replies[1]);
  await b.panel.waitFor('.kefu-notice[data-kind="ok"]');
  await sleep(500);
  assert.equal(await b.page.count("#messages .message--agent"), agentLines, "nothing was sent");
  assert.equal(await b.page.count("#messages .message--buyer"), buyerLines);
  await b.screenshot(screenshotPath(`${b.name}-panel.png`));

  // The panel learns the agent: the third suggestion, picked three times for this intent, comes
  // first (not before: a stray click reorders nothing); reset restores the packs' order.
  for (let n = 1; n <= 3; n += 1) {
    await b.page.type("#chat-input", "");
    await b.panel.click("button.kefu-reply", 2);
    await eventually(`pick ${n} inserted`, async () => (await b.page.value("#chat-input")) === replies[2]);
    if (n < 3) assert.deepEqual(await b.panel.texts("button.kefu-reply"), replies, `the order after ${n} picks`);
  }
  await eventually("the learnt reply first", async () => JSON.stringify(await b.panel.texts("button.kefu-reply")) === JSON.stringify([replies[2], replies[0], replies[1]]));
  await b.panel.click('[data-action="reset-learning"]');
  await eventually("the packs' order again", async () => JSON.stringify(await b.panel.texts("button.kefu-reply")) === JSON.stringify(replies));
  await b.page.type("#chat-input", "");

  // A note typed for this buyer survives a reload of the page (and of the panel with it).
  const note = `坑距400 喜欢白色 ${b.name}-${Date.now()}`;
  await b.panel.type(".kefu-notes-text", note);
  await b.panel.waitFor('.kefu-notes-status[data-ok="true"]');
  await b.reload();
  await ready(b);
  await b.page.click(`#conversation-list [data-conversation-id="${chat}"]`);
  await eventually("the note after reload", async () => (await b.panel.value(".kefu-notes-text")) === note);

  // After switching buyers, a stale suggestion inserts nothing, and the panel says why.
  await playNextBuyerLine(b, BARGAIN.id);
  await b.panel.waitFor('.kefu-intent[data-intent="bargain"]');
  await b.page.click(`#conversation-list [data-conversation-id="${OTHER_CHAT}"]`);
  await b.panel.waitFor(`.kefu-chip[aria-current="true"][data-conversation="${OTHER_CHAT}"]`);
  await b.panel.click(`.kefu-chip[data-conversation="${chat}"]`);
  await b.panel.waitFor(".kefu-warning");
  await b.panel.click("button.kefu-reply", 0);
  await b.panel.waitFor('.kefu-notice[data-kind="refused"]');
  assert.equal(await b.page.attr("#chat", "data-conversation-id"), OTHER_CHAT);
  assert.equal(await b.page.value("#chat-input"), "", "the other buyer's input stays empty");
  assert.equal(await b.page.count("#messages .message--agent"), 0, "nothing sent to the other buyer");

  // The agent's last message is the context of the buyer's next turn: 那怎么办 alone means
  // nothing in particular (tests/classifier.rs), after a sold-out notice it is about stock.
  await b.panel.click(`.kefu-chip[data-conversation="${OTHER_CHAT}"]`);
  await agentSends(b, SOLD_OUT);
  await buyerSends(b, "那怎么办");
  await b.panel.waitFor('.kefu-intent[data-intent="stock"]');
  await agentSends(b, TRACKING);
  await buyerSends(b, "还没到");
  await b.panel.waitFor('.kefu-intent[data-intent="logistics"]');
  assert.equal(await b.panel.text(".kefu-turn"), "还没到");

  // Unsure: two guesses, each with its replies, and either inserts like any suggestion.
  await agentSends(b, UNSURE.agent);
  await buyerSends(b, UNSURE.text);
  await b.panel.waitFor('.kefu-intent[data-confident="false"]');
  assert.equal(await b.panel.text(".kefu-turn"), UNSURE.text);
  assert.equal(await b.panel.count(".kefu-guess"), 2, "two guesses");
  const guessed = [await b.panel.attr('.kefu-guess[data-guess="0"]', "data-intent"), await b.panel.attr('.kefu-guess[data-guess="1"]', "data-intent")];
  assert.ok(guessed[0] !== guessed[1] && !guessed.includes("other"), `two different readings: ${guessed}`);
  await b.screenshot(screenshotPath(`${b.name}-guesses.png`));
  const second = await b.panel.texts('.kefu-guess[data-guess="1"] button.kefu-reply');
  assert.ok(second.length >= 1, "the second guess has replies");
  await b.page.type("#chat-input", "");
  await b.panel.click('.kefu-guess[data-guess="1"] button.kefu-reply', 0);
  await eventually("the guessed reply in the input", async () => (await b.page.value("#chat-input")) === second[0]);

  // An unsure after-sale turn opens no guide by itself: its guess offers the guide, and the
  // agent's click starts it (offered no more once started).
  await agentSends(b, UNSURE_AFTER_SALE.agent);
  await buyerSends(b, UNSURE_AFTER_SALE.text);
  await b.panel.waitFor('.kefu-guess[data-guess="0"] [data-action="start-guide"]');
  assert.equal(await b.panel.count(".kefu-guide:not([hidden])"), 0, "no guide before the agent starts it");
  await b.panel.click('[data-action="start-guide"]');
  await b.panel.waitFor(".kefu-guide[data-guide]:not([hidden])");
  assert.ok((await b.panel.count('.kefu-guide [data-action="guide"]')) >= 1, "the guide's first question has its answers");
  assert.equal(await b.panel.count('[data-action="start-guide"]'), 0, "started: offered no more");

  // The draft is checked as the agent types (no button to press): an off-platform contact in a
  // homophone is a block finding, and taking its rewrite replaces only that span.
  await b.page.type("#chat-input", "");
  await b.page.click("#chat-input");
  await b.chat().keys("亲，加我薇信聊");
  await b.panel.waitFor('.kefu-draft-finding[data-category="off_platform"][data-severity="block"][data-evasion]');
  assert.equal(await b.panel.text(".kefu-draft-mark"), "加我薇信");
  await b.panel.click('.kefu-draft-finding [data-action="take-rewrite"]');
  await eventually("the span rewritten, the rest kept", async () => (await b.page.value("#chat-input")) === "亲，在平台上联系我们聊");
  // The rewritten draft is clean: the check goes away.
  await eventually("the check cleared", async () => (await b.panel.count('.kefu-draft[data-state="clean"]')) === 1);

  // A redesign drops the reply box: the health line says so plainly.
  await b.evaluate(() => document.querySelector("#chat-input").remove());
  await b.panel.waitFor('.kefu-health[data-state="warn"]:not([hidden])');
  assert.match(await b.panel.text(".kefu-health"), /回复框|回覆框|reply box/);
}
