// docs/data-actions.md lists every data-action the panel, the frame and the options page set,
// and nothing else: the hooks tests and shops' automation rely on cannot drift from the docs.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../e2e/support.mjs";

/** Every file under `dir` ending in one of `exts`. */
function files(dir, exts) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, exts);
    return exts.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

test("every data-action in the code is documented, and every documented one exists", () => {
  const inCode = new Set();
  // (The picker's banner and the options page's site list make their buttons with a helper:
  // button("action", label).)
  const patterns = [/"data-action",\s*"([a-z0-9-]+)"/g, /dataset\.action\s*=\s*"([a-z0-9-]+)"/g, /data-action="([a-z0-9-]+)"/g, /\bbutton\("([a-z0-9-]+)",/g];
  for (const file of [...files(join(ROOT, "src", "web"), [".rs"]), ...files(join(ROOT, "extension"), [".js", ".html"])]) {
    const text = readFileSync(file, "utf8");
    for (const re of patterns) for (const m of text.matchAll(re)) inCode.add(m[1]);
  }
  // The options page's buttons get their action through a helper: button(doc, parent, label, "action").
  const options = readFileSync(join(ROOT, "src", "web", "options", "mod.rs"), "utf8");
  for (const m of options.matchAll(/button\(doc, &\w+, [^;]*?, "([a-z0-9-]+)"\)/g)) inCode.add(m[1]);
  // The promise row's two buttons and the quick phrases' and shop words' import/export: (label, action) pairs
  // set in a loop.
  for (const file of ["panel/notes_view.rs", "options/phrases.rs", "options/phrase_list.rs", "options/words.rs"]) {
    const source = readFileSync(join(ROOT, "src", "web", file), "utf8");
    for (const m of source.matchAll(/\(Ui::\w+, "([a-z0-9-]+)"\)/g)) inCode.add(m[1]);
  }
  // The quick-phrase manager and the shop's words make their controls with helpers whose first
  // string argument is the action: field(doc, form, "action", "input", …),
  // small_button(doc, parent, label, "action", …), labelled(doc, form, "action", "select", …).
  for (const file of ["options/phrase_list.rs", "options/words.rs"]) {
    const source = readFileSync(join(ROOT, "src", "web", file), "utf8");
    for (const m of source.matchAll(/\b(?:field|small_button|labelled)\([^";{]*"([a-z0-9-]+)"/g)) inCode.add(m[1]);
  }
  const docs = readFileSync(join(ROOT, "docs", "data-actions.md"), "utf8");
  const documented = new Set([...docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).filter((a) => a !== "data-action"));
  assert.ok(inCode.size > 20, `found the actions in the code (${inCode.size})`);
  assert.deepEqual([...inCode].filter((a) => !documented.has(a)).sort(), [], "in the code, not in docs/data-actions.md");
  assert.deepEqual([...documented].filter((a) => !inCode.has(a)).sort(), [], "in docs/data-actions.md, not in the code");
});
