// Any web chat page (issue 12), in Chromium and in Firefox, with the built extension and the test
// pages of tests/fixtures/generic/ (no site adapter for any of them):
//   1. each site is turned on from the toolbar popup: the browser's permission, then our content
//      scripts registered for it;
//   2. with no adapter and no picking, the pages built with @chatscope/chat-ui-kit-react and
//      react-chat-elements and the one with hashed class names and no ids are detected: buyer
//      messages reach the panel as the buyer's, the agent's as the agent's, and a click inserts a
//      reply that the page's own send handler sends;
//   3. the page made to defeat detection (who wrote what shows only in a bubble's colour) says so
//      in the panel's health line; the picker, run through its data-action hooks, makes it work;
//   4. a selector that stops matching (the message list's class renamed) shows the health
//      warning within a second, and picking again restores the page;
//   5. after a browser restart the picked config still reads its page; a shop's preset through
//      managed storage is picked up; turning a site off removes its scripts and permission.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serveFixtures } from "../../scripts/serve-fixtures.mjs";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { EXTENSION, eventually } from "./support.mjs";

let server;
before(async () => {
  server = await serveFixtures();
});
after(() => server?.close());

const page = (name) => server.fixtures.find((f) => f.name === name);
const origin = (f) => `https://${f.config.host}/*`;
const BUYER_TURN = "这件外套有没有大一码的";
const NEXT_TURN = "那发什么快递呀";

/** The shop's preset (managed storage) for the hashed page: its generated classes, by layout. */
const PRESET = {
  kefu_site: 1, id: "shop-hashed", name: "店铺预设客服", certainty: "medium",
  hosts: ["help.hashed-shop.test"], patterns: ["https://help.hashed-shop.test/*"],
  selectors: { messageList: [".sc-WFHTIb"], message: [".sc-WFHTIb > .sc-dshosh"], messageText: [".sc-VmxuLf > div:not(._ifg9d)"], input: ["textarea.sc-IeQDwj"], send: ["button.sc-pOwDKk"] },
  conversation: { selector: ["h3.css-rzocpw"] }, buyer: { selector: ["h3.css-rzocpw"] },
  direction: { by: "side" },
};

async function openPage(b, f) {
  await b.open("about:blank");
  await b.open(server.url(f));
  const chat = b.chat();
  await eventually(`${f.name}: the page's app`, () => chat.evaluate(() => typeof window.kefuFixture === "object"), 30_000);
  return chat;
}

async function waitPanel(b, f) {
  await b.page.waitFor("#kefu-assist-frame", 30_000);
  await b.panel.waitFor("html[data-ready=true][data-paired=true]", 30_000);
}

/** Turns the page's site on from the popup (the browser's permission asked and given). */
async function turnOn(b, f) {
  await b.allowSite(origin(f));
  const popup = await b.openPopup(server.url(f));
  await popup.page.waitFor("html[data-ready=true]");
  assert.equal(await popup.page.attr("html", "data-state"), "off", `${f.name}: off before`);
  await popup.page.click('[data-action="site-on"]');
  await b.acceptPermission();
  await eventually(`${f.name}: on`, async () => (await popup.page.attr("html", "data-state")) === "on");
  const registered = await popup.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts()).map((s) => s.matches[0]));
  assert.ok(registered.includes(origin(f)), `${f.name}: scripts registered (${registered})`);
  await popup.close();
}

/** The health line says the page is understood. */
async function understood(b, f) {
  await eventually(`${f.name}: health ok`, async () => (await b.panel.attr(".kefu-health", "data-state")) === "ok");
}

/**
 * A buyer message reaches the panel as the buyer's turn; a reply inserted by a click goes into the
 * page's box and the page's own send sends it; the next buyer message is a new turn (so the sent
 * reply was read as the agent's).
 */
async function answers(b, f, chat) {
  await chat.evaluate((text) => window.kefuFixture.buyerSays(text), BUYER_TURN);
  await eventually(`${f.name}: the buyer's turn`, async () => (await b.panel.text(".kefu-turn"))?.endsWith(BUYER_TURN));
  const reply = (await b.panel.texts("button.kefu-reply"))[0];
  assert.ok(reply?.length > 3, `${f.name}: a reply offered`);
  await chat.click(f.config.drive.input);
  await b.panel.click("button.kefu-reply");
  await eventually(`${f.name}: the reply in the box`, async () => (await chat.evaluate(() => window.kefuFixture.draft())).includes(reply.slice(0, 8)));
  await chat.click(f.config.drive.send);
  await eventually(`${f.name}: sent by the page`, async () => (await chat.evaluate(() => window.kefuFixture.sent.slice())).some((s) => s.includes(reply.slice(0, 8))));
  await chat.evaluate((text) => window.kefuFixture.buyerSays(text), NEXT_TURN);
  await eventually(`${f.name}: a new turn, the agent's reply between`, async () => (await b.panel.text(".kefu-turn")) === NEXT_TURN);
}

