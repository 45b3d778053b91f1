// The panel page: starts the wasm Assistant (which draws everything) and connects it to the
// chat page's content script. Only glue lives here.
import init, { Assistant } from "../pkg/kefu.js";
import { connect, ownFile } from "./host.js";
import { loadShopFiles } from "./shop-files.js";

const root = document.getElementById("kefu-root");
// Listen before anything slow: the chat page connects as soon as this frame loads.
const linked = connect();

async function main() {
  const [, files] = await Promise.all([init(), loadShopFiles(ownFile)]);
  const assistant = await Assistant.create(root, navigator.language, files);
  const link = await linked;
  let nextRequest = 1;
  assistant.onInsert((conversation, text) => {
    link.send({ kind: "insert", requestId: nextRequest++, conversation, text });
  });

  const showChat = ({ chat, history }) => {
    if (!chat) return;
    for (const m of history ?? []) {
      assistant.onMessage({ conversation: chat.conversation, buyer: chat.buyer, ...m });
    }
    assistant.setActive(chat.conversation, chat.buyer);
  };

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
        assistant.onInsertResult(message);
        break;
    }
  });
  // Follow-ups fall due with time, not with messages.
  setInterval(() => assistant.tick(Date.now()), 30_000);
  document.documentElement.dataset.ready = "true";
  document.documentElement.dataset.storage = assistant.storageKind();
}

main().catch((error) => {
  console.error("Kefu Assist panel failed to start", error);
  root.textContent = `Kefu Assist: ${error?.message ?? error}`;
  document.documentElement.dataset.ready = "error";
});
