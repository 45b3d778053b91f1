// The picker's selector rules that need no page: which class tokens and ids a build made (never
// in a selector: they change at the next release), which attribute values name a kind of element,
// the site id from the hostname. The rest (selectors, derive) runs in Chromium:
// picker-derive-browser.test.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

// Loads without a DOM: document, CSS and getComputedStyle are only touched inside functions.
const K = load("read/dom.js", "config/site-config.js", "picker/derive.js");
const P = K.pickerDerive;

test("each hash rule catches what it is for", () => {
  const cases = {
    "too-long": "a".repeat(61),
    "digit-first": "3kd9a",
    "css-in-js": ["css-1x2y3z", "css-1x2y3z-Button", "emotion-0", "sc-bdfBwQ", "jsx-123", "svelte-1xyz2ab", "astro-J7PV25F6", "jss12", "makeStyles-root-12"],
    "css-modules": ["Button_primary__3kd9a", "styles_root__aB3dE", "LayoutDefaultWrapper_msgBody__1aB2c"],
    "underscore-hash": ["_3kd9a", "_1x2y", "_abcde"],
    atomic: ["x1n2onr6", "x78zum5", "xdt5ytf"],
    "digit-run": ["msg-1700000000", "item-2931"],
    "mixed-run": ["a1b2c3", "item-n2onr6"],
    hex: ["deadbeef01", "row-abcdef12"],
    base64: ["ZaHBVjSXbxWq7Dmd"],
    consonants: ["bdfBwQ", "hXqrNc", "gKsMBz", "IZLhnc", "bdfqwt"],
    "random-case": ["bdVaJa", "kJeFDm", "cjTBeA", "fvvEOJ", "HQooeg", "cxrIoh", "aBgial"],
  };
  for (const [rule, tokens] of Object.entries(cases)) {
    for (const t of [tokens].flat()) {
      assert.equal(P.hashedBy(t), rule, `${t} by ${rule}`);
      assert.equal(P.isHashedClass(t), true, t);
    }
  }
  // Every rule has a case above (a new rule gets one).
  assert.deepEqual([...P.HASH_RULES].map(([name]) => name).sort(), Object.keys(cases).sort());
});

test("class names people write are not hashed", () => {
  const written = ["message", "cs-message", "cs-message--incoming", "cs-message__content", "cs-message__content-wrapper",
    "chat-input", "msg", "btn", "msgBtn", "MsgItem", "col-6", "mt-4", "bg-blue-500", "grid-cols-12", "w-1/2", "h5", "messageIsMe",
    "messageNotMe", "buyer-item", "onemsg", "ChatMessageList", "ChatMessageList-ContentWrap", "ant-btn-primary", "ql-editor",
    "isMine", "el-input__inner", "message_left", "NavBar", "ww_message", "rc-scrollbars-view", "text-sm", "self", "cs-item",
    "send-btn", "reply-box", "message--agent", "justify-end", "bubble", "avatar", "van-cell", "weui-btn", "chat-head-name",
    "c-wrap", "t-chat-scroll", "strength", "scrollbar", "kf-hdr"];
  for (const t of written) assert.equal(P.hashedBy(t), "", t);
  // The price of the rules, accepted: a few hand-written names count as hashed (a longer
  // selector, never a broken one).
  for (const t of ["iPhone", "HTMLBox", "iconXL", "lengths"]) assert.equal(P.isHashedClass(t), true, t);
});

test("state classes are told apart (they come and go with a hover or a selection)", () => {
  for (const t of ["active", "is-active", "selected", "hover", "focused", "ng-star-inserted", "fade-enter-active", "read", "unread", "hidden"]) {
    assert.equal(P.isStateClass(t), true, t);
  }
  for (const t of ["message", "cs-message--incoming", "self", "bubble", "reader"]) assert.equal(P.isStateClass(t), false, t);
});

test("generated ids are never used: counters, uuids, hashes, React's useId", () => {
  for (const id of [":r1:", "«r2»", "_r_3_", "radix-:r2:", "ember123", "mat-input-0", "react-select-2-input", "msg-1700000000",
    "550e8400-e29b-41d4-a716-446655440000", "a3f9c2d1", "yui_3_5_1", "ext-gen12", "css-1x2y3z", "", "a b", "x".repeat(65)]) {
    assert.equal(P.isGeneratedId(id), true, JSON.stringify(id));
  }
  for (const id of ["root", "app", "app2", "chat-input", "messages", "h5-root", "msgListContainer", "replyTextarea"]) {
    assert.equal(P.isGeneratedId(id), false, id);
  }
});

test("attribute values: a kind's words, not one instance's", () => {
  for (const v of ["qa-message-warpper", "webchat-message-content", "send message", "发送", "1", "true", ""]) assert.equal(P.isStableValue(v), true, v);
  for (const v of ["msg-123", "1700000000", "550e8400-e29b-41d4-a716-446655440000", "css-1x2y3z", "a\nb", "x".repeat(61)]) {
    assert.equal(P.isStableValue(v), false, v);
  }
});

test("the site id and name come from the hostname", () => {
  assert.match(P.siteId("shop.example.com"), /^shop-example-com-[a-z0-9]{1,7}$/);
  assert.match(P.siteId("127.0.0.1"), /^127-0-0-1-[a-z0-9]+$/);
  assert.match(P.siteId("-x--y-.com"), /^x-y-com-[a-z0-9]+$/);
  assert.equal(P.siteId("shop.example.com"), P.siteId("SHOP.example.com"), "the same site, the same id");
  // Names alike once punctuation is folded, or alike in their first 40 characters, stay apart.
  assert.notEqual(P.siteId("chat.example.com"), P.siteId("chat-example.com"));
  assert.notEqual(P.siteId("a".repeat(39) + ".b.com"), P.siteId("a".repeat(39) + ".b.cn"));
  for (const h of ["a".repeat(39) + ".b.com", "", "x"]) assert.ok(P.siteId(h).length <= 40 && /^[a-z0-9][a-z0-9-]*$/.test(P.siteId(h)), P.siteId(h));
  for (const host of ["shop.example.com", "a".repeat(60) + ".com", "xn--fiqs8s.cn"]) {
    assert.match(P.siteId(host), /^[a-z0-9][a-z0-9-]{0,39}$/, host);
  }
});

test("the address names the chat when it holds an id-like part", () => {
  for (const where of ["/chat/123456", "/im#/c/u_8f2k3j9x", "/conv/550e8400-e29b-41d4-a716-446655440000"]) assert.equal(P.addressNamesChat(where), true, where);
  for (const where of ["/chat", "/workbench/index.html", "/im#/inbox", ""]) assert.equal(P.addressNamesChat(where), false, where);
});

test("side words in markers: outgoing/self/right are the agent's, incoming/other/left the buyer's", () => {
  assert.equal(P.sideWord("cs-message--outgoing"), "agent");
  assert.equal(P.sideWord("cs-message--incoming"), "buyer");
  assert.equal(P.sideWord("messageIsMe"), "agent");
  assert.equal(P.sideWord("messageNotMe"), "buyer");
  assert.equal(P.sideWord("message_left"), "buyer");
  assert.equal(P.sideWord("bubble"), null);
});
