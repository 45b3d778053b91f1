// The options page's "Chat sites" section: the sites turned on from the toolbar and the config
// each runs with (the agent's own, the shop's preset, or detection), the agent's configs with
// delete, import and export (one JSON file, taken whole or not at all: every error with its line,
// field and reason), and the shop's presets, read-only. Formats: docs/site-config.md.
const ext = globalThis.browser ?? globalThis.chrome;
const store = globalThis.KefuContent.siteStore;
const say = (/** @type {string} */ key, /** @type {string[]} */ ...subs) => ext.i18n.getMessage(key, subs) || key;
const root = /** @type {HTMLElement} */ (document.getElementById("kefu-sites-root"));

/** @param {string} tag @param {string} [cls] @param {string} [words] */
function el(tag, cls, words) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (words !== undefined) e.textContent = words;
  return e;
}

/** @param {string} action @param {string} words */
function button(action, words) {
  const b = /** @type {HTMLButtonElement} */ (el("button", "opt-button", words));
  b.type = "button";
  b.dataset.action = action;
  return b;
}

const section = el("section", "opt-sites");
section.append(el("h2", "", say("sitesTitle")), el("p", "opt-help", say("sitesHelp")));
const onList = el("ul", "opt-buyers");
onList.dataset.list = "turned-on";
const ownList = el("ul", "opt-buyers");
ownList.dataset.list = "own";
const shopList = el("ul", "opt-buyers");
shopList.dataset.list = "shop";
const file = /** @type {HTMLInputElement} */ (el("input"));
file.type = "file";
file.accept = ".json,application/json";
file.dataset.action = "import-sites-file";
file.hidden = true;
const status = el("p", "opt-status");
status.setAttribute("role", "status");
status.dataset.for = "sites";
section.append(
  el("h3", "", say("sitesTurnedOn")), onList,
  el("h3", "", say("sitesOwn")), ownList,
  button("export-sites", say("sitesExport")), button("import-sites", say("sitesImport")), file,
  el("h3", "", say("sitesShop")), shopList,
  status,
);
root.append(section);

/** @param {string} words @param {boolean} ok */
function tell(words, ok) {
  status.textContent = words;
  status.dataset.ok = String(ok);
}

async function render() {
  const [{ origins }, loaded] = await Promise.all([ext.runtime.sendMessage({ kind: "sites" }), store.load()]);
  onList.replaceChildren();
  for (const origin of /** @type {string[]} */ (origins)) {
    const li = el("li", "opt-buyer");
    li.dataset.origin = origin;
    const page = origin.replace(/\*$/, "");
    const used = store.forPage(loaded, page);
    li.append(el("span", "opt-buyer-key", origin.replace(/\/\*$/, "")),
      el("span", "opt-field", used ? `${used.from === "own" ? say("sitesByOwn") : say("sitesByShop")}: ${used.config.name}` : say("sitesByDetection")));
    const off = button("site-off", say("popupTurnOff"));
    off.dataset.origin = origin;
    li.append(off);
    onList.append(li);
  }
  if (!origins.length) onList.append(el("li", "opt-help", say("sitesNone")));
  ownList.replaceChildren();
  for (const c of loaded.own) {
    const li = el("li", "opt-buyer");
    li.dataset.id = c.id;
    li.append(el("span", "opt-buyer-key", c.name), el("span", "opt-field", c.patterns.join(" ")));
    const del = button("delete-site-config", say("sitesDelete"));
    del.dataset.id = c.id;
    li.append(del);
    ownList.append(li);
  }
  if (!loaded.own.length) ownList.append(el("li", "opt-help", say("sitesNone")));
  shopList.replaceChildren();
  for (const c of loaded.shop) {
    const li = el("li", "opt-buyer");
    li.dataset.id = c.id;
    li.append(el("span", "opt-buyer-key", c.name), el("span", "opt-field", c.patterns.join(" ")));
    shopList.append(li);
  }
  if (!loaded.shop.length) shopList.append(el("li", "opt-help", say("sitesNone")));
  for (const t of loaded.trouble) tell(t, false);
  return loaded;
}

section.addEventListener("click", async (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
  const action = target?.getAttribute("data-action");
  try {
    if (action === "export-sites") {
      const { own } = await store.load();
      const url = URL.createObjectURL(new Blob([store.exportText(own)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "kefu-sites.json";
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      tell(say("sitesExported", String(own.length)), true);
    } else if (action === "import-sites") {
      file.click();
    } else if (action === "delete-site-config") {
      await store.remove(String(target?.getAttribute("data-id")));
      tell(say("sitesDeleted"), true);
    } else if (action === "site-off") {
      const done = await ext.runtime.sendMessage({ kind: "site_off", origin: target?.getAttribute("data-origin") });
      if (done?.ok) tell(say("sitesTurnedOff"), true);
      else tell(say("popupFailed", String(done?.error ?? "")), false);
    } else {
      return;
    }
  } catch (error) {
    tell(say("popupFailed", String(/** @type {any} */ (error)?.message ?? error)), false);
  }
  await redraw();
});

file.addEventListener("change", async () => {
  const chosen = file.files?.[0];
  file.value = "";
  if (!chosen) return;
  const { configs, problems } = store.parse(await chosen.text());
  if (problems.length) {
    // Nothing is imported: every error, with its line, field and reason.
    tell(`${say("sitesImportRefused")}\n${problems.slice(0, 20).map((p) => say("sitesImportError", String(p.line), p.field || "—", p.reason)).join("\n")}`, false);
    return;
  }
  try {
    const own = await store.ownWritable();
    const ids = new Set(configs.map((c) => c.id));
    await store.saveAll([...configs, ...own.filter((c) => !ids.has(c.id))]);
    tell(say("sitesImported", String(configs.length)), true);
  } catch (error) {
    tell(say("popupFailed", String(/** @type {any} */ (error)?.message ?? error)), false);
  }
  await redraw();
});

/** Draws the section again; a failure is said, not swallowed. */
const redraw = () => render().catch((error) => tell(say("popupFailed", String(error?.message ?? error)), false));
store.watch(() => void redraw(), new AbortController().signal);
redraw().then(() => {
  root.dataset.ready = "true";
});
export {};
