// The agent's loop on one platform's test page, the same steps in every browser: a buyer message
// appears → the panel shows its classification and replies → with a draft in the reply box and
// the caret inside it, a click inserts the reply at the caret, the draft kept → the page's own
// send handler (pressed with real input) sends exactly that text, read from the app's state → we
// triggered no send. Then (clipboardFallback) the box is made to refuse every insertion path: the
// reply goes to the clipboard and the panel says so.
import assert from "node:assert/strict";
import { eventually } from "./support.mjs";

export const BUYER_TURN = "这款马桶盖两个一起买能便宜点吗";
const DRAFT = ["您好", "。"];

/** Waits for the page, its chat and the paired, ready panel. */
export async function openFixture(b, url, f) {
  // A fresh load even when only the fragment would differ.
  await b.open("about:blank");
  await b.open(url);
  const chat = b.chat(f.config.frame);
  await eventually(`${f.name}: the page's app`, () => chat.evaluate(() => typeof window.fixture === "object"), 30_000);
  await b.page.waitFor("#kefu-assist-frame", 30_000);
  await b.panel.waitFor("html[data-ready=true][data-paired=true]", 30_000);
  return chat;
}

/** Overlap of two {x, y, width, height} boxes. */
const intersects = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * On first show the panel covers neither the reply box nor the send button (nor is it folded
 * away where there is room for it).
 */
export async function assertPlacement(b, f, chat) {
  await b.page.waitFor('#kefu-assist-host[data-state="open"]');
  const panel = await b.rect("#kefu-assist-host");
  const offset = f.config.frame ? await b.rect(f.config.frame) : { x: 0, y: 0 };
  const boxes = await chat.evaluate((drive) => [drive.input, drive.send].map((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }), f.config.drive);
  for (const [what, box] of [["reply box", boxes[0]], ["send button", boxes[1]]]) {
    const moved = { ...box, x: box.x + offset.x, y: box.y + offset.y };
    assert.ok(!intersects(panel, moved), `${f.name}: the panel ${JSON.stringify(panel)} covers the ${what} ${JSON.stringify(moved)}`);
  }
  assert.ok(panel.width >= 300 && panel.height >= 260, `${f.name}: a usable panel ${JSON.stringify(panel)}`);
}

export async function platformLoop(b, url, f) {
  const chat = await openFixture(b, url, f);
  await assertPlacement(b, f, chat);
  const draft = () => chat.evaluate(() => window.fixture.draft());
  const sent = () => chat.evaluate(() => window.fixture.sent.slice());

  // A buyer message appears; the panel classifies it and offers replies.
  await chat.evaluate((text) => window.fixture.buyerSays(text), BUYER_TURN);
  // (The page's last buyer line may still be unanswered: the turn joins both.)
  await eventually(`${f.name}: the buyer's turn in the panel`, async () => (await b.panel.text(".kefu-turn"))?.endsWith(BUYER_TURN));
  assert.match(await b.panel.attr(".kefu-intent", "data-intent"), /^[a-z_]+$/, `${f.name}: classified`);
  const replies = await b.panel.texts("button.kefu-reply");
  assert.ok(replies.length > 0 && replies.every((r) => r.length > 3 && !/[{}]/.test(r)), `${f.name}: replies ${replies}`);
  // The health line says the page is understood: chat, message list and reply box found.
  await b.panel.waitFor('.kefu-health[data-state="ok"]:not([hidden])');
  assert.match(await b.panel.text(".kefu-health"), /\d/, `${f.name}: messages counted`);

  // The agent has a draft with the caret inside it.
  await chat.click(f.config.drive.input);
  await chat.keys(DRAFT.join(""));
  await chat.press("ArrowLeft");
  await eventually(`${f.name}: the draft typed`, async () => (await draft()) === DRAFT.join(""));
  const sentBefore = (await sent()).length;

  // A click inserts the reply at the caret, the draft kept; nothing is sent.
  await b.panel.click("button.kefu-reply", 0);
  await b.panel.waitFor('.kefu-notice[data-kind="ok"]');
  const expected = DRAFT[0] + replies[0] + DRAFT[1];
  await eventually(`${f.name}: the reply in the app's state`, async () => (await draft()) === expected);
  assert.equal((await sent()).length, sentBefore, `${f.name}: we sent nothing`);

  // The page's own send handler sends exactly that text.
  await chat.click(f.config.drive.send);
  await eventually(`${f.name}: sent by the page`, async () => (await sent()).length === sentBefore + 1);
  assert.equal((await sent()).at(-1), expected, `${f.name}: the sent text`);
}

/**
 * On the page as platformLoop left it: the box now refuses every insertion path; the reply goes
 * to the clipboard, and the panel says so. Nothing is sent.
 */
export async function clipboardFallback(b, f) {
  const chat = b.chat(f.config.frame);
  const draft = () => chat.evaluate(() => window.fixture.draft());
  const sent = () => chat.evaluate(() => window.fixture.sent.slice());
  const sentBefore = (await sent()).length;
  await chat.evaluate(() => window.fixture.rejectInsert());
  const before = await draft();
  const reply = (await b.panel.texts("button.kefu-reply"))[0];
  await b.panel.click("button.kefu-reply", 0);
  const notice = async () => `${await b.panel.attr(".kefu-notice", "data-kind")}: ${await b.panel.text(".kefu-notice")}`;
  await eventually(`${f.name}: the clipboard notice`, async () => {
    const now = await notice();
    if (!now.startsWith("copied:")) throw new Error(now);
    return true;
  });
  assert.match(await b.panel.text(".kefu-notice"), /Ctrl\+V/);
  // Chromium lets the test read the clipboard back (geckodriver has no way to).
  if (b.clipboard) assert.equal(await b.clipboard(), reply, `${f.name}: the reply is on the clipboard`);
  assert.equal(await draft(), before, `${f.name}: the refusing box is unchanged`);
  assert.equal((await sent()).length, sentBefore, `${f.name}: nothing sent by us`);
}
