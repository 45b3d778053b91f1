// Loads content scripts (classic scripts sharing the KefuContent namespace) into a fresh context,
// for unit tests of their pure parts in Node.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT } from "../e2e/support.mjs";

/** The KefuContent namespace after running `files` (paths under extension/content/). */
export function load(...files) {
  const context = vm.createContext({ Date, Math, Number, String, Array, Object, Set, Map, URL, Node: { TEXT_NODE: 3 } });
  for (const file of ["kefu.js", ...files]) {
    vm.runInContext(readFileSync(join(ROOT, "extension", "content", file), "utf8"), context, { filename: file });
  }
  return context.KefuContent;
}
