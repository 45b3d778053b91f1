// Chromium with the built extension loaded, driven by playwright-core (Debian's /usr/bin/chromium;
// no browser download). Exposes the small driver interface the shared flow uses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

export async function launchChromium({ extension = null, locale = "zh-CN" } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "kefu-chromium-"));
  const args = [...FLAGS, `--lang=${locale}`];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    locale,
    viewport: { width: 1280, height: 760 },
    args,
  });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const scope = (frameSelector) => {
    const root = frameSelector ? page.frameLocator(frameSelector) : page;
    const at = (selector) => root.locator(selector);
    return {
      waitFor: (selector, timeout = 15000) => at(selector).first().waitFor({ state: "attached", timeout }),
      count: (selector) => at(selector).count(),
      texts: (selector) => at(selector).allTextContents(),
      text: (selector) => at(selector).first().textContent(),
      attr: (selector, name) => at(selector).first().getAttribute(name),
      value: (selector) => at(selector).first().inputValue(),
      click: (selector, index = 0) => at(selector).nth(index).click(),
      type: (selector, text) => at(selector).first().fill(text),
      select: (selector, value) => at(selector).first().selectOption(value),
    };
  };

  return {
    name: "chromium",
    context,
    page,
    /** The loaded extension's id, from its service worker. */
    async extensionId() {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
      return new URL(worker.url()).host;
    },
    requests,
    errors,
    page: scope(null),
    panel: scope(extension ? "#kefu-assist-frame" : "#kefu-dev-panel"),
    open: (url) => page.goto(url),
    reload: () => page.reload(),
    screenshot: (path) => page.screenshot({ path }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
