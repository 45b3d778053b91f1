// Saves the demo workbench, as the content script sees it after a few messages, to
// tests/fixtures/demo-workbench.html (scripts removed). The site adapter's selectors are tested
// against this saved page: re-run after changing the page's markup, and check the counts.
//   node scripts/save-demo-fixture.mjs      (after make build)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../tests/e2e/browsers/chromium.mjs";
import { ROOT, startServer } from "../tests/e2e/support.mjs";

const { server, url } = await startServer();
const b = await launchChromium();
try {
  await b.open(url);
  await b.page.waitFor("html[data-ready=true]");
  await b.page.select("#scenario-select", "bargain-decisive");
  for (let i = 0; i < 2; i++) await b.page.click("#scenario-next");
  await b.page.type("#chat-input", "亲,在的");
  await b.page.click("#send-button");
  await b.page.click("#scenario-next");
  const html = await b.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll("script, iframe").forEach((e) => e.remove());
    copy.removeAttribute("data-ready");
    return `<!doctype html>\n${copy.outerHTML}\n`;
  });
  writeFileSync(join(ROOT, "tests", "fixtures", "demo-workbench.html"), html);
  console.log("saved tests/fixtures/demo-workbench.html");
} finally {
  await b.close();
  server.close();
}