/**
 * Runs the picker from the panel's health line: a buyer's bubble, an agent's bubble and the reply
 * box, clicked on the page; the buyer's name skipped.
 */
async function pick(b, f, chat, bubbles) {
  await b.panel.waitFor('[data-action="start-picker"]:not([hidden])');
  await b.panel.click('[data-action="start-picker"]');
  await b.page.waitFor('[data-kefu-overlay="picker"][data-step="buyer"]');
  // (The picker's shield covers the page: picks are clicks at a point, as the agent's are.)
  const count = await chat.evaluate((sel) => document.querySelectorAll(sel).length, bubbles);
  const fromOf = await chat.evaluate(() => window.kefuFixture.messages().map((m) => m.from));
  assert.equal(count, fromOf.length, `${f.name}: one bubble per message`);
  await chat.clickAt(bubbles, fromOf.indexOf("buyer"));
  await b.page.waitFor('[data-kefu-overlay="picker"][data-step="agent"]');
  await chat.clickAt(bubbles, fromOf.indexOf("agent"));
  await b.page.waitFor('[data-kefu-overlay="picker"][data-step="input"]');
  await chat.clickAt(f.config.drive.input);
  await b.page.waitFor('[data-kefu-overlay="picker"][data-step="name"]');
  await b.page.click('[data-kefu-overlay="picker"] [data-action="picker-skip"]');
  const banner = '[data-kefu-overlay="picker"]';
  const outcome = await eventually(`${f.name}: the picks saved`, async () => (await b.page.count(`${banner}[data-step="saved"]`)) ? "saved"
    : (await b.page.count(`${banner}[data-problem]`)) ? `refused: ${await b.page.text(banner)}` : null);
  assert.equal(outcome, "saved");
}

