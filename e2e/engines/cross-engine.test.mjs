// End to end in the other two engines: the built component in Firefox ESR (geckodriver,
// headless) and WebKitGTK (WebKitWebDriver, MiniBrowser under Xvfb), driven through WebDriver
// against the real local Graph emulator over HTTP. The same named cases run in both, named as
// their Chromium counterparts in ../*.test.mjs where those exist. Axe runs in Firefox too.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "selenium-webdriver";
import { startEmulator } from "../harness.mjs";
import { Person, read, startEngine, startSite } from "./webdriver.mjs";

const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

let graph, site;
before(async () => {
  graph = await startEmulator();
  site = await startSite(graph.url);
});
after(async () => { graph?.stop(); await site?.stop(); });
process.on("exit", () => graph?.stop()); // also when the run is cut short (webdriver.mjs exits on signals)

const failedKinds = async (ui) => (await ui.events()).filter((e) => e.type === "password-change-failed").map((e) => e.detail.kind);

/** The cases every engine runs: [name, body(ui, driver)]. */
const CASES = [
  ["the form carries its styles: one constructed stylesheet, the page's rule on a class still wins", async (ui, driver) => {
    await ui.open(site.url, graph.url);
    await ui.button("Change password");
    const styled = await driver.executeScript(`
      const button = document.querySelector(".gcp__submit");
      const before = getComputedStyle(button).backgroundColor;
      const style = document.createElement("style");
      style.textContent = ".gcp__submit { background-color: rgb(9, 9, 9); }";
      document.head.append(style);
      return { before, after: getComputedStyle(button).backgroundColor, sheets: document.adoptedStyleSheets.length };
    `);
    assert.deepEqual(styled, { before: "rgb(11, 87, 208)", after: "rgb(9, 9, 9)", sheets: 1 });
  }],

  ["success: message, cleared fields, event, and the password really changed", async (ui) => {
    await ui.open(site.url, graph.url, { upn: "adele.vance@contoso.example" });
    assert.match(await ui.change(OLD, NEW), /Your password has been changed/);
    await ui.role("status", /has been changed/); // announced politely
    for (const label of ["Current password", "New password", "Confirm new password"]) {
      assert.equal(await ui.value(await ui.field(label)), "", `${label} cleared`);
    }
    const events = await ui.events();
    assert.deepEqual(events.map((e) => [e.type, e.detail.kind, e.detail.status]), [["password-changed", "changed", 204]]);

    const seen = await graph.requests();
    assert.equal(seen.length, 1, "one request");
    assert.equal(seen[0].method, "POST");
    assert.equal(seen[0].path, "/v1.0/me/changePassword");
    assert.equal(seen[0].status, 204);
    assert.equal(seen[0].token, "valid");
    assert.match(seen[0].contentType, /^application\/json/);
    assert.deepEqual(seen[0].bodyFields, ["currentPassword", "newPassword"]);
    assert.equal(seen[0].clientRequestId, events[0].detail.clientRequestId);

    // The old password is now refused as the current one, and the new one is accepted.
    assert.match(await ui.change(OLD, "Green-Valley-77"), /current password is not correct/);
    await ui.type("Current password", NEW); // the new and confirm fields kept what was typed
    assert.match(await ui.submit(), /has been changed/);
    assert.deepEqual((await graph.requests()).map((r) => r.status), [204, 400, 204]);
  }],

  ["wrong current password: clears only that field and focuses it", async (ui) => {
    await ui.open(site.url, graph.url);
    assert.match(await ui.change("Not-The-Password-1", NEW), /Your current password is not correct/);
    const current = await ui.field("Current password");
    assert.equal(await ui.value(current), "");
    assert.equal(await ui.value(await ui.field("New password")), NEW);
    assert.equal(await ui.value(await ui.field("Confirm new password")), NEW);
    await ui.waitFocused(current, "the current password field");
    assert.deepEqual(await failedKinds(ui), ["wrong-current-password"]);
    assert.equal((await ui.events())[0].detail.status, 400);
  }],

  ["429: too many attempts; the wait is shown when the browser may read Retry-After", async (ui) => {
    await ui.open(site.url, graph.url);
    await graph.fault({ kind: "throttle", retryAfter: 30, hideRetryAfter: true });
    const hidden = await ui.change(OLD, NEW);
    assert.match(hidden, /Too many attempts/);
    assert.doesNotMatch(hidden, /try again in 30 seconds/);
    await graph.fault({ kind: "throttle", retryAfter: 30 });
    await ui.clear("Current password");
    await ui.type("Current password", OLD);
    assert.match(await ui.submit(), /Too many attempts.*try again in 30 seconds/s);
    assert.deepEqual(await failedKinds(ui), ["throttled", "throttled"]);
  }],

  ["network failure: a dropped connection means Graph cannot be reached", async (ui) => {
    await ui.open(site.url, graph.url);
    await graph.fault({ kind: "close" });
    assert.match(await ui.change(OLD, NEW), /Cannot reach Microsoft Graph\. Check your internet connection/);
    assert.deepEqual((await ui.events()).map((e) => [e.detail.kind, e.detail.status]), [["network-error", null]]);
    assert.equal(await ui.value(await ui.field("New password")), NEW);
  }],

  ["show/hide: the toggle shows the new password as text and hides it again", async (ui) => {
    await ui.open(site.url, graph.url);
    await ui.type("New password", NEW);
    const field = await ui.field("New password");
    assert.equal(await field.getAttribute("type"), "password");
    await (await ui.button("Show new password")).click();
    await ui.until(async () => (await field.getAttribute("type")) === "text", "the new password shown as text");
    await ui.role("textbox", "New password");
    assert.equal(await ui.value(field), NEW, "the same text, now visible");
    await (await ui.button("Hide new password")).click();
    await ui.until(async () => (await field.getAttribute("type")) === "password", "the new password hidden again");
    await ui.button("Show new password");
    assert.equal(await (await ui.field("Current password")).getAttribute("type"), "password", "the other fields untouched");
  }],

  ["a complete change with Tab, Shift+Tab, Space and Enter", async (ui, driver) => {
    await ui.open(site.url, graph.url);
    const press = (...keys) => driver.actions().sendKeys(...keys).perform();
    const typeText = (text) => driver.actions().sendKeys(text).perform();
    const focusedIs = (want, what = want) => ui.until(async () => (await ui.focused()) === want, `focus on ${what}`, 3000);
    // No pointer at all: the first Tab after loading goes from the page into the form.
    await press(Key.TAB);
    await focusedIs("current-password");
    await typeText(OLD);
    await press(Key.TAB);
    await focusedIs("Show current password");
    await press(Key.SPACE);
    await ui.until(async () => (await (await ui.field("Current password")).getAttribute("type")) === "text", "Space to show the password");
    await driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
    await focusedIs("current-password");
    await press(Key.TAB, Key.TAB);
    // The reset link under the current password (WebKit may leave links out of the tab order).
    if ((await ui.focused()) === "Forgot your password?") await press(Key.TAB);
    await focusedIs("new-password");
    await typeText(NEW);
    await press(Key.TAB, Key.TAB); // past show/hide
    await focusedIs("new-password", "the confirm field");
    await typeText(NEW);
    await press(Key.TAB, Key.TAB); // past show/hide
    await focusedIs("Change password");
    await ui.markResultsSeen();
    await press(Key.ENTER);
    assert.match(await ui.result(), /has been changed/);
    await ui.until(() => driver.executeScript("return document.activeElement?.classList.contains('gcp__result')"), "focus on the result");
    assert.equal(await (await ui.field("Current password")).getAttribute("type"), "password", "hidden again after submit");
    assert.deepEqual((await graph.requests()).map((r) => r.status), [204]);
  }],

  ["README's <graph-change-password> snippet changes a password", async (ui) => {
    await ui.open(site.url, graph.url, { page: "/pages/element.html" });
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual((await graph.requests()).map((r) => [r.path, r.status]), [["/v1.0/me/changePassword", 204]]);
  }],

  ["a non-Latin locale: Japanese labels, a change, the outcome in Japanese", async (ui) => {
    await ui.open(site.url, graph.url, { extra: { locale: "ja" }, ready: "パスワードの変更" });
    await ui.type("現在のパスワード", OLD);
    await ui.type("新しいパスワード", NEW);
    await ui.type("新しいパスワードの確認", NEW);
    await ui.markResultsSeen();
    await (await ui.button("パスワードの変更")).click();
    assert.match(await ui.result(), /パスワードが変更されました/);
    assert.deepEqual((await graph.requests()).map((r) => r.status), [204]);
  }],

  ["client checks stop bad input before any request", async (ui) => {
    await ui.open(site.url, graph.url);
    await ui.fill(OLD, "short");
    await (await ui.button("Change password")).click();
    const summary = await ui.role("alert", /There is a problem/);
    assert.match(read(await summary.getText()), /at least 8 characters; it has 5/);
    await ui.waitFocused(summary, "the error summary");
    assert.equal((await graph.requests()).length, 0);
    assert.equal(await ui.tokenCalls(), 0);
  }],
];

