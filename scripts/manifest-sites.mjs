// The manifest's content scripts and web-accessible resources, made from the site adapters in
// extension/content/sites/: each adapter declares the match patterns of its real chat pages
// (`patterns`) and whether its chat lives in an iframe (`allFrames`). So the hosts the extension
// runs on are exactly the adapters' hosts, and each site's knowledge stays in its adapter.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

/** The content scripts every chat page gets, in load order; `SITE` is the page's adapter. */
export const CONTENT_FILES = [
  "content/kefu.js",
  "content/read/dom.js",
  "content/config/site-config.js",
  "content/config/site-store.js",
  "SITE",
  "content/watch/coalesce.js",
  "content/watch/watch.js",
  "content/insert/detect.js",
  "content/insert/caret.js",
  "content/insert/paths.js",
  "content/insert/engine.js",
  "content/frame/placement.js",
  "content/frame/panel-frame.js",
  "content/frame/guard.js",
  "content/picker/derive.js",
  "content/picker/overlay.js",
  "content/picker/picker.js",
  "content/link/port.js",
  "content/link/source.js",
  "content/link/host.js",
  "content/main.js",
];

/**
 * The content scripts of a site the agent turned on from the toolbar (registered at run time by
 * background/sites.js from content/turned-on.json): no built-in adapter; zero-config detection
 * reads the page unless a site config covers it.
 */
export const TURNED_ON_FILES = CONTENT_FILES.flatMap((f) => (f === "SITE" ? [
  "content/detect/reply-box.js",
  "content/detect/message-list.js",
  "content/detect/direction.js",
  "content/detect/conversation.js",
  "content/detect/detect.js",
] : [f]));

/**
 * The adapters' declarations, read by running each adapter file against an empty registry (and
 * the site-config reader, as adapters made from a config call it).
 */
export function adapters(extensionDir) {
  const dir = join(extensionDir, "content", "sites");
  const registry = readFileSync(join(extensionDir, "content", "kefu.js"), "utf8");
  const configs = readFileSync(join(extensionDir, "content", "config", "site-config.js"), "utf8");
  return readdirSync(dir).filter((f) => f.endsWith(".js")).sort().map((file) => {
    const sandbox = vm.createContext({});
    vm.runInContext(registry, sandbox, { filename: "kefu.js" });
    vm.runInContext(configs, sandbox, { filename: "site-config.js" });
    vm.runInContext(readFileSync(join(dir, file), "utf8"), sandbox, { filename: file });
    const [site] = sandbox.KefuContent.sites;
    if (!site?.id || !Array.isArray(site.patterns) || site.patterns.length === 0) {
      throw new Error(`${file}: an adapter must declare its id and its match patterns`);
    }
    return { file: `content/sites/${file}`, id: site.id, patterns: [...site.patterns], allFrames: site.allFrames === true, devOnly: site.devOnly === true };
  });
}

/**
 * {content_scripts, web_accessible_resources} for the manifest, from `adapters()`'s list.
 * `store`: for the packages shops install from the browsers' stores, without the adapters for
 * this machine only (the demo).
 */
export function contentScripts(all, { store = false } = {}) {
  const sites = all.filter((s) => !(store && s.devOnly));
  const demo = sites.find((s) => s.id === "demo");
  return {
    content_scripts: [
      // The demo workbench learns before its own scripts run that the extension is here.
      ...(demo ? [{ matches: demo.patterns, js: ["content/announce.js"], run_at: "document_start" }] : []),
      ...sites.map((s) => ({
        matches: s.patterns,
        js: CONTENT_FILES.map((f) => (f === "SITE" ? s.file : f)),
        run_at: "document_idle",
        ...(s.allFrames ? { all_frames: true } : {}),
      })),
    ],
    // The panel frame is shown on the adapters' chat pages and on any site the agent turns on
    // from the toolbar (known only at run time): any http(s) page may frame it. Pairing still
    // needs the one-time token only our content script holds (background.js); a page can at most
    // tell that the extension is installed.
    web_accessible_resources: [{
      resources: ["panel/panel.html", "panel/panel.css", "panel/*.js", "pkg/kefu.js", "pkg/kefu_bg.wasm"],
      matches: ["https://*/*", "http://*/*"],
    }],
  };
}
