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

test("direction by colour: both colours, as the browser computes them, and different", () => {
  const colour = (agent, buyer, extra = {}) => variant((c) => { c.direction = { by: "colour", agent, buyer, ...extra }; });
  assert.deepEqual(fields(colour("rgb(149, 236, 105)", "rgb(255, 255, 255)")), []);
  assert.deepEqual(fields(colour("rgba(0, 0, 0, 0.5)", "rgb(255,255,255)")), [], "rgba, and no spaces");
  assert.deepEqual(fields(variant((c) => { c.direction = { by: "colour", agent: "rgb(149, 236, 105)" }; })), ["direction"], "the buyer's is needed too");
  assert.deepEqual(fields(colour("#95ec69", "rgb(255, 255, 255)")), ["direction.agent"], "hex is not how the browser computes it");
  assert.deepEqual(fields(colour("green", "rgb(300, 0, 0)")).sort(), ["direction.agent", "direction.buyer"]);
  assert.deepEqual(fields(colour("rgb(1, 2)", "rgba(1, 2, 3, 2)")).sort(), ["direction.agent", "direction.buyer"]);
  assert.deepEqual(fields(colour("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")), ["direction.agent"], "transparent marks nothing");
  assert.deepEqual(fields(colour("rgb(1, 2, 3)", "rgba(1, 2, 3, 1)")), ["direction"], "the same colour twice");
  assert.deepEqual(fields(colour("rgb(1, 2, 3)", "rgb(3, 2, 1)", { side: "left" })), ["direction.side"]);
  // A shop's policy schema types both sides as lists: a list of one colour is that colour.
  assert.deepEqual(fields(colour(["rgb(1, 2, 3)"], ["rgb(3, 2, 1)"])), [], "a list of one colour");
  assert.deepEqual(fields(colour(["rgb(1, 2, 3)", "rgb(3, 2, 1)"], "rgb(3, 2, 1)")), ["direction.agent"], "one colour, not two");
  const [bad] = K.siteConfig.problems(colour("#95ec69", "rgb(255, 255, 255)"));
  assert.match(bad.reason, /rgb\(r, g, b\)/);
  assert.match(bad.reason, /rgba\(r, g, b, a\)/);
  assert.equal(K.siteConfig.colourKey("rgba(1, 2, 3, 1)"), K.siteConfig.colourKey("rgb(1,2,3)"));
  assert.notEqual(K.siteConfig.colourKey("rgba(1, 2, 3, 0.5)"), K.siteConfig.colourKey("rgb(1, 2, 3)"));
  assert.equal(K.siteConfig.colourKey("#010203"), null);
  const site = K.siteConfig.adapter(colour("rgb(149, 236, 105)", "rgb(255, 255, 255)"));
  assert.equal(typeof site.message, "function", "an adapter is made (its reading is tested in picker-derive-browser)");
});

test("the direction's reason names its three forms", () => {
  for (const direction of [undefined, "side", { by: "size" }]) {
    const [p] = K.siteConfig.problems(variant((c) => { c.direction = direction; }));
    assert.equal(p.field, "direction", JSON.stringify(direction));
    for (const form of ['{"agent": [', '{"by": "side"}', '{"by": "colour", "agent": "rgb(']) assert.ok(p.reason.includes(form), `${p.reason} names ${form}`);
  }
  assert.deepEqual(fields(variant((c) => { c.direction = { by: "side", agent: [".x"] }; })), ["direction"], "side stands alone");
});
