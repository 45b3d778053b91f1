// Benchmark (not a test: it asserts nothing): what the content script costs on a busy chat page,
// in headless Chromium with the built extension (dist/extension, from `make build`).
//   node scripts/bench-watch.mjs [--seconds 20]
// The page (written to target/bench/watch/, demo markup so the demo adapter reads it) holds 2,000
// messages and churns: a typing indicator toggling in the list, the newest 50 timestamps updated
// every second, the conversation list reordered every second. Phases:
//   1. churn only, no new message: the content script's CPU ms per second of page time (the
//      page's script time with the extension, less the same page's without it);
//   2. churn plus a buyer message every 200 ms (the oldest scrolled away, 2,000 kept): message in
//      the DOM → the panel painted it, p50 / p95 (the panel's turn observed from inside its frame,
//      next animation frame), long tasks over 50 ms;
//   3. 20,000 more messages, 2,000 kept in the DOM: JS heap of the page's renderer (page and
//      content script) after garbage collection, before, after 10,000 and after 20,000, and the
//      growth per message over the second 10,000 (flat: nothing kept per message for good).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../tests/e2e/browsers/chromium.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXTENSION = join(ROOT, "dist", "extension");
const DIR = join(ROOT, "target", "bench", "watch");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg("seconds", 20));
const KEPT = 2000;
const TARGETS = { p95Ms: 16, idleCpuMsPerS: 2 };

const PAGE = `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="kefu-demo" content="workbench">
<title>watch bench</title><link rel="icon" href="data:,"><script src="bench.js" defer></script>
<style>#messages{height:480px;overflow:auto;margin:0;padding:0;list-style:none} #side{float:left;width:200px}</style>
</head><body>
<ul id="conversation-list"></ul>
<section id="chat" data-conversation-id="c-bench" data-buyer-id="bench-buyer">
  <ul id="messages"></ul>
  <textarea id="chat-input"></textarea><button id="send-button" type="button">发送</button>
</section></body></html>`;

