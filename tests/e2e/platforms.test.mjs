// The built extension on every platform's test page (tests/fixtures/sites/*, served under the real
// hostnames) and on the editor pages (tests/fixtures/editors/*), in Chromium and in Firefox: one
// browser per suite, page after page. See platform-flow.mjs for the steps.
//   FIXTURES=pinduoduo,tiptap node --test tests/e2e/platforms.test.mjs   (only those)
import { after, before, test } from "node:test";
import { serveFixtures } from "../../scripts/serve-fixtures.mjs";
import { launchChromium } from "./browsers/chromium.mjs";
import { launchFirefox } from "./browsers/firefox.mjs";
import { assertPlacement, clipboardFallback, openFixture, platformLoop } from "./platform-flow.mjs";
import { EXTENSION } from "./support.mjs";

const only = (process.env.FIXTURES ?? "").split(",").filter(Boolean);
let server;
before(async () => {
  server = await serveFixtures();
});
after(() => server?.close());

const fixtures = () => server.fixtures.filter((f) => f.group !== "generic" && (only.length === 0 || only.includes(f.name)));

for (const [name, launch] of [["Chromium", launchChromium], ["Firefox", launchFirefox]]) {
  test(`${name}: every platform and editor page, insert at the caret, the page sends it; clipboard when refused`, { timeout: 600_000 }, async (t) => {
    const b = await launch({ extension: EXTENSION, hosts: server.hosts, viewport: { width: 1366, height: 768 } });
    try {
      for (const f of fixtures()) {
        await t.test(f.name, () => platformLoop(b, server.url(f), f));
        await t.test(`${f.name}: the clipboard when the box refuses`, () => clipboardFallback(b, f));
      }
      // The same pages on a large screen: the panel's first spot still covers nothing needed.
      await b.setViewport(1920, 1080);
      for (const f of fixtures()) {
        await t.test(`${f.name} at 1920×1080`, async () => assertPlacement(b, f, await openFixture(b, server.url(f), f)));
      }
    } finally {
      await b.close();
    }
  });
}
