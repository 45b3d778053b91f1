// Firefox ESR with the built extension installed as a temporary add-on, driven by
// selenium-webdriver through geckodriver. Same driver interface as chromium.mjs.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { Builder, By, Key, Origin } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";

export const ADDON_ID = "kefu-assist@kefu-assist.dev";
// A shop's preset for the extension (storage.managed), where Firefox on Linux reads a user's:
// a managed-storage manifest named after the add-on.
const MANAGED_FILE = join(homedir(), ".mozilla", "managed-storage", `${ADDON_ID}.json`);

/**
 * `hosts`: when set, every hostname resolves to this machine (Firefox maps names, not ports: the
 * platform test pages are served on 443) and the test server's self-signed certificate is accepted.
 * `profile`: a profile folder used in place and kept (a browser restart reopens it), with the
 * extension installed for good (unsigned: ESR allows that when told) on the first launch and
 * found there on the next (`installed`). `managed`: the extension's managed storage for this run.
 */
export async function launchFirefox({ extension, hosts = [], viewport = { width: 1280, height: 760 }, profile = null, installed = false, managed = null }) {
  const options = new firefox.Options()
    .addArguments("-headless")
    .setBinary(process.env.FIREFOX ?? "/usr/bin/firefox-esr")
    .windowSize(viewport);
  if (hosts.length) {
    options.setPreference("network.dns.forceResolve", "127.0.0.1");
    options.setAcceptInsecureCerts(true);
  }
  if (profile) {
    options.addArguments("-profile", profile);
    options.setPreference("xpinstall.signatures.required", false);
  }
  // A run that crashed may have left its preset: only this run's counts.
  if (!managed) rmSync(MANAGED_FILE, { force: true });
  if (managed) {
    mkdirSync(dirname(MANAGED_FILE), { recursive: true });
    writeFileSync(MANAGED_FILE, JSON.stringify({ name: ADDON_ID, description: "Kefu Assist e2e preset", type: "storage", data: managed }));
  }
  // System access lets a test answer the browser's own permission prompt and open the popup's
  // page (WebDriver may not navigate a tab to an extension page).
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? join(homedir(), ".cargo", "bin", "geckodriver")).addArguments("--allow-system-access");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  if (!installed) await driver.installAddon(extension, !profile);
  /** Runs `script` in the browser's own (chrome) context. */
  const inChrome = async (script, ...args) => {
    await driver.setContext(firefox.Context.CHROME);
    try {
      return await driver.executeScript(script, ...args);
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
  };

  // Selenium works in one window and one frame at a time: each call steps into its tab (when
  // there are several) and its frame, and out of the frame again.
  const main = await driver.getWindowHandle();
  let tabs = 0;
  const inTab = async (handle, action) => {
    if (tabs > 0) await driver.switchTo().window(handle);
    return action();
  };
  const inFrame = async (frame, action, handle = main) => inTab(handle, async () => {
    if (!frame) return action();
    await driver.switchTo().frame(await driver.findElement(By.css(frame)));
    try {
      return await action();
    } finally {
      await driver.switchTo().defaultContent();
    }
  });

  const scope = (frame, handle = main) => {
    const all = (selector) => driver.findElements(By.css(selector));
    const nth = async (selector, index = 0) => {
      const found = await all(selector);
      if (!found[index]) throw new Error(`no element ${index} for ${selector}`);
      return found[index];
    };
    const run = (action) => inFrame(frame, action, handle);
    return {
      async waitFor(selector, timeout = 15000) {
        const until = Date.now() + timeout;
        for (;;) {
          if (await run(async () => (await all(selector)).length > 0).catch(() => false)) return;
          if (Date.now() > until) throw new Error(`timed out waiting for ${selector}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      count: (selector) => run(async () => (await all(selector)).length),
      texts: (selector) => run(async () => Promise.all((await all(selector)).map((e) => e.getAttribute("textContent")))),
      text: (selector) => run(async () => (await nth(selector)).getAttribute("textContent")),
      attr: (selector, name) => run(async () => (await nth(selector)).getAttribute(name)),
      value: (selector) => run(async () => (await nth(selector)).getProperty("value")),
      click: (selector, index = 0) => run(async () => (await nth(selector, index)).click()),
      press: (selector, key) => run(async () => (await nth(selector)).sendKeys(KEYS[key] ?? key)),
      type: (selector, text) => run(async () => {
        const e = await nth(selector);
        await e.clear();
        await e.sendKeys(text);
      }),
      select: (selector, value) => run(async () => (await nth(`${selector} option[value="${value}"]`)).click()),
      upload: (selector, path) => run(async () => (await nth(selector)).sendKeys(path)),
    };
  };

  /** A tab other than the first, by its window handle. */
  const tabOf = (handle) => ({
    page: scope(null, handle),
    panel: scope("#kefu-assist-frame", handle),
    evaluate: (fn, arg) => inTab(handle, () => driver.executeScript(`return (${fn}).apply(null, arguments)`, arg)),
    reload: () => inTab(handle, () => driver.navigate().refresh()),
    close: () => inTab(handle, async () => {
      await driver.close();
      tabs -= 1;
      await driver.switchTo().window(main);
    }),
  });

  // The system's keyboard, as the browser window gets it: keys dispatched to the window by a
  // text input processor (as the widget does), so Firefox's own shortcuts (extension commands)
  // answer them before the page, and the rest reach whatever has focus.
  const pressInWindow = (keys) => inChrome(`
    const tip = Cc["@mozilla.org/text-input-processor;1"].createInstance(Ci.nsITextInputProcessor);
    if (!tip.beginInputTransactionForTests(window)) throw new Error("no keyboard");
    for (const { mods, key, code, keyCode } of arguments[0]) {
      const held = mods.map((m) => new KeyboardEvent("", m));
      for (const m of held) tip.keydown(m);
      const e = new KeyboardEvent("", { key, code, keyCode });
      tip.keydown(e);
      tip.keyup(e);
      for (const m of held.reverse()) tip.keyup(m);
    }`, keys);
  const keyboard = {
    /** Presses a key or chord ("Enter", "Alt+Shift+1") as the agent does. */
    press: (chord) => pressInWindow([keySpec(chord)]),
    /** Types text (ASCII) key by key. */
    type: (text) => pressInWindow([...text].map((c) => keySpec(c))),
    /** The agent clicks into an element of the page (its caret goes there). */
    clickInto: (selector) => inTab(main, async () => driver.actions().move({ origin: await driver.findElement(By.css(selector)) }).click().perform()),
  };

  const KEYS = { ArrowLeft: Key.ARROW_LEFT, Escape: Key.ESCAPE, Enter: Key.ENTER };

  return {
    name: "firefox",
    driver,
    /** The chat (in the page, or in its iframe), with the page's own scripts and real input. */
    chat(frame = null) {
      return {
        ...scope(frame),
        evaluate: (fn, arg) => inFrame(frame, () => driver.executeScript(`return (${fn}).apply(null, arguments)`, arg)),
        /**
         * A real click at the centre of an element, whatever covers it (the picker's shield);
         * the page's own elements (not in a frame).
         */
        clickAt: (selector, index = 0) => inFrame(frame, async () => {
          const r = await driver.executeScript(`const el = document.querySelectorAll(arguments[0])[arguments[1]];
            el.scrollIntoView({ block: "center" }); const b = el.getBoundingClientRect();
            return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };`, selector, index);
          await driver.actions().move({ origin: Origin.VIEWPORT, x: r.x, y: r.y }).click().perform();
        }),
        keys: (text) => inFrame(frame, () => driver.actions().sendKeys(text).perform()),
        press: (key) => inFrame(frame, () => driver.actions().sendKeys(KEYS[key] ?? key).perform()),
      };
    },
    async drag(selector, dx, dy) {
      const el = await driver.findElement(By.css(selector));
      await driver.actions().move({ origin: el }).press().move({ origin: Origin.POINTER, x: Math.round(dx / 2), y: Math.round(dy / 2) })
        .move({ origin: Origin.POINTER, x: Math.round(dx / 2), y: Math.round(dy / 2) }).release().perform();
    },
    async rect(selector) {
      const r = await driver.findElement(By.css(selector)).getRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    async setViewport(width, height) {
      // The window's outer size is set; the page's viewport is what the test measures.
      await driver.manage().window().setRect({ width, height });
      const inner = await driver.executeScript("return [innerWidth, innerHeight]");
      await driver.manage().window().setRect({ width: width + (width - inner[0]), height: height + (height - inner[1]) });
    },
    evaluate: (fn, arg) => inTab(main, () => driver.executeScript(`return (${fn}).apply(null, arguments)`, arg)),
    errors: [],
    page: scope(null),
    /** Any frame of the page by its selector (a panel frame the page made itself, say). */
    frame: (selector) => scope(selector),
    panel: scope("#kefu-assist-frame"),
    open: (url) => inTab(main, () => driver.get(url)),
    reload: () => inTab(main, () => driver.navigate().refresh()),
    /**
     * Another tab at `url` (a second chat page): its page, the panel in it, scripts in it,
     * reload and close.
     */
    async openTab(url) {
      await driver.switchTo().newWindow("tab");
      const handle = await driver.getWindowHandle();
      tabs += 1;
      await driver.get(url);
      return tabOf(handle);
    },
    /**
     * The extension's options page, opened as an agent does, from the panel's settings button
     * (Firefox lets WebDriver navigate no tab to an extension page).
     */
    async openOptions() {
      const before = new Set(await inTab(main, () => driver.getAllWindowHandles()));
      await scope("#kefu-assist-frame").click('[data-action="open-options"]');
      let handle;
      for (const until = Date.now() + 15000; !handle; await new Promise((r) => setTimeout(r, 100))) {
        handle = (await driver.getAllWindowHandles()).find((h) => !before.has(h));
        if (!handle && Date.now() > until) throw new Error("the options page did not open");
      }
      tabs += 1;
      return tabOf(handle);
    },
    /** The toolbar popup's page for the tab showing `url`, in a tab (docs/data-actions.md: `?url=`). */
    async openPopup(url) {
      const before = new Set(await inTab(main, () => driver.getAllWindowHandles()));
      const host = await inChrome(`return WebExtensionPolicy.getByID(arguments[0]).mozExtensionHostname`, ADDON_ID);
      await inChrome(`gBrowser.selectedTab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() })`,
        `moz-extension://${host}/popup/popup.html?url=${encodeURIComponent(url)}`);
      const handle = (await driver.getAllWindowHandles()).find((h) => !before.has(h));
      if (!handle) throw new Error("the popup's page did not open");
      tabs += 1;
      return tabOf(handle);
    },
    keyboard,
    /** Binds an extension command to a key, as the agent does in about:addons (Manage Extension Shortcuts). */
    async bindShortcut(command, chord) {
      await inChrome(`return WebExtensionPolicy.getByID(arguments[0]).extension.shortcuts.updateCommand({ name: arguments[1], shortcut: arguments[2] })`, ADDON_ID, command, chord);
    },
    /** Firefox asks through its own prompt (a doorhanger): nothing to allow beforehand. */
    async allowSite() {},
    /** Answers the browser's permission prompt with its Allow button, as the agent does. */
    async acceptPermission() {
      for (const until = Date.now() + 15000; ; await new Promise((r) => setTimeout(r, 100))) {
        const clicked = await inChrome(`const b = document.querySelector("#addon-webext-permissions-notification:not([hidden]) .popup-notification-primary-button");
          if (!b) return false; b.click(); return true;`);
        if (clicked) return;
        if (Date.now() > until) throw new Error("no permission prompt");
      }
    },
    async screenshot(path) {
      writeFileSync(path, await inTab(main, () => driver.takeScreenshot()), "base64");
    },
    async close() {
      await driver.quit();
      if (managed) rmSync(MANAGED_FILE, { force: true });
    },
  };
}

