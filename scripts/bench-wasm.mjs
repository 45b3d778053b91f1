// Benchmark (not a test: it asserts nothing): the wasm classifier in headless Chromium, and the
// size of the wasm module.
//   node scripts/bench-wasm.mjs [--reps 200] [--warmup 5] [--native FILE]
// Needs target/wasm-pkg from `make wasm` (wasm-pack --target web: kefu.js + kefu_bg.wasm).
// Serves that directory on 127.0.0.1, opens a page that imports kefu.js, awaits init() and times
// the exported classifyTurn(text) over every `text` of data/corpus/dev.jsonl: each turn is
// classified REPS times in one timed batch (performance.now() is coarse), per-call time = batch /
// REPS; reports the median and p90 over turns. classifyTurn returns a JS object, so the time
// includes serialising the result (serde-wasm-bindgen) and crossing the JS/wasm boundary.
// --native FILE: the output of `cargo bench --bench classify`, whose `BENCH native_classify` line
// goes into the summary table (`make bench` passes it).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants as zlib } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "target", "wasm-pkg");
const DEV = join(ROOT, "data", "corpus", "dev.jsonl");
const TARGETS = { nativeMedianUs: 10, wasmMedianUs: 30, gzipKB: 200 };

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const REPS = Number(arg("reps", 200));
const WARMUP = Number(arg("warmup", 5));
const NATIVE = arg("native", null);

for (const f of ["kefu.js", "kefu_bg.wasm"]) {
  if (!existsSync(join(PKG, f))) {
    console.error(`bench-wasm: ${join(PKG, f)} is missing; run \`make wasm\` first`);
    process.exit(1);
  }
}

const texts = readFileSync(DEV, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l, i) => {
    const text = JSON.parse(l).text;
    if (typeof text !== "string") throw new Error(`${DEV}:${i + 1}: no "text"`);
    return text;
  });

// Drafts of 200 characters for the draft check, made of the check's regression lines (legitimate
// and violating replies run together), as an agent's long draft would read.
const DRAFT_CHARS = 200;
const checkLines = ["legit.jsonl", "violations.jsonl"].flatMap((f) => readFileSync(join(ROOT, "tests", "data", "check", f), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l).text));
const drafts = [];
for (let i = 0, d = ""; i < checkLines.length; i += 1) {
  d += checkLines[i];
  if ([...d].length >= DRAFT_CHARS) {
    drafts.push([...d].slice(0, DRAFT_CHARS).join(""));
    d = "";
  }
}

// ---- size ---------------------------------------------------------------------------------
const KB = 1024;
const wasmBytes = readFileSync(join(PKG, "kefu_bg.wasm"));
const jsBytes = readFileSync(join(PKG, "kefu.js"));
const gz = (buf) => gzipSync(buf, { level: 9, memLevel: 9, strategy: zlib.Z_DEFAULT_STRATEGY }).length;
const size = {
  wasmRaw: wasmBytes.length,
  wasmGzip: gz(wasmBytes),
  jsRaw: jsBytes.length,
  jsGzip: gz(jsBytes),
};

// ---- server -------------------------------------------------------------------------------
// Cross-origin isolated (COOP + COEP) so that performance.now() is less coarse (5 µs instead
// of 100 µs in Chromium); no CSP, the page is ours.
const PAGE = `<!doctype html><meta charset="utf-8"><title>kefu wasm bench</title>
<script type="module">
  try {
    const kefu = await import("/kefu.js");
    if (typeof kefu.classifyTurn !== "function") throw new Error("kefu.js exports no classifyTurn (a stale build? run make wasm)");
    await kefu.default();
    window.kefuBench = { classifyTurn: kefu.classifyTurn, checkDraftText: kefu.checkDraftText };
    window.kefuReady = "ok";
  } catch (e) {
    window.kefuReady = "error: " + (e && e.stack || e);
  }
</script>`;
const { server, url } = await serve({
  root: PKG,
  port: 0,
  pages: { "/": PAGE },
  headers: () => ({
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cross-origin-resource-policy": "same-origin",
  }),
});

