// What adapters read from a page is untrusted: ids and times are validated, text bounded.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

const { read } = load("read/dom.js");

test("times: platform formats in local time, ms or s; anything unbelievable is the fallback", () => {
  const at = new Date(2026, 10, 28, 14, 2, 10).getTime();
  assert.equal(read.time("2026年11月28日 14:02:10", 0), at);
  assert.equal(read.time("2026-11-28 14:02:10", 0), at);
  assert.equal(read.time(String(at), 0), at);
  assert.equal(read.time(String(at / 1000), 0), at);
  for (const bad of ["1.5", "1e20", "9007199254740991", "-5", "", "tomorrow", null, undefined, 1.5, Infinity, NaN, "99999-01-01"]) {
    assert.equal(read.time(bad, 7), 7, `${bad}`);
  }
  assert.equal(read.time(Date.now() + 30 * 86_400_000, 7), 7, "not from the future");
});

test("ids: trimmed, bounded, no spaces or control characters", () => {
  assert.equal(read.id(" u_123 "), "u_123");
  for (const bad of ["", "   ", "a b", "x".repeat(129), "a\u0000b", 42, null, undefined, {}]) {
    assert.equal(read.id(bad), null, JSON.stringify(bad));
  }
  assert.equal(read.id("x".repeat(128)), "x".repeat(128));
});

test("text: bounded by code points, control characters dropped", () => {
  assert.equal(read.bounded("a\u0007b\u0000c", 10), "abc");
  assert.equal(read.bounded("😀".repeat(5), 3), "😀😀😀");
  assert.equal([...read.bounded("字".repeat(5000), read.LIMITS.text)].length, read.LIMITS.text);
});

test("hash ids are stable and differ for different input", () => {
  assert.equal(read.hashId("buyer|你好|1"), read.hashId("buyer|你好|1"));
  assert.notEqual(read.hashId("buyer|你好|1"), read.hashId("buyer|你好|2"));
});
