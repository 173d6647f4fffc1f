// End to end: the built component in Chromium, typed into like a person, against the real
// local Graph emulator over HTTP. Asserts on what the user sees and on what the server got.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ChangePasswordPage, read, outputDir, useLocalGraph } from "./harness.mjs";

const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

const failedKinds = async () => (await ui.events()).filter((e) => e.type === "password-change-failed").map((e) => e.detail.kind);

describe("against the local Graph", () => {
  test("success: message, cleared fields, event, and the password really changed", async () => {
    await ui.open(env.site.url, env.graph.url, { upn: "adele.vance@contoso.example" });
    const text = await ui.change(OLD, NEW);
    assert.match(text, /Your password has been changed/);
    assert.equal(await ui.result.locator("..").getAttribute("role"), "status", "announced politely");
    for (const field of [ui.current, ui.newPassword, ui.confirm]) assert.equal(await field.inputValue(), "");
    await page.screenshot({ path: join(outputDir, "success.png"), fullPage: true });
    const events = await ui.events();
    assert.equal(events.length, 1);
    assert.equal(events[0].type, "password-changed");
    assert.equal(events[0].detail.kind, "changed");
    assert.equal(events[0].detail.status, 204);

    const seen = await env.graph.requests();
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, "POST");
    assert.equal(seen[0].path, "/v1.0/me/changePassword");
    assert.equal(seen[0].token, "valid");
    assert.match(seen[0].contentType, /^application\/json/);
    assert.deepEqual(seen[0].bodyFields, ["currentPassword", "newPassword"]);
    assert.match(seen[0].clientRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(seen[0].clientRequestId, events[0].detail.clientRequestId);

    // The old password is now refused as the current one, and the new one is accepted.
    assert.match(await ui.change(OLD, "Green-Valley-77"), /current password is not correct/);
    await ui.newPassword.fill("");
    await ui.confirm.fill("");
    assert.match(await ui.change(NEW, "Green-Valley-77"), /has been changed/);
  });

  test("wrong current password: clears only that field and focuses it", async () => {
    await ui.open(env.site.url, env.graph.url);
    const text = await ui.change("Not-The-Password-1", NEW);
    assert.match(text, /Your current password is not correct/);
    assert.equal(await ui.current.inputValue(), "");
    assert.equal(await ui.newPassword.inputValue(), NEW);
    assert.equal(await ui.confirm.inputValue(), NEW);
    await page.waitForFunction(() => document.activeElement?.autocomplete === "current-password");
    assert.deepEqual(await failedKinds(), ["wrong-current-password"]);
    const [event] = await ui.events();
    assert.equal(event.detail.status, 400);
    assert.match(event.detail.requestId, /^[0-9a-f-]{36}$/);
    assert.match(await ui.details.textContent(), new RegExp(`request-id ${event.detail.requestId}`));
  });

  test("policy rejection: a banned word (Graph's complexity text), then a recently used password", async () => {
    await ui.open(env.site.url, env.graph.url);
    const banned = await ui.change(OLD, "P@ssw0rd-2026");
    assert.match(banned, /too easy to guess/);
    assert.match(banned, /passphrase of three or four unrelated words/);
    assert.doesNotMatch(banned, /lowercase|uppercase|symbols/, "no character-kinds lecture");
    assert.match(await ui.details.textContent(), /does not comply with password complexity requirements/);
    await page.screenshot({ path: join(outputDir, "error-policy.png"), fullPage: true });
    assert.equal(await ui.newPassword.inputValue(), "P@ssw0rd-2026", "new password kept");
    await page.reload();
    await ui.submit.waitFor();
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.match(await ui.change(NEW, OLD), /used this new password recently/);
    assert.deepEqual(await failedKinds(), ["policy-rejected"]);
  });

  test("expired token: the host is asked once more and the retry succeeds", async () => {
    await ui.open(env.site.url, env.graph.url, { tokens: ["expired-token", "demo-token"] });
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.equal(await ui.tokenCalls(), 2);
    assert.deepEqual((await env.graph.requests()).map((r) => [r.token, r.status]), [["expired", 401], ["valid", 204]]);
  });

  test("expired token twice: sign-in expired, one retry only", async () => {
    await ui.open(env.site.url, env.graph.url, { tokens: ["expired-token"] });
    assert.match(await ui.change(OLD, NEW), /Your sign-in has expired/);
    assert.equal((await env.graph.requests()).length, 2);
    assert.deepEqual(await failedKinds(), ["sign-in-expired"]);
  });

  test("403: not allowed to change the password here", async () => {
    await ui.open(env.site.url, env.graph.url, { tokens: ["no-permission-token"] });
    assert.match(await ui.change("Synced-From-AD-1", NEW), /You cannot change your password here/);
    assert.match(await ui.details.textContent(), /HTTP 403, code Authorization_RequestDenied/);
    assert.deepEqual(await failedKinds(), ["forbidden"]);
  });

  test("429: too many attempts; the wait is shown when the browser may read Retry-After", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "throttle", retryAfter: 30, hideRetryAfter: true });
    const hidden = await ui.change(OLD, NEW);
    assert.match(hidden, /Too many attempts/);
    assert.doesNotMatch(hidden, /try again in 30 seconds/);
    await env.graph.fault({ kind: "throttle", retryAfter: 30 });
    await ui.current.fill(OLD);
    await ui.submit.click();
    await page.getByText(/You can try again in/).waitFor();
    assert.match(read(await ui.result.textContent()), /try again in 30 seconds/);
    assert.deepEqual(await failedKinds(), ["throttled", "throttled"]);
  });

  test("503: temporarily unavailable, a different message from 429", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "unavailable", retryAfter: 10 });
    const text = await ui.change(OLD, NEW);
    assert.match(text, /temporarily unavailable/);
    assert.doesNotMatch(text, /Too many attempts/);
    assert.deepEqual(await failedKinds(), ["unavailable"]);
    await page.screenshot({ path: join(outputDir, "error-unavailable.png"), fullPage: true });
  });

  test("500 with an HTML body: a service problem, with its status", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "html500" });
    assert.match(await ui.change(OLD, NEW), /Microsoft Graph had a problem \(error 500\)/);
    assert.deepEqual((await ui.events()).map((e) => [e.detail.kind, e.detail.status]), [["server-error", 500]]);
  });

  test("Graph's message with markup in it is shown as text in the help-desk line, never as HTML", async () => {
    await ui.open(env.site.url, env.graph.url);
    const message = `<img src=x onerror="window.pwned=1"><b>bold</b> text`;
    await env.graph.fault({
      kind: "answer", status: 400, contentType: "application/json",
      body: JSON.stringify({ error: { code: "Request_BadRequest", message, innerError: { "request-id": "r-1" } } }),
    });
    assert.match(await ui.change(OLD, NEW), /could not accept this request/);
    assert.ok((await ui.details.textContent()).includes(message), "the message, character for character");
    assert.equal(await page.locator(".gcp img, .gcp b").count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });

  test("malformed JSON: a generic failure that still shows the status", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "malformed", status: 400 });
    assert.match(await ui.change(OLD, NEW), /does not understand \(HTTP 400\)/);
    assert.deepEqual(await failedKinds(), ["unexpected-response"]);
  });

  test("network failure: a dropped connection means Graph cannot be reached", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "close" });
    assert.match(await ui.change(OLD, NEW), /Cannot reach Microsoft Graph\. Check your internet connection/);
    assert.deepEqual(await ui.events().then((e) => e.map((x) => [x.detail.kind, x.detail.status])), [["network-error", null]]);
    assert.equal(await ui.newPassword.inputValue(), NEW);
  });

  test("timeout: the request is aborted and the user told it may have gone through", async () => {
    await ui.open(env.site.url, env.graph.url, { timeoutMs: 1500 });
    await env.graph.fault({ kind: "delay", ms: 4000 });
    const started = Date.now();
    assert.match(await ui.change(OLD, NEW), /no answer within 2 seconds/);
    assert.ok(Date.now() - started < 3900, "aborted before the server answered");
    assert.deepEqual(await failedKinds(), ["timeout"]);
  });

  test("double click sends one request and the button says it is busy", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "delay", ms: 800 });
    await ui.fill(OLD, NEW);
    await ui.submit.dblclick();
    await ui.busy.waitFor();
    assert.ok(await ui.busy.isDisabled());
    assert.equal(await ui.current.getAttribute("readonly"), "");
    await ui.result.waitFor();
    assert.equal((await env.graph.requests()).length, 1);
    assert.equal(await ui.tokenCalls(), 1);
  });

  test("client checks stop bad input before any request", async () => {
    await ui.open(env.site.url, env.graph.url);
    await ui.fill(OLD, "short");
    await ui.submit.click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    assert.match(read(await summary.textContent()), /at least 8 characters; it has 5/);
    await page.screenshot({ path: join(outputDir, "error-summary.png"), fullPage: true });
    assert.equal((await env.graph.requests()).length, 0);
    assert.equal(await ui.tokenCalls(), 0);
  });

  test("loading the module mounts nothing until the page calls mount", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    assert.equal(await page.locator("#change-password").innerHTML(), "");
    assert.equal(await page.locator("form").count(), 0);
    const error = await page.evaluate(async () => {
      const { mount } = await import("/graph-change-password.js");
      try { mount(document.getElementById("change-password"), { getToken: "not a function" }); } catch (e) { return e.message; }
    });
    assert.match(error, /getToken must be a function/);
    assert.equal(await page.locator("form").count(), 0, "bad options mount nothing");
  });

  test("nothing leaks: no password in the URL, storage, console, DOM attributes or emulator output", async () => {
    // The passwords, and the token: never stored, never in an attribute or the address.
    const secrets = [OLD, NEW, "Wrong-Current-9", "demo-token"];
    const leaks = () => page.evaluate((secrets) => {
      const attrs = [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
      const places = [location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie, ...attrs];
      return places.filter((p) => secrets.some((s) => p.includes(s)));
    }, secrets);
    await ui.open(env.site.url, env.graph.url, { upn: "adele.vance@contoso.example" });
    await ui.fill("Wrong-Current-9", NEW);
    // While the passwords are typed, shown as text, and on their way: no attribute holds them.
    await page.getByRole("button", { name: "Show new password" }).click();
    assert.deepEqual(await leaks(), [], "typed and shown");
    await env.graph.fault({ kind: "delay", ms: 600 });
    await ui.submit.click();
    await ui.busy.waitFor();
    assert.deepEqual(await leaks(), [], "in flight");
    await page.getByText(/current password is not correct/).waitFor();
    await ui.current.pressSequentially(OLD);
    await ui.submit.click();
    await page.getByText(/has been changed/).waitFor();
    assert.deepEqual(await leaks(), [], "after the change");
    for (const line of ui.console) for (const s of secrets) assert.ok(!line.includes(s), line);
    const printed = env.graph.log();
    assert.match(printed, /listening on/, "the banner is read too");
    assert.match(printed, /POST \/v1\.0\/me\/changePassword/, "and the request log");
    for (const s of [OLD, NEW, "Wrong-Current-9", "Synced-From-AD-1", "demo-token", "no-permission-token"]) {
      assert.ok(!printed.includes(s), `the emulator printed ${s}`);
    }
    assert.equal(await page.locator('input[autocomplete="username"]').inputValue(), "adele.vance@contoso.example");
  });
});
