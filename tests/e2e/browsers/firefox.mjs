// Firefox ESR with the built extension installed as a temporary add-on, driven by
// selenium-webdriver through geckodriver. Same driver interface as chromium.mjs.
import { writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Builder, By } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";

export async function launchFirefox({ extension }) {
  const options = new firefox.Options()
    .addArguments("-headless")
    .setBinary(process.env.FIREFOX ?? "/usr/bin/firefox-esr")
    .windowSize({ width: 1280, height: 760 });
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER ?? join(homedir(), ".cargo", "bin", "geckodriver"));
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(extension, true);

  // Selenium works in one frame at a time: each panel call steps into the panel's frame and out.
  const inFrame = async (frame, action) => {
    if (!frame) return action();
    await driver.switchTo().frame(await driver.findElement(By.css(frame)));
    try {
      return await action();
    } finally {
      await driver.switchTo().defaultContent();
    }
  };

  const scope = (frame) => {
    const all = (selector) => driver.findElements(By.css(selector));
    const nth = async (selector, index = 0) => {
      const found = await all(selector);
      if (!found[index]) throw new Error(`no element ${index} for ${selector}`);
      return found[index];
    };
    const run = (action) => inFrame(frame, action);
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
      type: (selector, text) => run(async () => {
        const e = await nth(selector);
        await e.clear();
        await e.sendKeys(text);
      }),
      select: (selector, value) => run(async () => (await nth(`${selector} option[value="${value}"]`)).click()),
    };
  };

  return {
    name: "firefox",
    errors: [],
    page: scope(null),
    panel: scope("#kefu-assist-frame"),
    open: (url) => driver.get(url),
    reload: () => driver.navigate().refresh(),
    async screenshot(path) {
      writeFileSync(path, await driver.takeScreenshot(), "base64");
    },
    close: () => driver.quit(),
  };
}
