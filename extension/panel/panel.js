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
const linked = connect((paired) => {
  html.dataset.paired = String(paired);
  if (paired) assistant?.pageState(true, "");
});

async function main() {
  const [, files] = await Promise.all([init(), loadShopFiles(ownFile)]);
  assistant = await Assistant.create(root, navigator.language, files);
  const link = await linked;
  let nextRequest = 1;
  /** requestId → the reply, kept until the page answers (for the clipboard fallback). */
  const pending = new Map();
  assistant.onInsert((conversation, text, buyer) => {
    const requestId = nextRequest++;
    pending.set(requestId, text);
    link.send({ kind: "insert", requestId, conversation, buyer, text });
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
    const text = pending.get(message.requestId);
    pending.delete(message.requestId);
    if (!message.ok && (message.reason === "failed" || message.reason === "garbled") && text !== undefined) {
      const copied = await copyText(text);
      const reason = !copied ? "not_copied" : message.reason === "garbled" ? "copied_check" : "copied";
      assistant.onInsertResult({ ok: false, reason });
      return;
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
      case "insert_result":
        answered(message);
        break;
      case "guard":
        assistant.pageState(Boolean(message.ok), String(message.reason ?? ""));
        break;
    }
  });
  // Escape folds the panel away (the fold tab or Alt+Shift+K brings it back).
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
