// The demo page as `trunk build --release` leaves it in dist/ (index.html, whose hashes the
// release hook must keep true after minifying the glue): it loads with no refused resource,
// changes Adele's password against the local Graph, and its breach-check box refuses a
// password from the local range API's list. The page talks to 127.0.0.1:8787; here the
// browser sends that to this file's local Graph instead.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { ChangePasswordPage, read, useLocalGraph } from "./harness.mjs";

const env = useLocalGraph();
let page, ui, problems;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
  problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.route("http://127.0.0.1:8787/**", (route) =>
    route.continue({ url: route.request().url().replace("http://127.0.0.1:8787", env.graph.base) }));
  await page.goto(`${env.site.url}/`);
  await ui.submit.waitFor();
});

test("the release page loads whole (no resource refused by its integrity hash) and changes the password", async () => {
  await ui.fill("Start-Here-2026", "Blue-Harbour-42");
  await ui.submit.click();
  await ui.result.waitFor();
  assert.match(read(await ui.result.textContent()), /password has been changed/i);
  assert.match(await page.locator("#events").textContent(), /^password-changed /);
  assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  const calls = (await env.graph.requests()).map((r) => r.path);
  assert.deepEqual(calls, ["/v1.0/me/changePassword"]);
});

test("its breach-check box remounts the form with the local range API, which refuses Summer2024!", async () => {
  await page.locator("#breach-check").check();
  const inputs = page.locator("input[type=password]");
  await inputs.nth(0).fill("Start-Here-2026");
  await inputs.nth(1).fill("Summer2024!");
  await inputs.nth(2).fill("Summer2024!");
  await ui.submit.click();
  await page.locator(".gcp__summary:not([hidden])").waitFor();
  assert.match(read(await page.locator(".gcp__summary").textContent()), /appeared 48,213 times in data breaches/);
  const calls = (await env.graph.requests()).map((r) => r.path);
  assert.equal(calls.length, 1);
  assert.match(calls[0], /^\/pwned\/range\/[0-9A-F]{5}$/);
});
