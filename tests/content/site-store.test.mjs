// The agent's site configs and the shop's presets (config/site-store.js): which config a page
// gets, and imports taken whole or not at all, each error with its line, field and reason.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

const K = load("read/dom.js", "config/site-config.js", "config/site-store.js", "sites/demo.js");
const S = K.siteStore;
const demo = JSON.parse(JSON.stringify(K.sites.find((s) => s.id === "demo").config));
const copy = (v) => JSON.parse(JSON.stringify(v));
const shopConfig = (id, pattern) => ({ ...copy(demo), id, name: id, hosts: [new URL(pattern.replace("*.", "")).hostname], patterns: [pattern] });

test("match patterns: scheme, host wildcards, paths, ports", () => {
  const t = (p, url) => S.matchesPattern(p, url);
  assert.ok(t("https://chat.example.com/*", "https://chat.example.com/im?x=1"));
  assert.ok(!t("https://chat.example.com/*", "http://chat.example.com/"));
  assert.ok(!t("https://chat.example.com/*", "https://chat.example.com.evil.test/"));
  assert.ok(t("*://*.example.com/chat/*", "http://a.b.example.com/chat/1"));
  assert.ok(t("*://*.example.com/chat/*", "https://example.com/chat/"));
  assert.ok(!t("*://*.example.com/chat/*", "https://example.com/other"));
  assert.ok(t("http://127.0.0.1/*", "http://127.0.0.1:8080/"), "a pattern without a port matches any port");
  assert.ok(!t("nonsense", "https://x/"));
  assert.ok(!t("https://*.example.com/*", "https://evil-example.com/"));
  assert.ok(t("https://chat.example.com/im/*", "https://chat.example.com/im/?a=1"), "the query is part of the path");
});

test("a pattern full of stars costs the page nothing (no backtracking)", () => {
  const pattern = `https://x.test/${"*a".repeat(30)}b`;
  const href = `https://x.test/${"a".repeat(4000)}`;
  const started = Date.now();
  assert.equal(S.matchesPattern(pattern, href), false);
  // Linear in practice: a backtracking matcher takes years here.
  assert.ok(Date.now() - started < 500, `${Date.now() - started} ms`);
});

test("a page gets the agent's own config before the shop's", () => {
  const own = shopConfig("mine", "https://chat.example.com/*");
  const shop = shopConfig("shop", "https://*.example.com/*");
  const loaded = { own: [own], shop: [shop] };
  assert.equal(S.forPage(loaded, "https://chat.example.com/x").from, "own");
  assert.equal(S.forPage(loaded, "https://help.example.com/x").from, "shop");
  assert.equal(S.forPage(loaded, "https://other.test/"), null);
});

test("a stored value is checked whole: duplicate ids, bad configs, the wrong shape", () => {
  const good = { kefu_sites: 1, configs: [shopConfig("a", "https://a.test/*"), shopConfig("b", "https://b.test/*")] };
  assert.deepEqual([...S.check(good).problems], []);
  assert.equal(S.check(good).configs.length, 2);
  const dup = copy(good);
  dup.configs[1].id = "a";
  assert.deepEqual([...S.check(dup).problems].map((p) => p.field), ["configs[1].id"]);
  assert.equal(S.check(dup).configs.length, 0, "nothing of a bad file is kept");
  const bad = copy(good);
  delete bad.configs[0].selectors.message;
  bad.extra = true;
  assert.deepEqual([...S.check(bad).problems].map((p) => p.field).sort(), ["configs[0].selectors.message", "extra"]);
  assert.deepEqual([...S.check("x").problems].map((p) => p.field), [""]);
  // The shop's policy holds a plain list.
  assert.deepEqual([...S.check([shopConfig("a", "https://a.test/*")]).problems], []);
});

test("the line of an error in a single config, and of a field that is missing", () => {
  const one = shopConfig("solo", "https://solo.test/*");
  one.hosts = ["a.test", 5];
  const text = JSON.stringify(one, null, 2);
  const [p] = S.parse(text).problems;
  assert.equal(p.field, "[0].hosts[1]");
  assert.equal(p.line, text.split("\n").findIndex((l) => l.trim() === "5") + 1, "the line of the 5, not of another list");
  const two = { kefu_sites: 1, configs: [shopConfig("a", "https://a.test/*"), shopConfig("b", "https://b.test/*")] };
  delete two.configs[0].selectors.message;
  const text2 = JSON.stringify(two, null, 2);
  const [q] = S.parse(text2).problems;
  assert.equal(q.field, "configs[0].selectors.message");
  assert.equal(q.line, text2.split("\n").findIndex((l) => l.includes('"selectors"')) + 1, "the object that lacks it, not the next config's field");
});

test("an import names the line of each error, and a single config is a file of one", () => {
  const file = { kefu_sites: 1, configs: [shopConfig("a", "https://a.test/*"), shopConfig("b", "https://b.test/*")] };
  file.configs[1].selectors.input = [];
  const text = JSON.stringify(file, null, 2);
  const { configs, problems } = S.parse(text);
  assert.equal(configs.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].field, "configs[1].selectors.input");
  const line = text.split("\n").findIndex((l) => l.includes('"input": []')) + 1;
  assert.equal(problems[0].line, line, `the line of the second config's input (${line})`);
  const one = S.parse(JSON.stringify(shopConfig("solo", "https://solo.test/*")));
  assert.deepEqual([...one.problems], []);
  assert.equal(one.configs.length, 1);
  const broken = S.parse('{\n  "kefu_sites": 1,\n  "configs": [\n    oops\n  ]\n}');
  assert.equal(broken.configs.length, 0);
  assert.match(broken.problems[0].reason, /not JSON/);
  assert.ok(broken.problems[0].line >= 3, `line ${broken.problems[0].line}`);
});

test("the export file imports back to the same configs", () => {
  const configs = [shopConfig("a", "https://a.test/*")];
  const back = S.parse(S.exportText(configs));
  assert.deepEqual([...back.problems], []);
  assert.deepEqual(copy(back.configs), configs);
});