// Keys by our names, with what a US keyboard's key event says for each.
const MODIFIERS = { Alt: { key: "Alt", code: "AltLeft", keyCode: 18 }, Shift: { key: "Shift", code: "ShiftLeft", keyCode: 16 }, Control: { key: "Control", code: "ControlLeft", keyCode: 17 } };
const NAMED = { Enter: 13, Escape: 27, Backspace: 8, Tab: 9, ArrowUp: 38, ArrowDown: 40, ArrowLeft: 37, ArrowRight: 39 };
const SHIFTED_DIGITS = ")!@#$%^&*(";

/** "Alt+Shift+1" → the modifiers held and the key event of the last key. */
function keySpec(chord) {
  const parts = chord.length === 1 ? [chord] : chord.split("+");
  const last = parts.pop();
  const mods = parts.map((m) => MODIFIERS[m]);
  const shift = parts.includes("Shift");
  if (NAMED[last]) return { mods, key: last, code: last, keyCode: NAMED[last] };
  if (/^[0-9]$/.test(last)) return { mods, key: shift ? SHIFTED_DIGITS[Number(last)] : last, code: `Digit${last}`, keyCode: last.charCodeAt(0) };
  if (/^[a-zA-Z]$/.test(last)) return { mods, key: shift ? last.toUpperCase() : last, code: `Key${last.toUpperCase()}`, keyCode: last.toUpperCase().charCodeAt(0) };
  if (last === "/") return { mods, key: "/", code: "Slash", keyCode: 191 };
  if (last === " ") return { mods, key: " ", code: "Space", keyCode: 32 };
  throw new Error(`no key for ${JSON.stringify(chord)}`);
}
