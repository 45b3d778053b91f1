// Builds the test pages in tests/fixtures/sites/* (one per chat platform, built with the front
// end that platform uses), tests/fixtures/editors/* (one per rich-text editor) and
// tests/fixtures/generic/* (web chats no adapter knows, for the zero-config detection) into
// target/fixtures/, bundling each page's app from the real npm packages with esbuild. A stylesheet
// an app imports (a package's compiled CSS) is bundled beside it: app.jsx → app.js + app.css.
//   node scripts/build-fixtures.mjs
// Each fixture folder has a fixture.json (format: tests/fixtures/README.md).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sources = join(root, "tests", "fixtures");
const out = join(root, "target", "fixtures");

/** Every fixture: {group, name, dir, config}. */
export function fixtures() {
  const list = [];
  for (const group of ["sites", "editors", "generic"]) {
    const groupDir = join(sources, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      if (!existsSync(join(dir, "fixture.json"))) continue;
      const config = JSON.parse(readFileSync(join(dir, "fixture.json"), "utf8"));
      list.push({ group, name, dir, out: join(out, group, name), config });
    }
  }
  return list;
}

async function buildOne(f) {
  rmSync(f.out, { recursive: true, force: true });
  mkdirSync(f.out, { recursive: true });
  // Static files as they are; app sources are bundled below.
  const entries = new Set((f.config.entries ?? []).map((e) => join(f.dir, e)));
  cpSync(f.dir, f.out, {
    recursive: true,
    filter: (src) => !entries.has(src) && !/\.(jsx|mjs)$/.test(src) && !src.endsWith("fixture.json") || src === f.dir,
  });
  for (const entry of entries) {
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "iife",
      target: ["chrome120", "firefox128"],
      outfile: join(f.out, relative(f.dir, entry).replace(/\.(jsx|mjs)$/, ".js")),
      define: { "process.env.NODE_ENV": '"production"' },
      jsx: "automatic",
      loader: { ".svg": "text" },
      logLevel: "warning",
      legalComments: "none",
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Optional names build only those pages: node scripts/build-fixtures.mjs pinduoduo tiptap
  const only = process.argv.slice(2);
  const list = fixtures().filter((f) => only.length === 0 || only.includes(f.name));
  await Promise.all(list.map(buildOne));
  console.log(`fixtures: ${list.length} pages in ${relative(root, out)}/ (${list.map((f) => f.name).join(", ")})`);
}
