// Chromium with the built extension loaded, driven by playwright-core (Debian's /usr/bin/chromium;
// no browser download). Exposes the small driver interface the shared flow uses.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startDisplay, xKeyboard } from "./x-keyboard.mjs";

export const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

// Where Debian's Chromium reads a machine's policies: a shop's preset for the extension
// (storage.managed) is written here, as an administrator would (this needs root, as theirs does).
const POLICIES = "/etc/chromium/policies/managed";
const POLICY_FILE = join(POLICIES, "kefu-assist-e2e.json");

/** The id Chromium gives an unpacked extension: from its folder's path. */
export function unpackedId(path) {
  const hex = createHash("sha256").update(path).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

/**
 * `hosts`: hostnames to send to this machine (the platform test pages, served under their real
 * names by scripts/serve-fixtures.mjs with a self-signed certificate). `profile`: a profile folder
 * to keep (a browser restart reopens it; the caller deletes it), else a fresh one deleted on
 * close. `managed`: the extension's managed storage (a shop's policy) for this run. `keyboard`:
 * the browser gets a window on a virtual display and a real keyboard (`b.keyboard`), so its own
 * shortcuts answer.
 */
export async function launchChromium({ extension = null, locale = "zh-CN", hosts = [], viewport = { width: 1280, height: 760 }, profile: kept = null, managed = null, keyboard = false } = {}) {
  const profile = kept ?? mkdtempSync(join(tmpdir(), "kefu-chromium-"));
  // A run that crashed may have left its policy: only this run's counts.
  if (!managed) rmSync(POLICY_FILE, { force: true });
  if (managed && extension) {
    mkdirSync(POLICIES, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ "3rdparty": { extensions: { [unpackedId(extension)]: managed } } }));
  }
  const args = [...FLAGS, `--lang=${locale}`];
  if (hosts.length) {
    args.push(`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(", ")}`, "--ignore-certificate-errors");
  }
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const screen = keyboard ? await startDisplay() : null;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: !screen,
    ...(screen ? { env: { ...process.env, DISPLAY: screen.display } } : {}),
    locale,
    viewport,
    ignoreHTTPSErrors: hosts.length > 0,
    args,
  });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const scope = (frameSelector, tab = page) => {
    const root = frameSelector ? tab.frameLocator(frameSelector) : tab;
    const at = (selector) => root.locator(selector);
    return {
      waitFor: (selector, timeout = 15000) => at(selector).first().waitFor({ state: "attached", timeout }),
      count: (selector) => at(selector).count(),
      texts: (selector) => at(selector).allTextContents(),
      text: (selector) => at(selector).first().textContent(),
      attr: (selector, name) => at(selector).first().getAttribute(name),
      value: (selector) => at(selector).first().inputValue(),
      click: (selector, index = 0) => at(selector).nth(index).click(),
      press: (selector, key) => at(selector).first().press(key),
      type: (selector, text) => at(selector).first().fill(text),
      select: (selector, value) => at(selector).first().selectOption(value),
      upload: (selector, path) => at(selector).first().setInputFiles(path),
    };
  };

  /** The frame a chat lives in: the page, or the iframe `frameSelector` selects. */
  const frameOf = async (frameSelector) => {
    if (!frameSelector) return page.mainFrame();
    return (await page.waitForSelector(frameSelector)).contentFrame();
  };

  return {
    name: "chromium",
    context,
    page,
    /**
     * The chat (in the page, or in its iframe): scripts in the page's own world, and real input
     * (trusted clicks and keys, as an agent's).
     */
    chat(frameSelector = null) {
      return {
        ...scope(frameSelector),
        evaluate: async (fn, arg) => (await frameOf(frameSelector)).evaluate(fn, arg),
        /**
         * A real click at the centre of an element, whatever covers it (the picker's shield);
         * the page's own elements (not in a frame).
         */
        async clickAt(selector, index = 0) {
          const r = await (await frameOf(frameSelector)).evaluate(([sel, i]) => {
            const el = document.querySelectorAll(sel)[i];
            el.scrollIntoView({ block: "center" });
            const b = el.getBoundingClientRect();
            return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
          }, [selector, index]);
          await page.mouse.click(r.x, r.y);
        },
        keys: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key),
      };
    },
    /** Drags with the mouse from the centre of `selector` (in the page) by dx, dy. */
    async drag(selector, dx, dy) {
      const box = await page.locator(selector).boundingBox();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx / 2, y + dy / 2);
      await page.mouse.move(x + dx, y + dy);
      await page.mouse.up();
    },
    rect: (selector) => page.locator(selector).first().boundingBox(),
    /** What the system clipboard holds (read through the page, with the permission granted). */
    async clipboard() {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
      return page.evaluate(() => navigator.clipboard.readText());
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    /** The loaded extension's id, from its service worker. */
    async extensionId() {
      // Known from its folder (no need to wait for its worker to run).
      if (extension) return unpackedId(extension);
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
      return new URL(worker.url()).host;
    },
    requests,
    errors,
    page: scope(null),
    /** Any frame of the page by its selector (a panel frame the page made itself, say). */
    frame: (selector) => scope(selector),
    panel: scope(extension ? "#kefu-assist-frame" : "#kefu-dev-panel"),
    open: (url) => page.goto(url),
    /**
     * Another tab at `url` (a second chat page, the options page): its page, the panel in it,
     * scripts in it, reload and close.
     */
    async openTab(url) {
      const tab = await context.newPage();
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(url);
      return {
        page: scope(null, tab),
        panel: scope(extension ? "#kefu-assist-frame" : "#kefu-dev-panel", tab),
        evaluate: (fn, arg) => tab.evaluate(fn, arg),
        reload: () => tab.reload(),
        close: () => tab.close(),
      };
    },
    /** The extension's options page, in a tab of its own. */
    async openOptions() {
      return this.openTab(`chrome-extension://${await this.extensionId()}/options/options.html`);
    },
    /** The toolbar popup's page for the tab showing `url` (docs/data-actions.md: `?url=`). */
    async openPopup(url) {
      return this.openTab(`chrome-extension://${await this.extensionId()}/popup/popup.html?url=${encodeURIComponent(url)}`);
    },
    /**
     * The agent allows the extension on a site in Chrome's own extension settings (its site
     * access, as chrome://extensions/sites does): the popup's request is then granted without a
     * prompt. (Chrome's permission prompt is browser UI no automation can answer.)
     */
    async allowSite(pattern) {
      const id = await this.extensionId();
      const tab = await context.newPage();
      try {
        await tab.goto(`chrome://extensions/?id=${id}`);
        await tab.evaluate(([id, site]) => chrome.developerPrivate.updateSiteAccess(site, [{ id, siteAccess: "ON_SPECIFIC_SITES" }]), [id, pattern]);
      } finally {
        await tab.close();
      }
    },
    /** Answers the browser's permission prompt: Chromium asked none (see allowSite). */
    async acceptPermission() {},
    /**
     * The system's keyboard (with `keyboard: true`): keys the browser's shortcuts answer, and
     * `clickInto(selector)`: the agent clicks into an element of the page (its caret goes there).
     */
    keyboard: screen ? keyboardOn(xKeyboard(screen.display), page) : null,
    /** Binds an extension command to a key, as the agent does in chrome://extensions/shortcuts. */
    async bindShortcut(command, chord) {
      const id = await this.extensionId();
      const tab = await context.newPage();
      try {
        await tab.goto("chrome://extensions/shortcuts");
        await tab.evaluate(([extensionId, commandName, keybinding]) => chrome.developerPrivate.updateExtensionCommand({ extensionId, commandName, keybinding }), [id, command, chord]);
      } finally {
        await tab.close();
      }
    },
    reload: () => page.reload(),
    screenshot: (path) => page.screenshot({ path }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async close() {
      await context.close();
      screen?.stop();
      if (managed) rmSync(POLICY_FILE, { force: true });
      if (!kept) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The X keyboard, and a real click into a page's element at its place on the screen. */
function keyboardOn(keys, page) {
  return {
    ...keys,
    async clickInto(selector) {
      const at = await page.evaluate((sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        // The page's viewport sits at the bottom of the window, under the browser's toolbars.
        const left = screenX + (outerWidth - innerWidth) / 2;
        const top = screenY + (outerHeight - innerHeight);
        return { x: left + r.x + r.width / 2, y: top + r.y + r.height / 2 };
      }, selector);
      await keys.click(at.x, at.y);
    },
  };
}