// The page's own script: builds the chat and churns. window.bench drives the phases.
const SCRIPT = `"use strict";
const list = document.getElementById("messages");
const side = document.getElementById("conversation-list");
let n = 0;
const inserted = new Map();
function row(from, text) {
  n += 1;
  const li = document.createElement("li");
  li.className = "message message--" + from;
  li.dataset.messageId = "m" + n;
  li.dataset.at = String(Date.now());
  const t = document.createElement("span");
  t.className = "message__text";
  t.textContent = text;
  const time = document.createElement("span");
  time.className = "message__time";
  time.textContent = "刚刚";
  li.append(t, time);
  return li;
}
function add(from, text) {
  const li = row(from, text);
  list.insertBefore(li, typing.isConnected ? typing : null);
  while (list.children.length > ${KEPT} + 1) list.firstElementChild.remove();
  return li;
}
const typing = document.createElement("li");
typing.className = "typing";
typing.textContent = "对方正在输入…";
for (let i = 0; i < ${KEPT}; i++) list.append(row(i % 2 ? "agent" : "buyer", "历史消息 " + i + " 亲 这款马桶盖什么时候发货"));
for (let i = 0; i < 30; i++) {
  const li = document.createElement("li");
  li.textContent = "会话 " + i;
  side.append(li);
}
// Churn: typing indicator, ticking timestamps, a reordering conversation list.
setInterval(() => (typing.isConnected ? typing.remove() : list.append(typing)), 500);
let tick = 0;
setInterval(() => {
  tick += 1;
  const rows = list.querySelectorAll("li.message");
  for (let i = Math.max(0, rows.length - 50); i < rows.length; i++) rows[i].lastElementChild.textContent = tick + " 秒前";
  side.append(side.firstElementChild);
}, 1000);
window.bench = {
  inserted,
  /** One buyer message; its number and when it entered the DOM. */
  say() {
    const k = n + 1;
    add("buyer", "这个还有货吗 第" + k + "号");
    inserted.set(k, Date.now());
    return k;
  },
  /** \`count\` more messages, \`perFrame\` at a time, the oldest scrolled away. */
  flood(count, perFrame) {
    return new Promise((done) => {
      let left = count;
      const step = () => {
        for (let i = 0; i < perFrame && left > 0; i++, left--) add(left % 2 ? "buyer" : "agent", "消息 " + left);
        if (left > 0) requestAnimationFrame(step); else done();
      };
      step();
    });
  },
};
window.longTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** The page's script time (ms) over `seconds` of churn. */
async function scriptMs(cdp, seconds) {
  const metric = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ScriptDuration").value;
  const before = await metric();
  await sleep(seconds * 1000);
  return ((await metric()) - before) * 1000;
}

async function run(withExtension, url) {
  const b = await launchChromium({ extension: withExtension ? EXTENSION : null });
  try {
    const page = b.context.pages()[0];
    await page.goto(url);
    if (withExtension) await page.frameLocator("#kefu-assist-frame").locator("html[data-ready=true][data-paired=true]").waitFor({ timeout: 30000 });
    const cdp = await b.context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await sleep(1000);
    const idle = await scriptMs(cdp, SECONDS / 2);
    if (!withExtension) return { idleMsPerS: idle / (SECONDS / 2) };

    // Message → painted, observed inside the panel's frame.
    const panel = page.frames().find((f) => f.url().includes("/panel/panel.html"));
    await panel.evaluate(() => {
      window.painted = [];
      new MutationObserver(() => {
        const text = document.querySelector(".kefu-turn")?.textContent ?? "";
        requestAnimationFrame(() => window.painted.push([text, Date.now()]));
      }).observe(document.querySelector(".kefu-turn"), { childList: true, characterData: true, subtree: true });
    });
    await page.evaluate(() => { window.longTasks.length = 0; });
    const until = Date.now() + SECONDS * 1000;
    while (Date.now() < until) {
      await page.evaluate(() => window.bench.say());
      await sleep(200);
    }
    await sleep(1000);
    const inserted = new Map(await page.evaluate(() => [...window.bench.inserted]));
    const painted = await panel.evaluate(() => window.painted);
    const latency = [];
    for (const [k, at] of inserted) {
      const seen = painted.find(([text, t]) => t >= at && text.endsWith(`第${k}号`));
      if (seen) latency.push(seen[1] - at);
    }
    latency.sort((a, b) => a - b);
    const longTasks = await page.evaluate(() => window.longTasks.slice());

    // Heap: after GC, before and after 20,000 more messages (2,000 kept in the DOM).
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    };
    const heapBefore = await heap();
    await page.evaluate(() => window.bench.flood(10000, 40));
    await sleep(2000);
    const heapMid = await heap();
    await page.evaluate(() => window.bench.flood(10000, 40));
    await sleep(2000);
    const heapAfter = await heap();
    return { idleMsPerS: idle / (SECONDS / 2), latency, messages: inserted.size, longTasks, heapBefore, heapMid, heapAfter };
  } finally {
    await b.close();
  }
}

mkdirSync(DIR, { recursive: true });
writeFileSync(join(DIR, "index.html"), PAGE);
writeFileSync(join(DIR, "bench.js"), SCRIPT);
const { server, url } = await serve({ root: DIR, port: 0 });
try {
  const base = await run(false, url);
  const ext = await run(true, url);
  const cpu = Math.max(0, ext.idleMsPerS - base.idleMsPerS);
  const p50 = pct(ext.latency, 50);
  const p95 = pct(ext.latency, 95);
  const mb = (x) => (x / 1048576).toFixed(1);
  const perMessage = (ext.heapAfter - ext.heapMid) / 10000;
  console.log(`
Watcher on a busy chat page (${KEPT} messages, typing indicator, ticking timestamps, reordering list), headless Chromium:
| measure | value | target |
|---|---|---|
| content script CPU, churn only | ${cpu.toFixed(2)} ms per s (page ${ext.idleMsPerS.toFixed(2)}, without the extension ${base.idleMsPerS.toFixed(2)}) | ≤ ${TARGETS.idleCpuMsPerS} |
| message in the DOM → panel painted | p50 ${p50} ms, p95 ${p95} ms (${ext.latency.length} of ${ext.messages} messages, 5 per s) | p95 ≤ ${TARGETS.p95Ms} |
| long tasks over 50 ms | ${ext.longTasks.length}${ext.longTasks.length ? ` (longest ${Math.max(...ext.longTasks).toFixed(0)} ms)` : ""} | none |
| JS heap: before, after 10,000 and 20,000 more messages | ${mb(ext.heapBefore)} → ${mb(ext.heapMid)} → ${mb(ext.heapAfter)} MB (the second 10,000: ${perMessage.toFixed(1)} bytes per message) | flat |
`);
} finally {
  server.close();
}
