// Accessibility in Chromium: axe-core (WCAG 2.x A and AA rules) in every state the user can
// reach, in light and dark, at 320 px; accessible names and roles for every control; and a
// complete password change by keyboard alone.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { ChangePasswordPage, outputDir, useLocalGraph } from "./harness.mjs";

const AXE = resolve(import.meta.dirname, "../node_modules/axe-core/axe.min.js");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";

const env = useLocalGraph();
let page, ui;

async function open(colorScheme = "light", width = 800) {
  page = env.page = await env.browser.newPage({ colorScheme, viewport: { width, height: 900 } });
  ui = new ChangePasswordPage(page);
  await ui.open(env.site.url, env.graph.url, { upn: "adele.vance@contoso.example" });
}

/** Runs axe in the page; fails with each violation's rule, impact and target. */
async function assertNoViolations(state) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
      violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    };
  }, AXE_TAGS);
  assert.ok(result.rules > 20, `axe ran its rules (${result.rules})`);
  assert.deepEqual(result.violations, [], `axe violations in state "${state}"`);
}

for (const scheme of ["light", "dark"]) {
  describe(`axe, ${scheme} theme`, () => {
    test("empty form", async () => {
      await open(scheme);
      await assertNoViolations("empty");
      await page.screenshot({ path: join(outputDir, `form-${scheme}.png`), fullPage: true });
    });

    test("partly typed, rules unmet", async () => {
      await open(scheme);
      await ui.newPassword.pressSequentially("abc");
      await assertNoViolations("partly typed");
    });

    test("error summary shown", async () => {
      await open(scheme);
      await ui.fill(OLD, "short", "shorter");
      await ui.submit.click();
      await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
      await assertNoViolations("error summary");
      await page.screenshot({ path: join(outputDir, `error-summary-${scheme}.png`), fullPage: true });
    });

    test("server error shown", async () => {
      await open(scheme);
      await ui.change("Wrong-Password-1", NEW);
      await assertNoViolations("server error");
    });

    test("success", async () => {
      await open(scheme);
      await ui.change(OLD, NEW);
      await assertNoViolations("success");
      await page.screenshot({ path: join(outputDir, `success-${scheme}.png`), fullPage: true });
    });
  });
}

describe("layout and names", () => {
  test("320 px wide: no horizontal scrolling, no violations", async () => {
    await open("light", 320);
    await ui.fill(OLD, "abc", "abd");
    await ui.submit.click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, "no horizontal scroll at 320 px");
    await assertNoViolations("320 px with errors");
    await page.screenshot({ path: join(outputDir, "narrow-320.png"), fullPage: true });
  });

  test("every control has its role and accessible name", async () => {
    await open();
    const form = page.getByRole("form", { name: "Change password" });
    await form.waitFor();
    for (const name of ["Current password", "New password", "Confirm new password"]) {
      // Password inputs have no ARIA role; the label is their accessible name.
      assert.equal(await page.getByLabel(name, { exact: true }).getAttribute("aria-required"), "true");
    }
    for (const name of ["Show current password", "Show new password", "Show confirmed password"]) {
      await form.getByRole("button", { name, exact: true }).waitFor();
    }
    await form.getByRole("button", { name: "Change password", exact: true }).waitFor();
    await form.getByRole("list").filter({ hasText: /8\W* to \W*256\W* characters/ }).waitFor();
    await ui.newPassword.pressSequentially("Blue-Harbour");
    const meter = form.getByRole("meter", { name: /Strength/ });
    assert.match(await meter.getAttribute("aria-labelledby"), /strength/);
    assert.equal(await meter.count(), 1);
    await form.getByRole("button", { name: "Show new password" }).click();
    await form.getByRole("button", { name: "Hide new password" }).waitFor();
    assert.equal(await page.getByRole("textbox", { name: "New password", exact: true }).count(), 1, "shown as text");
  });

  test("error summary links move focus to their field", async () => {
    await open();
    await ui.fill(OLD, "abcdefgh", "abcdefgh");
    await ui.submit.click();
    const link = page.getByRole("link", { name: /must mix at least/ });
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("autocomplete")), "new-password");
    assert.equal(await ui.newPassword.getAttribute("aria-invalid"), "true");
  });
});

describe("keyboard only", () => {
  test("a complete change with Tab, Shift+Tab, Space and Enter", async () => {
    await open();
    const kb = page.keyboard;
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el.getAttribute("aria-label") || el.getAttribute("autocomplete") || el.textContent.trim();
    });
    await page.locator("h1").click(); // start from the page, as after loading it
    await kb.press("Tab");
    assert.equal(await focused(), "current-password");
    await kb.type(OLD);
    await kb.press("Tab");
    assert.equal(await focused(), "Show current password");
    await kb.press("Space");
    assert.equal(await ui.current.getAttribute("type"), "text", "Space shows the password");
    await kb.press("Shift+Tab");
    assert.equal(await focused(), "current-password");
    await kb.press("Tab");
    await kb.press("Tab");
    assert.equal(await focused(), "Forgot your password?", "the reset link, under the current password");
    await kb.press("Tab");
    assert.equal(await focused(), "new-password");
    await kb.type(NEW);
    await kb.press("Tab"); // show/hide
    await kb.press("Tab");
    assert.equal(await focused(), "new-password", "confirm field");
    await kb.type(NEW);
    await kb.press("Tab"); // show/hide
    await kb.press("Tab");
    assert.equal(await focused(), "Change password");
    await kb.press("Enter");
    await page.getByRole("status").filter({ hasText: "has been changed" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains("gcp__result"));
    assert.equal(await ui.current.getAttribute("type"), "password", "hidden again after submit");
    assert.deepEqual((await env.graph.requests()).map((r) => r.status), [204]);
  });

  test("nothing traps focus: Tab leaves the form after the button", async () => {
    await open();
    await ui.submit.focus();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement.closest(".gcp")), false);
  });
});