// ---- browser ------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let result;
try {
  const page = await browser.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`[pageerror] ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.kefuReady !== undefined, null, { timeout: 60_000 });
  const ready = await page.evaluate(() => window.kefuReady);
  if (ready !== "ok") throw new Error(`kefu init failed: ${ready}\n${consoleLines.join("\n")}`);
  // wasm-bindgen falls back to a slower path, with a console warning, on a wrong MIME type.
  for (const line of consoleLines) console.log(`page console: ${line}`);

  result = await page.evaluate(
    ({ texts, reps, warmup }) => {
      const classifyTurn = window.kefuBench.classifyTurn;
      let sink = 0;
      const use = (r) => {
        sink += r.confidence + r.intent.length;
      };
      // The smallest step performance.now() takes here.
      let timerStep = Infinity;
      for (let i = 0; i < 20; i++) {
        const a = performance.now();
        let b = a;
        while (b === a) b = performance.now();
        timerStep = Math.min(timerStep, b - a);
      }
      // Warm up: let V8 tier the module up (Liftoff → TurboFan) and the allocator settle.
      for (let w = 0; w < warmup; w++) for (const t of texts) use(classifyTurn(t));
      const perTurnUs = [];
      let totalMs = 0;
      for (const t of texts) {
        const start = performance.now();
        for (let i = 0; i < reps; i++) use(classifyTurn(t));
        const ms = performance.now() - start;
        totalMs += ms;
        perTurnUs.push((ms * 1000) / reps);
      }
      return {
        perTurnUs,
        totalMs,
        sink,
        timerStepUs: timerStep * 1000,
        isolated: self.crossOriginIsolated,
        userAgent: navigator.userAgent,
        sample: classifyTurn(texts[0]),
      };
    },
    { texts, reps: REPS, warmup: WARMUP },
  );
  // The draft check on 200-character drafts (the first call builds the checker: warmed up).
  result.check = await page.evaluate(({ drafts, reps }) => {
    const check = window.kefuBench.checkDraftText;
    let sink = 0;
    for (const d of drafts) sink += check(d).length;
    const perDraftUs = [];
    for (const d of drafts) {
      const start = performance.now();
      for (let i = 0; i < reps; i++) sink += check(d).length;
      perDraftUs.push(((performance.now() - start) * 1000) / reps);
    }
    return { perDraftUs, sink };
  }, { drafts, reps: Math.max(10, Math.round(REPS / 10)) });
  result.browserVersion = browser.version();
} finally {
  await browser.close();
  server.close();
}

// ---- report -------------------------------------------------------------------------------
const percentile = (sorted, p) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
const sorted = [...result.perTurnUs].sort((a, b) => a - b);
const wasm = {
  median: percentile(sorted, 50),
  p90: percentile(sorted, 90),
  min: sorted[0],
  max: sorted[sorted.length - 1],
  perSecond: (texts.length * REPS) / (result.totalMs / 1000),
};
const chars = texts.reduce((n, t) => n + [...t].length, 0);
const fmt = (x, d = 2) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(d));

console.log(
  `kefu wasm classify benchmark: Chromium ${result.browserVersion} headless, ${texts.length} dev turns (mean ${fmt(chars / texts.length, 1)} chars), ` +
    `${REPS} reps per turn per batch, ${WARMUP} warm-up passes`,
);
console.log(
  `  timer: performance.now() step ${fmt(result.timerStepUs, 1)} µs (crossOriginIsolated=${result.isolated}); one batch is ${REPS} calls, so a per-call error of about ${fmt(result.timerStepUs / REPS, 3)} µs`,
);
console.log(`  classifyTurn returns a JS object: the time includes serialising it (serde-wasm-bindgen) and the JS↔wasm call`);
console.log(`  e.g. classifyTurn(${JSON.stringify(texts[0])}) = ${JSON.stringify(result.sample)}`);
console.log(
  `classifyTurn(text) [wasm]           median ${fmt(wasm.median).padStart(8)} µs   p90 ${fmt(wasm.p90).padStart(8)} µs   min ${fmt(wasm.min).padStart(7)}   max ${fmt(wasm.max).padStart(8)}   ` +
    `${fmt(wasm.perSecond, 0).padStart(9)} turns/s (${texts.length * REPS} calls in ${fmt(result.totalMs / 1000, 3)} s)`,
);

// The native numbers, from `cargo bench --bench classify` output.
let native = null;
if (NATIVE) {
  try {
    const line = readFileSync(NATIVE, "utf8").split("\n").find((l) => l.startsWith("BENCH native_classify "));
    if (line) native = Object.fromEntries(line.split(" ").slice(2).map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
  } catch (e) {
    console.log(`(could not read native results from ${NATIVE}: ${e.message})`);
  }
}

const checkSorted = [...result.check.perDraftUs].sort((a, b) => a - b);
const check = { median: percentile(checkSorted, 50), p90: percentile(checkSorted, 90), max: checkSorted[checkSorted.length - 1] };
console.log(`checkDraftText(200 chars) [wasm]  median ${fmt(check.median).padStart(8)} µs   p90 ${fmt(check.p90).padStart(8)} µs   max ${fmt(check.max).padStart(8)} µs   (${drafts.length} drafts)`);

const kb = (n) => `${fmt(n / KB, 1)} KB`;
const us = (x) => (x === undefined || x === null ? "not run" : `${fmt(x)} µs`);
const verdict = (value, limit) => (value === undefined || value === null ? "" : value < limit ? "within" : "OVER");
const rows = [
  ["native classify, median", us(native?.median_us), `< ${TARGETS.nativeMedianUs} µs`, verdict(native?.median_us, TARGETS.nativeMedianUs)],
  ["native classify, p90", us(native?.p90_us), "", ""],
  ["wasm classifyTurn*, median", us(wasm.median), `< ${TARGETS.wasmMedianUs} µs`, verdict(wasm.median, TARGETS.wasmMedianUs)],
  ["wasm classifyTurn*, p90", us(wasm.p90), "", ""],
  ["wasm draft check, 200 chars, median", us(check.median), "< 1000 µs", verdict(check.median, 1000)],
  ["wasm draft check, 200 chars, max", us(check.max), "< 1000 µs", verdict(check.max, 1000)],
  ["kefu_bg.wasm, raw", `${kb(size.wasmRaw)} (${size.wasmRaw} B)`, "", ""],
  ["kefu_bg.wasm, gzip -9", `${kb(size.wasmGzip)} (${size.wasmGzip} B)`, `< ${TARGETS.gzipKB} KB`, verdict(size.wasmGzip / KB, TARGETS.gzipKB)],
  ["kefu_bg.wasm + kefu.js, gzip -9", `${kb(size.wasmGzip + size.jsGzip)} (${size.wasmGzip + size.jsGzip} B)`, `< ${TARGETS.gzipKB} KB`, verdict((size.wasmGzip + size.jsGzip) / KB, TARGETS.gzipKB)],
];
const head = ["metric", "measured", "target", ""];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join("   ").trimEnd();
console.log(`\n== Kefu Assist benchmark summary (per buyer turn, ${texts.length} dev turns) ==`);
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("   "));
for (const r of rows) console.log(line(r));
console.log(`* wasm times include serialising the result to a JS object; headless Chromium ${result.browserVersion}.`);
console.log(`  native: cargo bench profile (= release: opt-level "z", LTO)${native ? "" : "; not run (pass --native FILE with the output of `cargo bench --bench classify`)"}.`);
console.log(`  KB = 1024 bytes; gzip via node:zlib level 9. A benchmark: it reports, it asserts nothing.`);
