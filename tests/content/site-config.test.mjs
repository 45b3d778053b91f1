// Site configs (docs/site-config.md) are checked whole, every problem named by its field; a valid
// one makes an adapter (the demo's is one).
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

const K = load("read/dom.js", "config/site-config.js", "sites/demo.js");
const demo = K.sites.find((s) => s.id === "demo");

/** A copy of the demo's config with `change` applied. */
function variant(change) {
  const c = JSON.parse(JSON.stringify(demo.config));
  change(c);
  return c;
}
// (Arrays made in the scripts' realm: copied into this one to compare.)
const fields = (c) => [...K.siteConfig.problems(c)].map((p) => p.field);

test("the demo adapter is a valid site config, and its adapter keeps its declarations", () => {
  assert.deepEqual([...K.siteConfig.problems(demo.config)], []);
  assert.equal(demo.devOnly, true);
  assert.deepEqual([...demo.patterns], ["http://127.0.0.1/*", "http://localhost/*"]);
  assert.equal(typeof demo.message, "function");
  assert.equal(typeof demo.messages, "function", "messages made from message");
});

test("every problem is named by its field, with a reason", () => {
  assert.deepEqual(fields(variant((c) => { c.id = "Bad Id"; })), ["id"]);
  assert.deepEqual(fields(variant((c) => { c.kefu_site = 2; c.extra = 1; })).sort(), ["extra", "kefu_site"]);
  assert.deepEqual(fields(variant((c) => { delete c.selectors.message; c.selectors.colour = ["x"]; })).sort(), ["selectors.colour", "selectors.message"]);
  assert.deepEqual(fields(variant((c) => { c.patterns = ["not a pattern"]; c.hosts = []; })).sort(), ["hosts", "patterns[0]"]);
  assert.deepEqual(fields(variant((c) => { c.direction = { by: "colour" }; })), ["direction"]);
  assert.deepEqual(fields(variant((c) => { c.direction = {}; })), ["direction"]);
  assert.deepEqual(fields(variant((c) => { c.buyer = { attribute: "data-x", selector: ["y"] }; })), ["buyer"]);
  assert.deepEqual(fields(variant((c) => { c.time = { from: "url" }; })), ["time"], "only the conversation may come from the address");
  assert.deepEqual(fields(variant((c) => { c.selectors.input = Array(11).fill("#x"); })), ["selectors.input"]);
  assert.deepEqual(fields("nonsense"), [""]);
  for (const p of K.siteConfig.problems(variant((c) => { c.name = ""; }))) assert.ok(p.reason.length > 5, p.reason);
  assert.throws(() => K.siteConfig.adapter(variant((c) => { c.id = ""; })), /site config : id|site config \?: id|id:/);
});
