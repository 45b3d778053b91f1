// The panel's first spot: the largest that covers none of the reply box, the send button and the
// newest message; folded when there is no room.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

const { placement } = load("frame/placement.js");
const WANT = { width: 380, height: 640 };
const MIN = { width: 300, height: 260 };
const box = (left, top, width, height) => ({ left, top, right: left + width, bottom: top + height });
const overlapsAny = (spot, boxes) => boxes.some((b) => placement.overlaps(
  { left: spot.left, top: spot.top, right: spot.left + spot.width, bottom: spot.top + spot.height }, b));

test("a workbench with the reply box across the bottom of the middle column", () => {
  for (const [w, h] of [[1366, 768], [1920, 1080]]) {
    const reply = box(280, h - 180, w - 280 - 300, 140);
    const send = box(w - 300 - 90, h - 60, 72, 32);
    const newest = box(300, h - 240, 260, 40);
    const spot = placement.place({ width: w, height: h }, [reply, send, newest], WANT, MIN);
    assert.ok(spot, `${w}×${h}: a spot`);
    assert.ok(!overlapsAny(spot, [reply, send, newest]), `${w}×${h}: ${JSON.stringify(spot)}`);
    assert.ok(spot.width >= MIN.width && spot.height >= MIN.height);
    assert.ok(spot.left >= 0 && spot.top >= 0 && spot.left + spot.width <= w && spot.top + spot.height <= h);
  }
});

test("the right-hand side is preferred when both sides are free", () => {
  const spot = placement.place({ width: 1366, height: 768 }, [box(400, 600, 500, 120)], WANT, MIN);
  assert.ok(spot.left > 683, JSON.stringify(spot));
});

test("no room: no spot (the panel starts folded)", () => {
  const everything = box(0, 0, 800, 600);
  assert.equal(placement.place({ width: 800, height: 600 }, [everything], WANT, MIN), null);
});

test("a saved spot is brought inside a smaller window", () => {
  const spot = placement.clamp({ left: 1700, top: 900, width: 380, height: 640 }, { width: 1366, height: 768 }, MIN);
  assert.ok(spot.left + spot.width <= 1366 && spot.top + spot.height <= 768, JSON.stringify(spot));
  assert.ok(spot.width >= MIN.width && spot.height >= MIN.height);
});
