// The options page: the wasm draws and runs it; this only starts it with the packaged files.
import init, { OptionsPage } from "../pkg/kefu_options.js";
import { ownFile } from "../panel/host.js";
import { loadShopFiles } from "../panel/shop-files.js";

const root = document.getElementById("kefu-options-root");
// Held for the page's lifetime: a collected handle frees the Rust side, whose teardown removes
// the page's click handler (every button would go dead after the next garbage collection).
let page = null;

async function main() {
  const [, files] = await Promise.all([init(), loadShopFiles(ownFile)]);
  page = await OptionsPage.create(root, navigator.language, files);
  document.documentElement.dataset.ready = "true";
}

main().catch((error) => {
  console.error("Kefu Assist options failed to start", error);
  root.textContent = `Kefu Assist: ${error?.message ?? error}`;
  document.documentElement.dataset.ready = "error";
});
