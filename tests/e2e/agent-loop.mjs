// The whole agent loop with the built extension, the same steps in every browser:
// a scripted buyer message appears → the panel shows the right intent and suggestions →
// clicking the second suggestion puts its exact text in the input and nothing is sent →
// a note typed for that buyer survives a page reload → after switching buyers, a stale
// suggestion inserts nothing and the panel says why.
import assert from "node:assert/strict";
import { eventually, scenario, screenshotPath, sleep } from "./support.mjs";

const BARGAIN = scenario("bargain-decisive");
const OTHER_CHAT = "c-size";

async function ready(b) {
  await b.page.waitFor("html[data-ready=true]");
  await b.panel.waitFor("html[data-ready=true]", 30000);
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
}
