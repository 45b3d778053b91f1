// The picker's derivation on real pages (headless Chromium, one launch, one tab): from one buyer
// message, one of the agent's, the reply box and the name, a valid site config whose selectors
// name each element alone, contain no hashed class, survive the list being drawn again, and
// whose adapter reads every message's direction right: by class, by side, by colour.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { ROOT } from "../e2e/support.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;
const SCRIPTS = ["kefu.js", "read/dom.js", "config/site-config.js", "picker/derive.js"]
  .map((f) => readFileSync(join(ROOT, "extension", "content", f), "utf8"));

let browser;
let page;
before(async () => {
  if (skip) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on("pageerror", (e) => { throw e; });
});
after(async () => {
  await browser?.close();
});

/** A page of `body` (and `style`), with the content scripts in it. */
async function open(body, style = "") {
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:14px sans-serif}${style}</style></head><body>${body}</body></html>`);
  for (const content of SCRIPTS) await page.addScriptTag({ content });
}

/**
 * Derives a config from picks given as selectors, then reads the page with it: what each
 * selector finds, every message as [from, text], hashed class tokens in the selectors.
 */
async function derive(picks, url = "https://shop.example.com/chat/10086") {
  return page.evaluate(({ picks, url }) => {
    const K = KefuContent;
    const q = (s) => (s ? document.querySelector(s) : null);
    const { config, problems } = K.pickerDerive.derive({ buyer: q(picks.buyer), agent: q(picks.agent), input: q(picks.input), name: q(picks.name), id: picks.id }, document, new URL(url));
    return { config, problems, ...(config && !problems.length ? window.readWith(config) : {}) };
  }, { picks, url });
}

/** What a config reads on the page now (installed in the page by `helpers`). */
async function read(config) {
  return page.evaluate((config) => window.readWith(config), config);
}

const HELPERS = () => {
  window.readWith = (config) => {
    const K = KefuContent;
    const R = K.read;
    const site = K.siteConfig.adapter(config);
    site.messageList = (d) => R.first(d, config.selectors.messageList);
    const count = (list) => list.map((s) => document.querySelectorAll(s).length);
    const selectors = Object.values(config.selectors).flat();
    const tokens = selectors.flatMap((s) => [...s.matchAll(/\.((?:\\.|[\w-])+)/g)].map((m) => m[1].replace(/\\/g, "")));
    return {
      lists: count(config.selectors.messageList),
      inputs: count(config.selectors.input),
      messages: R.all(document, config.selectors.message).map((el) => {
        const m = site.message(el, document);
        return m ? [m.from, m.text] : null;
      }),
      hashed: tokens.filter((t) => K.pickerDerive.isHashedClass(t)),
      listIsTheList: R.first(document, config.selectors.messageList) === document.querySelector("[t-list]"),
      inputIsTheInput: R.first(document, config.selectors.input) === document.querySelector("[t-input]"),
    };
  };
};

/** Opens `body`, installs the reading helper. */
async function page_(body, style) {
  await open(body, style);
  await page.evaluate(HELPERS);
}

/** Draws the list's children again from the same markup (as a framework re-render does). */
async function redraw() {
  await page.evaluate(() => {
    const list = document.querySelector("[t-list]");
    list.innerHTML = list.innerHTML;
    document.querySelector("[t-input]").replaceWith(document.querySelector("[t-input]").cloneNode(true));
  });
}

const okConfig = (r) => {
  assert.deepEqual(r.problems, [], JSON.stringify(r.problems));
  assert.equal(r.config.kefu_site, 1);
  assert.equal(r.config.certainty, "low");
  assert.deepEqual(r.config.hosts, ["shop.example.com"]);
  assert.deepEqual(r.config.patterns, ["https://shop.example.com/*"]);
  assert.match(r.config.id, /^shop-example-com-[a-z0-9]+$/, "the site's id: its name and a hash of it");
  assert.deepEqual(r.lists, [1], "the list selector finds one element");
  assert.ok(r.listIsTheList, "and it is the list");
  assert.deepEqual(r.inputs, [1], "the reply box selector finds one element");
  assert.ok(r.inputIsTheInput, "and it is the reply box");
  assert.deepEqual(r.hashed, [], "no hashed class in any selector");
  for (const s of Object.values(r.config.selectors).flat()) assert.ok(s.length <= 300, s);
};

test("hashed classes only: structure and tags, no hashed token; direction by side", { skip }, async () => {
  await page_(`
    <div id="root"><div class="css-1x2y3z">
      <header class="sc-bdfBwQ"><span class="hXqrNc">王小明</span></header>
      <div class="css-9k8j7h" t-list>
        <div class="x1n2onr6 _3kd9a"><div class="jsx-1234 css-a1b2c3">你好，在吗？</div></div>
        <div class="x1n2onr6 _3kd9a x78zum5"><div class="jsx-1234 css-q9w8e7">在的，请问有什么可以帮您</div></div>
        <div class="x1n2onr6 _3kd9a"><div class="jsx-1234 css-a1b2c3">这个有货吗</div></div>
        <div class="x1n2onr6 _3kd9a x78zum5"><div class="jsx-1234 css-q9w8e7">有的，今天下单明天发</div></div>
      </div>
      <footer class="sc-gKsMBz"><textarea class="css-4d5e6f" t-input></textarea><button class="sc-kEYwTf">发送</button></footer>
    </div></div>`,
  ".x1n2onr6{display:flex;padding:4px}.x78zum5{justify-content:flex-end}.jsx-1234{padding:6px;max-width:60%}");
  const r = await derive({ buyer: "[t-list] > div:nth-child(1) > div", agent: "[t-list] > div:nth-child(2) > div", input: "textarea", name: "header span" });
  okConfig(r);
  assert.deepEqual(r.config.direction, { by: "side" });
  assert.deepEqual(r.messages, [["buyer", "你好，在吗？"], ["agent", "在的，请问有什么可以帮您"], ["buyer", "这个有货吗"], ["agent", "有的，今天下单明天发"]]);
  assert.equal(r.config.selectors.send.length, 1);
  assert.deepEqual(r.config.selectors.buyerName, ["header span"], "a span is never named by its tag alone");
  assert.deepEqual(r.config.buyer, { selector: r.config.selectors.buyerName });
  assert.deepEqual(r.config.conversation, { from: "url" }, "the address names the chat");
  for (const s of Object.values(r.config.selectors).flat()) assert.doesNotMatch(s, /css-|sc-|jsx-|_3kd9a|x1n2onr6|x78zum5|hXqrNc/, s);
  await redraw();
  const again = await read(r.config);
  assert.deepEqual(again.messages, r.messages, "the same reading after the list is drawn again");
  assert.deepEqual([again.lists, again.inputs], [[1], [1]]);
  // Picked where an adapter already read the page (a platform's, after a redesign): its id, and
  // so its notes, stay.
  const kept = await derive({ buyer: "[t-list] > div:nth-child(1) > div", agent: "[t-list] > div:nth-child(2) > div", input: "textarea", id: "pinduoduo" });
  assert.equal(kept.config.id, "pinduoduo");
});

test("test hooks are used: data-testid names the list, the messages and the reply box", { skip }, async () => {
  await page_(`
    <main><h2 data-testid="peer-name">Lily</h2>
      <section data-testid="chat-thread" t-list>
        <article data-testid="message" data-direction="in" class="msg"><p class="msg-text">Is the blue one in stock?</p><time>10:02</time></article>
        <article data-testid="message" data-direction="out" class="msg"><p class="msg-text">Yes, ships today.</p><time>10:03</time></article>
        <article data-testid="message" data-direction="in" class="msg"><p class="msg-text">Great, thanks</p><time>10:04</time></article>
      </section>
      <div data-testid="composer"><div data-testid="composer-input" contenteditable="true" t-input><p>draft</p></div><button data-testid="send-button">Send</button></div>
    </main>`);
  const r = await derive({ buyer: "article:nth-child(1) p", agent: "article:nth-child(2) p", input: "[t-input] p", name: "h2" }, "https://shop.example.com/inbox");
  okConfig(r);
  assert.deepEqual(r.config.selectors.messageList, ['[data-testid="chat-thread"]']);
  assert.deepEqual(r.config.selectors.message, ['[data-testid="chat-thread"] > article[data-testid="message"]']);
  assert.deepEqual(r.config.selectors.input, ['[data-testid="composer-input"]'], "the editing host, not the paragraph clicked in it");
  assert.deepEqual(r.config.selectors.send, ['[data-testid="send-button"]']);
  assert.deepEqual(r.config.selectors.messageText, ["p.msg-text"]);
  assert.deepEqual(r.config.direction, { agent: ['[data-direction="out"]'], buyer: ['[data-direction="in"]'] });
  assert.deepEqual(r.config.conversation, { selector: ['[data-testid="peer-name"]'] }, "the address is the same for every buyer: the name");
  assert.deepEqual(r.messages, [["buyer", "Is the blue one in stock?"], ["agent", "Yes, ships today."], ["buyer", "Great, thanks"]]);
});

test("stable ids are used, generated ones never", { skip }, async () => {
  await page_(`
    <div id=":r1:"><div id="ember123"><div id="messages"><div class="m">a</div></div></div></div>
    <div id="mat-input-0"><textarea></textarea></div><textarea id="reply"></textarea>`);
  const got = await page.evaluate(() => {
    const S = KefuContent.pickerDerive.stableSelector;
    return [S(document.getElementById("messages")), S(document.querySelector(".m")), S(document.querySelector("#mat-input-0 textarea")), S(document.getElementById("reply"))];
  });
  assert.deepEqual(got, ["#messages", ".m", "div textarea", "#reply"]);
});

test("chatscope markup: direction by the incoming/outgoing classes, text and send found", { skip }, async () => {
  const msg = (dir, pos, text) => `<div class="cs-message cs-message--${dir} cs-message--${pos}" data-cs-message=""><div class="cs-message__content-wrapper"><div class="cs-message__content"><div class="cs-message__html-content">${text}</div></div></div></div>`;
  await page_(`
    <div class="cs-main-container"><div class="cs-chat-container">
      <div class="cs-conversation-header"><div class="cs-conversation-header__content"><div class="cs-conversation-header__user-name">Emily</div></div></div>
      <div class="cs-message-list"><div class="cs-message-list__scroll-wrapper" aria-label="Chat with Emily" t-list>
        ${msg("incoming", "first", "Hello, is this in stock?")}${msg("incoming", "last", "The red one")}
        <div class="cs-message-separator">Today</div>
        ${msg("outgoing", "single", "Yes it is")}${msg("incoming", "single", "Thanks")}
      </div></div>
      <div class="cs-message-input"><div class="cs-message-input__content-editor-wrapper"><div class="cs-message-input__content-editor-container">
        <div class="cs-message-input__content-editor" contenteditable="true" t-input></div></div></div>
        <div class="cs-message-input__tools"><button class="cs-button cs-button--send" aria-label="Send message"></button></div></div>
    </div></div>`);
  const r = await derive({ buyer: ".cs-message--first .cs-message__html-content", agent: ".cs-message--outgoing .cs-message__content", input: ".cs-message-input__content-editor-wrapper", name: ".cs-conversation-header__user-name" });
  okConfig(r);
  assert.deepEqual(r.config.direction, { agent: [".cs-message--outgoing"], buyer: [".cs-message--incoming"] });
  assert.deepEqual(r.config.selectors.messageList, [".cs-message-list__scroll-wrapper"], "never the buyer's name (an aria-label with it)");
  assert.deepEqual(r.config.selectors.message, [".cs-message-list__scroll-wrapper > div.cs-message"]);
  assert.deepEqual(r.config.selectors.messageText, ["div.cs-message__html-content"]);
  assert.deepEqual(r.config.selectors.input, [".cs-message-input__content-editor"]);
  assert.deepEqual(r.config.selectors.send, ['button[aria-label="Send message"]'], "aria-label before classes");
  assert.deepEqual(r.messages, [["buyer", "Hello, is this in stock?"], ["buyer", "The red one"], ["agent", "Yes it is"], ["buyer", "Thanks"]]);
  await redraw();
  assert.deepEqual((await read(r.config)).messages, r.messages, "after a redraw");
});

test("message groups: the messages inside the groups, direction from the group", { skip }, async () => {
  const group = (dir, texts) => `<div class="cs-message-group cs-message-group--${dir}"><div class="cs-message-group__content"><div class="cs-message-group__messages">${texts.map((t) => `<div class="cs-message"><div class="cs-message__content">${t}</div></div>`).join("")}</div></div></div>`;
  await page_(`<div class="cs-message-list" t-list>${group("incoming", ["hi", "anyone there?"])}${group("outgoing", ["hello!"])}${group("incoming", ["price?"])}${group("outgoing", ["¥99", "free shipping"])}</div>
    <textarea t-input></textarea>`);
  const r = await derive({ buyer: ".cs-message-group--incoming .cs-message:nth-child(2) .cs-message__content", agent: ".cs-message-group--outgoing .cs-message__content", input: "textarea" });
  okConfig(r);
  assert.deepEqual(r.config.selectors.message, [".cs-message-list > div.cs-message-group > div.cs-message-group__content > div.cs-message-group__messages > div.cs-message"]);
  assert.deepEqual(r.config.direction, { agent: [".cs-message-group--outgoing *"], buyer: [".cs-message-group--incoming *"] });
  assert.deepEqual(r.messages, [["buyer", "hi"], ["buyer", "anyone there?"], ["agent", "hello!"], ["buyer", "price?"], ["agent", "¥99"], ["agent", "free shipping"]]);
});

test("a box per day: the list is the boxes' parent", { skip }, async () => {
  const day = (label, rows) => `<div class="day"><div class="day-label">${label}</div>${rows.map(([d, t]) => `<div class="msg msg--${d}">${t}</div>`).join("")}</div>`;
  await page_(`<div id="scroll" t-list>${day("Mon", [["in", "hi"], ["out", "hello"]])}${day("Today", [["in", "still there?"], ["out", "yes"], ["in", "ok"]])}</div><textarea t-input></textarea>`);
  const r = await derive({ buyer: ".day:nth-child(2) .msg--in", agent: ".day:nth-child(2) .msg--out", input: "textarea" });
  okConfig(r);
  assert.deepEqual(r.config.selectors.message, ["#scroll > div.day > div.msg"]);
  assert.deepEqual(r.messages.map((m) => m?.[1]), ["hi", "hello", "still there?", "yes", "ok"], "every day's messages");
});

test("same classes, bubbles left and right: direction by side, the bubble is the message", { skip }, async () => {
  const row = (right, text) => `<div class="row"${right ? ' style="justify-content:flex-end"' : ""}><div class="bubble">${text}</div></div>`;
  await page_(`<div class="chat"><div class="list" t-list>${row(false, "在吗")}${row(true, "在的亲")}${row(false, "多少钱")}${row(true, "99元")}</div><div class="editor"><textarea t-input></textarea></div></div>`,
    ".row{display:flex;padding:4px}.bubble{padding:6px 10px;background:#eee;border-radius:6px}");
  const r = await derive({ buyer: ".row:nth-child(1) .bubble", agent: ".row:nth-child(2) .bubble", input: "textarea" });
  okConfig(r);
  assert.deepEqual(r.config.direction, { by: "side" });
  assert.deepEqual(r.config.selectors.message, [".list > div.row > div.bubble"], "a full-width row sits on no side: its bubble does");
  assert.deepEqual(r.messages, [["buyer", "在吗"], ["agent", "在的亲"], ["buyer", "多少钱"], ["agent", "99元"]]);
  await redraw();
  assert.deepEqual((await read(r.config)).messages, r.messages, "after a redraw");
});

test("same classes, same side, different colours: direction by colour; other colours are no one's", { skip }, async () => {
  const row = (colour, text) => `<div class="msg"><div class="wrap"><div class="bubble"${colour ? ` style="background-color:${colour}"` : ""}>${text}</div></div></div>`;
  await page_(`<div class="list" t-list>${row("", "你好")}${row("#95ec69", "您好，有什么可以帮您")}${row("#eeeeee", "[系统] 对方已读")}${row("", "发货了吗")}${row("#95ec69", "已发货")}</div><textarea t-input></textarea>`,
    ".bubble{background:#fff;padding:6px;display:inline-block}");
  const r = await derive({ buyer: ".msg:nth-child(1) .bubble", agent: ".msg:nth-child(2) .bubble", input: "textarea" });
  okConfig(r);
  assert.deepEqual(r.config.direction, { by: "colour", agent: "rgb(149, 236, 105)", buyer: "rgb(255, 255, 255)" });
  assert.deepEqual(r.messages, [["buyer", "你好"], ["agent", "您好，有什么可以帮您"], null, ["buyer", "发货了吗"], ["agent", "已发货"]]);
  const colours = await page.evaluate(() => {
    const c = KefuContent.read.bubbleColour;
    const deep = document.createElement("div");
    deep.innerHTML = '<div><div><div><div><div style="background:red">too deep</div></div></div></div></div>';
    document.body.append(deep);
    return [c(document.querySelector(".msg")), c(document.querySelector(".msg:nth-child(2)")), c(document.querySelector("textarea")), c(deep), c(deep.querySelector("div"))];
  });
  assert.deepEqual(colours, ["rgb(255, 255, 255)", "rgb(149, 236, 105)", "rgb(255, 255, 255)", null, "rgb(255, 0, 0)"]);
});

test("two picks that look the same: a problem, no config", { skip }, async () => {
  await page_(`<div class="list" t-list><div class="msg">a</div><div class="msg">b</div><div class="msg">c</div></div><textarea t-input></textarea>`);
  const r = await derive({ buyer: ".msg:nth-child(1)", agent: ".msg:nth-child(2)", input: "textarea" });
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].field, "direction");
  assert.match(r.problems[0].reason, /look the same/);
  const same = await derive({ buyer: ".msg:nth-child(1)", agent: ".msg:nth-child(1)", input: "textarea" });
  assert.equal(same.problems[0].field, "agent", "the same message twice");
  const inList = await derive({ buyer: ".msg:nth-child(1)", agent: ".msg:nth-child(2)", input: ".msg:nth-child(3)" });
  assert.equal(inList.problems[0].field, "input", "a reply box inside the list");
  await page_(`<div class="app"><ul class="chats"><li class="chat">Lily: hi</li></ul><div class="list" t-list><div class="msg">a</div><div class="msg me">b</div></div><textarea t-input></textarea></div>`);
  const apart = await derive({ buyer: ".chat", agent: ".msg.me", input: "textarea" });
  assert.match(apart.problems[0].reason, /not in one list/, "a conversation row is not a message");
});
