// The floating panel on a platform page (the Pinduoduo test page), in Chromium and Firefox:
// dragged, resized, folded by Escape and brought back by its tab, all remembered after a reload; the wrong-buyer guard; pairing that
// the page cannot hijack (it reads the frame's URL and makes a panel of its own); a hidden, dimmed
// or covered frame is restored or reported, and inserts are refused meanwhile. (The panel speaks
// the browser's language: Chinese in Chromium here, English in Firefox.)
import assert from "node:assert/strict";
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

const near = (a, b) => Math.abs(a - b) <= 3;

async function buyerTurn(b, chat, text) {
  await chat.evaluate((t) => window.fixture.buyerSays(t), text);
  await eventually("the turn in the panel", async () => (await b.panel.text(".kefu-turn"))?.endsWith(text));
}

async function dragResizeFold(b) {
  const chat = await openFixture(b, server.url(f), f);
  await b.page.waitFor('#kefu-assist-host[data-state="open"]');
  const r0 = await b.rect("#kefu-assist-host");
  // The page's own scripts cannot move or fold it (only trusted input can).
  await b.evaluate(() => {
    const handle = document.querySelector('#kefu-assist-host [data-action="drag"]');
    const at = (type, x, y) => new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, button: 0, buttons: type === "pointerup" ? 0 : 1 });
    handle.dispatchEvent(at("pointerdown", 1100, 20));
    window.dispatchEvent(at("pointermove", 500, 300));
    window.dispatchEvent(at("pointerup", 500, 300));
    document.querySelector('#kefu-assist-host [data-action="fold"]').click();
  });
  assert.deepEqual(await b.rect("#kefu-assist-host"), r0, "a page's synthetic drag moves nothing");
  assert.equal(await b.page.attr("#kefu-assist-host", "data-state"), "open", "a page's synthetic click folds nothing");
  await b.drag('#kefu-assist-host [data-action="drag"]', -150, 40);
  const r1 = await b.rect("#kefu-assist-host");
  assert.ok(near(r1.x, r0.x - 150) && near(r1.y, r0.y + 40), `dragged: ${JSON.stringify([r0, r1])}`);
  await b.drag('#kefu-assist-host [data-action="resize"]', -40, -60);
  const r2 = await b.rect("#kefu-assist-host");
  assert.ok(near(r2.width, r1.width - 40) && near(r2.height, r1.height - 60), `resized: ${JSON.stringify([r1, r2])}`);

  // Escape in the panel folds it to its tab.
  await b.panel.press(".kefu-notes-text", "Escape");
  await b.page.waitFor('#kefu-assist-host[data-state="folded"]');
  assert.equal(await b.page.count("#kefu-assist-tab"), 1);

  // After a reload: still folded; its tab brings it back where and as big as it was left (the
  // toggle shortcut is driven in keyboard.test.mjs).
  await b.reload();
  await eventually("the page's app", () => chat.evaluate(() => typeof window.fixture === "object"), 30_000);
  await b.page.waitFor('#kefu-assist-host[data-state="folded"]', 30_000);
  await b.page.click("#kefu-assist-tab");
  await b.page.waitFor('#kefu-assist-host[data-state="open"]');
  const r3 = await b.rect("#kefu-assist-host");
  assert.ok(near(r3.x, r2.x) && near(r3.y, r2.y) && near(r3.width, r2.width) && near(r3.height, r2.height), `remembered: ${JSON.stringify([r2, r3])}`);
}

async function wrongBuyer(b) {
  const chat = await openFixture(b, server.url(f), f);
  const [first, second] = f.config.conversations;
  await buyerTurn(b, chat, BUYER_TURN);
  // The agent opens another buyer's chat, then looks back at the first buyer's advice.
  await chat.click(f.config.drive.row.replace("{id}", second));
  await b.panel.waitFor(`.kefu-chip[aria-current="true"][data-conversation="${second}"]`);
  await b.panel.click(`.kefu-chip[data-conversation="${first}"]`);
  await b.panel.waitFor(".kefu-warning");
  const sent = await chat.evaluate(() => window.fixture.sent.length);
  await b.panel.click("button.kefu-reply", 0);
  await b.panel.waitFor('.kefu-notice[data-kind="refused"]');
  assert.equal(await chat.evaluate(() => window.fixture.conversation()), second);
  assert.equal(await chat.evaluate(() => window.fixture.draft()), "", "the other buyer's box stays empty");
  assert.equal(await chat.evaluate(() => window.fixture.sent.length), sent, "nothing sent");
}