/** Axe in the states a failure leaves (Firefox): [name, how to get there]. */
const AXE_CASES = [
  ["error summary shown", async (ui) => {
    await ui.open(site.url, graph.url, { upn: "adele.vance@contoso.example" });
    await ui.fill(OLD, "short", "shorter");
    await (await ui.button("Change password")).click();
    await ui.role("alert", /There is a problem/);
  }],
  ["server error shown", async (ui) => {
    await ui.open(site.url, graph.url, { upn: "adele.vance@contoso.example" });
    assert.match(await ui.change("Wrong-Password-1", NEW), /current password is not correct/);
  }],
];

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);

for (const name of ["firefox", "webkit"]) {
  describe(name, () => {
    let engine, ui;
    before(async () => { engine = await startEngine(name); }, { timeout: 60000 });
    after(async () => { await engine?.stop(); });
    beforeEach(async () => {
      await graph.reset();
      ui = new Person(engine.driver);
    });

    /** A test that leaves a screenshot in test-output/ when it fails. */
    const check = (title, body) => test(title, { timeout: 30000 }, async () => {
      try {
        await body(ui, engine.driver);
      } catch (e) {
        await ui.screenshot(`${name}-${slug(title)}`).catch(() => {});
        throw e;
      }
    });

    for (const [title, body] of CASES) check(title, body);

    if (name === "firefox") {
      describe("axe", () => {
        for (const [title, reach] of AXE_CASES) {
          check(title, async () => {
            await reach(ui);
            const result = await ui.axe(AXE_TAGS);
            assert.equal(result.error, undefined, result.error);
            assert.ok(result.rules > 20, `axe ran its rules (${result.rules})`);
            assert.deepEqual(result.violations, [], `axe violations in state "${title}"`);
          });
        }
      });
    }
  });
}
