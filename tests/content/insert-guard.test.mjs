// An insert goes only into the chat it was meant for: the same conversation AND the same buyer
// (a page may reuse a conversation id for another buyer), checked before the reply box is touched.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./load.mjs";

const K = load("insert/engine.js");

/** A page whose open chat is `chat`; touching its reply box fails the test. */
function page(chat) {
  return {
    activeChat: () => chat,
    input: () => assert.fail("the reply box must not be touched"),
  };
}

test("a reply for another buyer under the same conversation id is refused", async () => {
  const site = page({ conversation: "c1", buyer: "buyer-B" });
  for (const request of [
    { conversation: "c1", buyer: "buyer-A", text: "亲 给您备注好了" },
    { conversation: "c1", text: "no buyer named" },
    { conversation: "c2", buyer: "buyer-B", text: "another conversation" },
  ]) {
    const result = await K.insertReply(site, /** @type {any} */ ({}), request, /** @type {any} */ ({}));
    // (Made in another realm: compared by value.)
    assert.deepEqual({ ...result }, { ok: false, reason: "switched", conversation: request.conversation }, JSON.stringify(request));
  }
});
