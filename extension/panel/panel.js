// The panel page: starts the wasm Assistant (which draws everything) and connects it to the
// chat page's content script. Only glue lives here.
import init, { Assistant } from "../pkg/kefu.js";
import { connect, ownFile } from "./host.js";
import { copyText } from "./clipboard.js";
import { loadShopFiles } from "./shop-files.js";

const root = document.getElementById("kefu-root");
const html = document.documentElement;
let assistant = null;
// Listen before anything slow: the chat page hands over the pairing token as soon as this loads.
// A panel that stays unlinked (one the page made itself, or a broken link) says so.
const UNLINKED_SAY_MS = 5000;
let unlinkedTimer = setTimeout(() => assistant?.pageState(false, "unpaired"), UNLINKED_SAY_MS);
const linked = connect((paired) => {
  html.dataset.paired = String(paired);
  clearTimeout(unlinkedTimer);
  if (paired) assistant?.pageState(true, "");
  else unlinkedTimer = setTimeout(() => assistant?.pageState(false, "unpaired"), UNLINKED_SAY_MS);
});

async function main() {
  const [, files] = await Promise.all([init(), loadShopFiles(ownFile)]);
  assistant = await Assistant.create(root, navigator.language, files);
  const link = await linked;
  // Random request ids: an answer meant for an earlier panel in this frame never matches.
  const newRequestId = () => crypto.getRandomValues(new Uint32Array(1))[0];
  /** requestId → the reply, kept until the page answers (for the clipboard fallback). */
  const pending = new Map();
  // The page answers within milliseconds; silence means the link broke on the way.
  const ANSWER_WITHIN_MS = 3000;
  /** The reply did not go in: it goes on the clipboard, and the panel says which happened. */
  const copyInstead = async (text, reason) => {
    assistant.onInsertResult({ ok: false, reason: (await copyText(text)) ? reason : "not_copied" });
  };
  // (`replace`: the next or previous suggestion takes the place of the one inserted before it.)
  assistant.onInsert((conversation, text, buyer, replace) => {
    const requestId = newRequestId();
    // No link to the page now: the reply is not lost, it goes on the clipboard.
    if (!link.send({ kind: "insert", requestId, conversation, buyer, text, replace: replace ?? null })) return copyInstead(text, "unlinked_copied");
    pending.set(requestId, text);
    setTimeout(() => pending.delete(requestId) && copyInstead(text, "copied_check"), ANSWER_WITHIN_MS);
  });

  // A draft finding's rewrite: the page replaces that span of the box (if it still reads so).
  assistant.onRewrite(({ conversation, buyer, text, start, end, expected }) => {
    const requestId = newRequestId();
    link.send({ kind: "insert", requestId, conversation, buyer, text, replace: { start, end, expected } });
  });

  const showChat = ({ chat, history }) => {
    if (!chat) return;
    for (const m of history ?? []) {
      assistant.onMessage({ conversation: chat.conversation, buyer: chat.buyer, ...m });
    }
    assistant.setActive(chat.conversation, chat.buyer);
  };

  /** No insertion path worked: the reply goes on the clipboard, and the agent is told. */
  async function answered(message) {
    if (!pending.has(message.requestId)) return;
    const text = pending.get(message.requestId);
    pending.delete(message.requestId);
    if (!message.ok && (message.reason === "failed" || message.reason === "garbled")) {
      return copyInstead(text, message.reason === "garbled" ? "copied_check" : "copied");
    }
    assistant.onInsertResult(message);
  }

  link.onMessage((message) => {
    switch (message?.kind) {
      case "hello":
        assistant.setSite(String(message.site));
        showChat(message);
        break;
      case "active":
        showChat(message);
        break;
      case "message":
        assistant.onMessage(message);
        break;
      case "draft":
        assistant.checkDraft(message);
        break;
      case "insert_result":
        answered(message);
        break;
      case "health":
        assistant.pageHealth(message);
        break;
      case "command":
        // A browser shortcut the agent pressed (focus, insert a suggestion, next, phrases).
        assistant.command(String(message.command ?? ""));
        break;
      case "guard":
        assistant.pageState(Boolean(message.ok), String(message.reason ?? ""));
        break;
    }
  });
  // Settings: the extension's options page, in a tab of its own, opened by the background (not
  // in the demo's own embedding of this panel, which has no extension behind it).
  if ((globalThis.browser ?? globalThis.chrome)?.runtime?.id) {
    html.dataset.options = "true";
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[data-action="open-options"]')) link.send({ kind: "open_options" });
      // The page is not (surely) understood: the picker runs on the chat page.
      if (target?.closest('[data-action="start-picker"]')) link.send({ kind: "start_picker" });
    });
  }
  // Escape folds the panel away (the fold tab or the toggle shortcut brings it back) and gives
  // the keys back to the reply box.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented) link.send({ kind: "collapse" });
  });
  // Follow-ups fall due with time, not with messages.
  setInterval(() => assistant.tick(Date.now()), 30_000);
  html.dataset.ready = "true";
  html.dataset.storage = assistant.storageKind();
}

main().catch((error) => {
  console.error("Kefu Assist panel failed to start", error);
  root.textContent = `Kefu Assist: ${error?.message ?? error}`;
  html.dataset.ready = "error";
});
