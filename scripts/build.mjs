// Assembles what `make build` produces from the wasm-pack output in target/wasm-pkg{,-options}:
//   dist/extension/  the loadable extension (Chrome: "Load unpacked"; Firefox: about:debugging)
//   dist/www/        the demo workbench, its scenarios, and a copy of the extension's panel the
//                    page embeds when the extension is not installed.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TURNED_ON_FILES, adapters, contentScripts } from "./manifest-sites.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "target", "wasm-pkg");
// The options page's own module (Makefile: `wasm`), beside the panel's.
const optionsPkg = join(root, "target", "wasm-pkg-options");
const modules = [
  [pkg, ["kefu.js", "kefu_bg.wasm"]],
  [optionsPkg, ["kefu_options.js", "kefu_options_bg.wasm"]],
];
const dist = join(root, "dist");
const ext = join(dist, "extension");
const www = join(dist, "www");

for (const [dir, files] of modules) {
  for (const file of files) {
    if (!existsSync(join(dir, file))) {
      console.error(`build: ${join(dir, file)} is missing; run wasm-pack first (make build does).`);
      process.exit(1);
    }
  }
}

rmSync(dist, { recursive: true, force: true });

// The extension: its sources plus the wasm module and its JS glue.
// (tsconfig.json only tells `tsc` how to check the sources: not part of the extension.)
cpSync(join(root, "extension"), ext, { recursive: true, filter: (src) => !src.endsWith("tsconfig.json") });
// Where the content scripts run comes from the site adapters themselves (their `patterns`):
// exactly the chat pages we have an adapter for, nothing wider.
const manifestPath = join(ext, "manifest.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const siteAdapters = adapters(join(root, "extension"));
Object.assign(manifest, contentScripts(siteAdapters));
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
// What a site turned on from the toolbar gets (background/sites.js registers it).
writeFileSync(join(ext, "content", "turned-on.json"), JSON.stringify(TURNED_ON_FILES) + "\n");
mkdirSync(join(ext, "pkg"));
for (const [dir, files] of modules) for (const file of files) cpSync(join(dir, file), join(ext, "pkg", file));
// The shop the panel advises for (the demo shop until the options page imports one) and the
// reply packs: data files, not compiled in, so the wasm stays small and shops can replace them.
cpSync(join(root, "data", "demo"), join(ext, "data", "shop"), { recursive: true });
cpSync(join(root, "data", "packs"), join(ext, "data", "packs"), { recursive: true });
cpSync(join(root, "data", "guides"), join(ext, "data", "guides"), { recursive: true });
const guideFiles = readdirSync(join(root, "data", "guides")).filter((f) => f.endsWith(".json")).sort();
writeFileSync(join(ext, "data", "guides", "index.json"), JSON.stringify(guideFiles));

// The store packages (what goes to the Chrome Web Store and addons.mozilla.org; `make lint`
// checks Firefox's): the same files without the demo's adapter (it runs on 127.0.0.1), and each
// with the background its browser runs (Chrome a service worker, Firefox an event page).
const devAdapters = siteAdapters.filter((s) => s.devOnly);
for (const [browser, drop] of [["chrome", "scripts"], ["firefox", "service_worker"]]) {
  const dir = join(dist, "store", browser);
  cpSync(ext, dir, { recursive: true });
  for (const s of devAdapters) rmSync(join(dir, s.file));
  if (devAdapters.some((s) => s.id === "demo")) rmSync(join(dir, "content", "announce.js"));
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  Object.assign(m, contentScripts(siteAdapters, { store: true }));
  delete m.background[drop];
  if (browser === "chrome") delete m.browser_specific_settings;
  // Firefox reads a shop's presets from its enterprise policy or a managed-storage manifest, not
  // from a schema in the extension (docs/site-config.md).
  if (browser === "firefox") delete m.storage;
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
}

// The demo workbench, with every scenario in one file for the simulator.
const devOnly = join(root, "www", "dev");
cpSync(join(root, "www"), www, { recursive: true, filter: (src) => src !== devOnly && !src.startsWith(devOnly + "/") });
const scenarioDir = join(root, "data", "scenarios");
const scenarios = readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(scenarioDir, f), "utf8")));
writeFileSync(join(www, "scenarios.json"), JSON.stringify({ scenarios }));

// The panel the page embeds without the extension: same files, with the demo page as its host.
cpSync(ext, join(www, "ext"), { recursive: true });
cpSync(join(root, "www", "dev", "host.js"), join(www, "ext", "panel", "host.js"));

console.log(`build: extension in ${ext} (Chrome and Firefox; store packages in ${join(dist, "store")})`);
console.log(`build: demo page in ${www} (${scenarios.length} scenarios)`);