async function pairing(b) {
  const chat = await openFixture(b, server.url(f), f);
  // The page reads the panel's address, makes a panel of its own, and looks for a way in.
  const probe = await b.evaluate(() => {
    const src = document.querySelector("#kefu-assist-frame").src;
    const evil = document.createElement("iframe");
    evil.id = "page-made-panel";
    evil.src = src;
    document.body.append(evil);
    return { src, canConnect: typeof globalThis.chrome?.runtime?.connect === "function" || typeof globalThis.browser !== "undefined" };
  });
  assert.equal(probe.canConnect, false, "the page has no way to open a port to the extension");
  const address = new URL(probe.src);
  assert.ok(address.hash === "" && address.search === "", `the frame's address carries no pairing id: ${probe.src}`);
  const evil = b.frame("#page-made-panel");
  await evil.waitFor("html[data-ready=true]", 30_000);
  await buyerTurn(b, chat, "你好 在吗 这个有现货吗");
  assert.equal(await evil.count(".kefu-turn:not(:empty)"), 0, "the page's panel heard nothing");
  assert.notEqual(await evil.attr("html", "data-paired"), "true", "the page's panel is not paired");

  // The page sends our frame elsewhere: it comes back, pairs again and hears the chat.
  await b.evaluate(() => { document.querySelector("#kefu-assist-frame").src = "about:blank"; });
  await eventually("the frame's address restored", () => b.evaluate((src) => document.querySelector("#kefu-assist-frame").getAttribute("src") === src, probe.src));
  await b.panel.waitFor("html[data-ready=true][data-paired=true]", 30_000);
  await buyerTurn(b, chat, "好的 那我再看看别的颜色");
}

async function hiddenAndCovered(b) {
  const chat = await openFixture(b, server.url(f), f);
  await buyerTurn(b, chat, BUYER_TURN);
  // Hidden by the page: put back.
  await b.evaluate(() => { document.querySelector("#kefu-assist-host").style.display = "none"; });
  await eventually("the frame shown again", () => b.evaluate(() => getComputedStyle(document.querySelector("#kefu-assist-host")).display === "flex"));
  // Dimmed by the page (not ours to undo): said, and inserts refused until it ends.
  await b.evaluate(() => { document.documentElement.style.opacity = "0.3"; });
  await eventually("the warning", async () => /隐藏|hiding/.test(await b.panel.text(".kefu-notice")));
  await b.panel.click("button.kefu-reply", 0);
  await eventually("the refusal", async () => /未插入|Not inserted/.test(await b.panel.text(".kefu-notice")));
  assert.equal(await chat.evaluate(() => window.fixture.draft()), "");
  await b.evaluate(() => { document.documentElement.style.opacity = ""; });
  await eventually("the warning gone", async () => !/隐藏|未插入|hiding|Not inserted/.test((await b.panel.text(".kefu-notice")) ?? ""));

  // Covered across its middle by a page element that keeps itself on top: said, inserts refused.
  await b.evaluate(() => {
    const r = document.querySelector("#kefu-assist-host").getBoundingClientRect();
    const cover = document.createElement("div");
    Object.assign(cover.style, { position: "fixed", left: `${r.left}px`, width: `${r.width}px`, top: `${r.top + r.height * 0.2}px`,
      height: `${r.height * 0.6}px`, zIndex: "2147483647", background: "rgba(255,255,255,0.9)" });
    document.documentElement.append(cover);
    new MutationObserver(() => {
      if (document.documentElement.lastElementChild !== cover) document.documentElement.append(cover);
    }).observe(document.documentElement, { childList: true });
  });
  await b.panel.waitFor("html[data-ready=true][data-paired=true]", 30_000);
  await eventually("the covered warning", async () => /遮挡|covering/.test((await b.panel.text(".kefu-notice")) ?? ""), 20_000);
}

for (const [name, launch] of [["Chromium", launchChromium], ["Firefox", launchFirefox]]) {
  test(`${name}: the panel frame on a platform page`, { timeout: 300_000 }, async (t) => {
    const b = await launch({ extension: EXTENSION, hosts: server.hosts, viewport: { width: 1366, height: 768 } });
    try {
      await t.test("dragged, resized and folded, remembered after a reload", () => dragResizeFold(b));
      await t.test("a reply for another buyer is refused", () => wrongBuyer(b));
      await t.test("the page cannot pair a panel of its own", () => pairing(b));
      await t.test("a hidden, dimmed or covered frame is restored or reported", () => hiddenAndCovered(b));
    } finally {
      await b.close();
    }
  });
}