for (const [name, launch] of [["Chromium", launchChromium], ["Firefox", launchFirefox]]) {
  test(`${name}: any web chat: turned on, detected, picked, kept over a restart, preset by the shop, turned off`, { timeout: 600_000 }, async (t) => {
    const profile = mkdtempSync(join(tmpdir(), `kefu-any-${name}-`));
    const generic = server.fixtures.filter((f) => f.group === "generic");
    let b = await launch({ extension: EXTENSION, hosts: server.hosts, viewport: { width: 1366, height: 768 }, profile });
    try {
      await t.test("each site turned on from the popup", async () => {
        for (const f of generic) await turnOn(b, f);
      });
      for (const n of ["chatscope", "chat-elements", "hashed"]) {
        await t.test(`${n}: detected with no adapter and no picking`, async () => {
          const f = page(n);
          const chat = await openPage(b, f);
          await waitPanel(b, f);
          await understood(b, f);
          await answers(b, f, chat);
          // The popup says the page is read by detection, and outlines what was found.
          const popup = await b.openPopup(server.url(f));
          await eventually("read by detection", async () => (await popup.page.attr("#site-reading", "data-from")) === "detected");
          await popup.page.click('[data-action="outline"]');
          await popup.close();
          await eventually("outlines on the page", async () => (await b.page.count('[data-kefu-overlay="outline"]')) >= 3);
        });
      }
      await t.test("colour-only: unsure who wrote what, says so; the picker makes it work", async () => {
        const f = page("colour-only");
        const chat = await openPage(b, f);
        await waitPanel(b, f);
        await eventually("the health warning", async () => (await b.panel.attr(".kefu-health", "data-state")) === "warn");
        await pick(b, f, chat, "._b62z8 > ._3iidz > .css-1wnta3");
        await understood(b, f);
        await answers(b, f, chat);
      });
      await t.test("chat-elements: the list's class renamed → warning within a second; picking again restores it", async () => {
        const f = page("chat-elements");
        const chat = await openPage(b, f);
        await waitPanel(b, f);
        await understood(b, f);
        const renamed = Date.now();
        await chat.evaluate(() => {
          document.querySelector(".rce-mlist").className = "rce-mlist-v2";
        });
        await b.panel.waitFor('.kefu-health[data-state="warn"]', 5000);
        // (Polled every 100 ms, each look a round trip to the browser.)
        assert.ok(Date.now() - renamed < 1000, `warned after ${Date.now() - renamed} ms`);
        await pick(b, f, chat, ".rce-mlist-v2 .rce-mbox");
        await understood(b, f);
        await answers(b, f, chat);
      });
    } finally {
      await b.close();
    }

    // The browser again, on the same profile, now with the shop's preset.
    b = await launch({ extension: EXTENSION, hosts: server.hosts, viewport: { width: 1366, height: 768 }, profile, installed: true, managed: { siteConfigs: [PRESET] } });
    try {
      await t.test("after a restart the picked config reads colour-only at once", async () => {
        const f = page("colour-only");
        const chat = await openPage(b, f);
        await waitPanel(b, f);
        await understood(b, f);
        await answers(b, f, chat);
      });
      await t.test("the shop's preset (managed storage) reads the hashed page", async () => {
        const f = page("hashed");
        const chat = await openPage(b, f);
        await waitPanel(b, f);
        const popup = await b.openPopup(server.url(f));
        await eventually("the popup names the preset", async () => (await popup.page.attr("#site-reading", "data-from")) === "shop");
        await popup.close();
        await understood(b, f);
        await answers(b, f, chat);
      });
      await t.test("the options page lists the sites and their configs; an import with one bad config is refused whole", async () => {
        const f = page("hashed");
        await openPage(b, f);
        await waitPanel(b, f);
        const options = await b.openOptions();
        await options.page.waitFor('#kefu-sites-root[data-ready="true"]');
        const listed = await options.evaluate(() => [...document.querySelectorAll('[data-list="turned-on"] li[data-origin]')].map((li) => li.dataset.origin));
        for (const g of server.fixtures.filter((x) => x.group === "generic")) assert.ok(listed.includes(origin(g)), `${g.name} listed: ${listed}`);
        const own = async () => options.evaluate(() => [...document.querySelectorAll('[data-list="own"] li[data-id]')].map((li) => li.dataset.id));
        const before = await own();
        assert.ok(before.some((id) => id.startsWith("kefu-colour-shop-test-")), `the picked config listed: ${before}`);
        assert.deepEqual(await options.evaluate(() => [...document.querySelectorAll('[data-list="shop"] li[data-id]')].map((li) => li.dataset.id)), ["shop-hashed"]);
        // Two configs, the second without its message selector: nothing is imported.
        const good = { ...PRESET, id: "imported-one", hosts: ["a.example.test"], patterns: ["https://a.example.test/*"] };
        const bad = { ...good, id: "imported-two", selectors: { input: ["textarea"] } };
        const file = join(profile, "..", `kefu-sites-${name}.json`);
        const text = JSON.stringify({ kefu_sites: 1, configs: [good, bad] }, null, 2);
        const lines = text.split("\n");
        const second = lines.findIndex((l) => l.includes('"imported-two"'));
        const line = lines.findIndex((l, i) => i > second && l.includes('"selectors"')) + 1;
        writeFileSync(file, text);
        await options.page.upload('[data-action="import-sites-file"]', file);
        await options.page.waitFor('[data-for="sites"][data-ok="false"]');
        const said = await options.page.text('[data-for="sites"]');
        assert.match(said, /configs\[1\]\.selectors\.message/);
        assert.match(said, new RegExp(`\\b${line}\\b`), `line ${line} is named: ${said}`);
        assert.deepEqual(await own(), before, "nothing imported");
        writeFileSync(file, JSON.stringify({ kefu_sites: 1, configs: [good] }));
        await options.page.upload('[data-action="import-sites-file"]', file);
        await eventually("imported", async () => (await own()).includes("imported-one"));
        rmSync(file, { force: true });
        await options.close();
      });
      await t.test("turned off from the popup: scripts and permission gone, the panel too", async () => {
        const f = page("hashed");
        await openPage(b, f);
        await waitPanel(b, f);
        const popup = await b.openPopup(server.url(f));
        await popup.page.waitFor('html[data-state="on"]');
        await popup.page.click('[data-action="site-off"]');
        await eventually("off", async () => (await popup.page.attr("html", "data-state")) === "off");
        const left = await popup.evaluate(async (o) => {
          const ext = globalThis.browser ?? globalThis.chrome;
          return { scripts: (await ext.scripting.getRegisteredContentScripts()).map((s) => s.matches[0]), granted: await ext.permissions.contains({ origins: [o] }) };
        }, origin(f));
        assert.ok(!left.scripts.includes(origin(f)), `scripts left: ${left.scripts}`);
        assert.equal(left.granted, false);
        await popup.close();
        await eventually("the panel gone", async () => (await b.page.count("#kefu-assist-frame")) === 0);
      });
    } finally {
      await b.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
