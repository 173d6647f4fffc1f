// The whole change under README's Content-Security-Policy, sent as a real header: no inline
// script, no eval (only 'wasm-unsafe-eval'), no inline style, Trusted Types required, nothing
// fetched but the page's own files and Graph.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ChangePasswordPage, launch, startEmulator, startStatic } from "./harness.mjs";

/** README's policy, with Graph's origin replaced by the local Graph's. */
export function policy(graphOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${graphOrigin}`,
    "img-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join("; ");
}

const env = {};
before(async () => {
  [env.browser, env.graph] = await Promise.all([launch(), startEmulator()]);
  env.origin = new URL(env.graph.url).origin;
  env.site = await startStatic({ graphUrl: env.graph.url, headers: { "Content-Security-Policy": policy(env.origin) } });
});
after(async () => {
  await env.browser?.close();
  env.graph?.stop();
  env.site?.stop();
});

test("a password changes under README's strict CSP, with no violation", async () => {
  const page = await env.browser.newPage();
  const response = await page.goto(`${env.site.url}/pages/csp.html`);
  assert.equal(response.headers()["content-security-policy"], policy(env.origin), "the header was sent");
  const ui = new ChangePasswordPage(page);
  await ui.submit.waitFor();
  assert.match(await ui.change("Start-Here-2026", "Strict-Harbour-42"), /has been changed/);
  await ui.page.getByRole("button", { name: "Show new password" }).click();
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(ui.console.filter((l) => /Content Security Policy|Trusted Type/i.test(l)), []);
  await page.close();
});

test("German, and the form's own stylesheet, under the same policy: no violation", async () => {
  await env.graph.reset();
  const page = await env.browser.newPage();
  const console = [];
  page.on("console", (m) => console.push(m.text()));
  await page.goto(`${env.site.url}/pages/csp-de.html`);
  const submit = page.getByRole("button", { name: "Kennwort ändern" });
  await submit.waitFor();
  assert.equal(await page.locator("form.gcp").getAttribute("lang"), "de");
  // Styled by a constructed stylesheet, which `style-src 'self'` allows (a <style> would be blocked).
  assert.equal(await submit.evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(11, 87, 208)");
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 1);
  await page.getByLabel("Aktuelles Kennwort", { exact: true }).fill("Start-Here-2026");
  await page.getByLabel("Neues Kennwort", { exact: true }).fill("Strict-Harbour-42");
  await page.getByLabel("Neues Kennwort bestätigen", { exact: true }).fill("Strict-Harbour-42");
  await submit.click();
  await page.locator(".gcp__result--success").waitFor();
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(console.filter((l) => /Content Security Policy|Trusted Type/i.test(l)), []);
  await page.close();
});

test("the policy bites: an inline script on the same page is blocked", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.site.url}/pages/csp.html`);
  await page.locator("graph-change-password form").waitFor();
  const outcome = await page.evaluate(() => {
    let refused = null;
    try {
      const s = document.createElement("script");
      s.textContent = "window.inlineRan = true";
      document.head.append(s);
    } catch (e) {
      refused = String(e); // Trusted Types refuse the text itself
    }
    return { ran: window.inlineRan === true, refused };
  });
  assert.equal(outcome.ran, false);
  assert.match(outcome.refused, /TrustedScript/);
  await page.close();
});
