// Trust before reach: "changed" only when Graph said 204, a form that never stays stuck, and
// nothing in flight outliving the form. Each test drives the built component in Chromium
// against the local Graph over real HTTP, through faults a proxy, a portal or a host can cause.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChangePasswordPage, useLocalGraph } from "./harness.mjs";

const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

const details = async () => (await ui.events()).map((e) => [e.type, e.detail.kind, e.detail.status]);

/** The form is usable again: button enabled and named, fields editable. */
async function assertUsable() {
  await ui.submit.waitFor();
  assert.ok(await ui.submit.isEnabled(), "the button is enabled");
  for (const field of [ui.current, ui.newPassword, ui.confirm]) {
    assert.equal(await field.getAttribute("readonly"), null, "fields are editable");
  }
}

describe("only 204 is success (1, 13)", () => {
  test("a 200 with a page in it is an unexpected response: nothing cleared, the real status told", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "answer", status: 200, contentType: "text/html", body: "<html><body><h1>Welcome to the Wi-Fi</h1></body></html>" });
    const text = await ui.change(OLD, NEW);
    assert.doesNotMatch(text, /has been changed/);
    assert.match(text, /does not understand \(HTTP 200\)/);
    assert.equal(await ui.newPassword.inputValue(), NEW, "what the user typed is kept");
    assert.deepEqual(await details(), [["password-change-failed", "unexpected-response", 200]]);
  });

  test("a redirect is never followed and never success", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "answer", status: 302, headers: { Location: `${env.graph.base}/_emulator/portal` } });
    const text = await ui.change(OLD, NEW);
    assert.match(text, /answered with a redirect/);
    // The emulator prints every request it gets; the portal must not be among them.
    assert.match(env.graph.log(), /POST \/v1\.0\/me\/changePassword -> 302/);
    assert.doesNotMatch(env.graph.log(), /GET \/_emulator\/portal/, "the portal was never asked");
    assert.deepEqual(await details(), [["password-change-failed", "unexpected-response", null]]);
    await assertUsable();
  });
});

describe("401 and 403 are decided by status (2, 12)", () => {
  test("401 with no body: one retry with forceRefresh, then sign-in expired", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "answer", status: 401, times: 2 });
    assert.match(await ui.change(OLD, NEW), /Your sign-in has expired/);
    assert.equal((await env.graph.requests()).length, 2);
    assert.deepEqual(await ui.tokenRequests(), [
      { reason: "change", forceRefresh: false },
      { reason: "retry", forceRefresh: true },
    ]);
    assert.deepEqual(await details(), [["password-change-failed", "sign-in-expired", 401]]);
  });

  test("403 with no body is forbidden", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "answer", status: 403 });
    assert.match(await ui.change(OLD, NEW), /You cannot change your password here/);
    assert.deepEqual(await details(), [["password-change-failed", "forbidden", 403]]);
  });

  test("a claims challenge is passed to getToken, and the retry succeeds", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "claimsChallenge" });
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    const [first, retry] = await ui.tokenRequests();
    assert.deepEqual(first, { reason: "change", forceRefresh: false });
    assert.equal(retry.reason, "retry");
    assert.equal(retry.forceRefresh, true);
    assert.deepEqual(JSON.parse(retry.claims), { access_token: { nbf: { essential: true, value: "1700000000" } } });
    assert.deepEqual((await env.graph.requests()).map((r) => r.status), [401, 204]);
  });
});

describe("an unusable token sends nothing and leaves the form usable (3, 4, 13)", () => {
  for (const [name, token] of [["a line break", "abc\ndef"], ["a non-Latin-1 character", "tok€n"], ["a space", "Bearer abc"]]) {
    test(`a token with ${name}`, async () => {
      await ui.open(env.site.url, env.graph.url, { tokens: [token] });
      assert.match(await ui.change(OLD, NEW), /Sign in again/);
      assert.equal((await env.graph.requests()).length, 0, "nothing sent");
      assert.deepEqual(await details(), [["password-change-failed", "token-unavailable", null]]);
      // A second try, the same token: told to the user again, to the developer not.
      const calls = await ui.tokenCalls();
      await ui.submit.click();
      for (let i = 0; i < 50 && (await ui.tokenCalls()) === calls; i++) await page.waitForTimeout(20);
      await page.waitForTimeout(200);
      assert.equal((await details()).length, 2, "the second try was answered");
      // The developer learns why, once per form, without the token.
      const why = ui.console.filter((l) => l.includes("getToken gave a token with characters an HTTP header cannot carry"));
      assert.equal(why.length, 1, ui.console.join("\n"));
      assert.ok(!ui.console.some((l) => l.includes(token)), "the token is never logged");
      await assertUsable();
    });
  }

  test("a getToken that never settles is bounded by timeoutMs", async () => {
    await ui.open(env.site.url, env.graph.url, { tokens: ["<never>"], timeoutMs: 1500 });
    const started = Date.now();
    assert.match(await ui.change(OLD, NEW), /did not respond within 2 seconds, so nothing was sent/);
    assert.ok(Date.now() - started < 4000);
    assert.equal((await env.graph.requests()).length, 0);
    assert.deepEqual(await details(), [["password-change-failed", "token-unavailable", null]]);
    await assertUsable();
    assert.equal(await ui.newPassword.inputValue(), NEW, "what the user typed is kept");
  });
});

describe("unmount while busy (5)", () => {
  test("while waiting for getToken: nothing is sent and no event fires", async () => {
    await ui.open(env.site.url, env.graph.url, { tokens: ["<hold>"] });
    await ui.fill(OLD, NEW);
    await ui.submit.click();
    await ui.busy.waitFor();
    await page.evaluate(() => window.handle.unmount());
    await page.evaluate(() => window.releaseToken());
    await page.waitForTimeout(500);
    assert.equal(await page.locator("form").count(), 0);
    assert.equal((await env.graph.requests()).length, 0, "nothing sent");
    assert.deepEqual(await ui.events(), []);
  });

  test("while the request is in flight: it is aborted and no event fires", async () => {
    const failed = [];
    page.on("requestfailed", (r) => { if (r.url().endsWith("/me/changePassword")) failed.push(r.failure()?.errorText); });
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "delay", ms: 1500 });
    await ui.fill(OLD, NEW);
    await ui.submit.click();
    while ((await env.graph.requests()).length === 0) await page.waitForTimeout(20);
    await page.evaluate(() => window.handle.unmount());
    await page.waitForTimeout(2000);
    assert.deepEqual(failed, ["net::ERR_ABORTED"]);
    assert.deepEqual(await ui.events(), []);
  });
});

describe("the form itself (6, 7, 8, 11)", () => {
  test("the form's data set holds no password, and a native submission carries none", async () => {
    await ui.open(env.site.url, env.graph.url, { upn: "adele.vance@contoso.example" });
    await ui.fill(OLD, NEW);
    const values = await page.evaluate(() => [...new FormData(document.querySelector("form.gcp")).values()].map(String));
    for (const secret of [OLD, NEW]) assert.ok(!values.includes(secret), `FormData holds ${secret}`);
    // What the browser itself sends when the form is submitted natively: the request's body.
    const posts = [];
    page.on("request", (r) => { if (r.method() === "POST" && r.isNavigationRequest()) posts.push({ url: r.url(), body: r.postData() ?? "" }); });
    await Promise.all([page.waitForEvent("load"), page.evaluate(() => document.querySelector("form.gcp").submit())]);
    assert.equal(posts.length, 1, "the browser submitted the form");
    assert.match(posts[0].body, /username=adele\.vance%40contoso\.example/, "the named field went, so a named password would have");
    for (const secret of [OLD, NEW]) {
      assert.ok(!posts[0].body.includes(secret) && !posts[0].url.includes(secret), `the submission carried ${secret}`);
    }
  });

  test("host theming: --gcp-accent on an ancestor colours the button; dark defaults still apply", async () => {
    await ui.open(env.site.url, env.graph.url);
    await page.evaluate(() => document.querySelector("main").style.setProperty("--gcp-accent", "rgb(1, 2, 3)"));
    const background = () => ui.submit.evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(await background(), "rgb(1, 2, 3)");
    const dark = await env.browser.newPage({ colorScheme: "dark" });
    const darkUi = new ChangePasswordPage(dark);
    await darkUi.open(env.site.url, env.graph.url);
    assert.equal(await darkUi.submit.evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(168, 199, 250)");
    await dark.close();
  });

  test("wrong current password: one message, focus on the emptied field, no error summary", async () => {
    await ui.open(env.site.url, env.graph.url);
    assert.match(await ui.change("Not-The-Password-1", NEW), /Your current password is not correct/);
    await page.waitForFunction(() => document.activeElement?.autocomplete === "current-password");
    assert.equal(await page.locator(".gcp__summary").isVisible(), false, "no error summary");
    const alerts = await page.getByRole("alert").allTextContents();
    assert.deepEqual(alerts.filter((t) => t.trim()).length, 1, `one alert: ${JSON.stringify(alerts)}`);
    assert.equal(await ui.current.getAttribute("aria-invalid"), null);
  });

  test("client-request-id comes from crypto.randomUUID, and is left out if that fails", async () => {
    await page.addInitScript(() => { crypto.randomUUID = () => { throw new Error("no"); }; });
    await ui.open(env.site.url, env.graph.url);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    const [seen] = await env.graph.requests();
    assert.equal(seen.clientRequestId, null, "no made-up id");
    assert.equal((await ui.events())[0].detail.clientRequestId, null);
  });
});

describe("answers that may have changed the password are told as uncertain (issue 17)", () => {
  test("a gateway's 504 after the directory applied the change: may or may not; the next wrong current password says the previous attempt may have gone through", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "appliedThenGatewayTimeout" });
    const text = await ui.change(OLD, NEW);
    assert.match(text, /did not confirm the change \(error 504\)/);
    assert.match(text, /may or may not have changed: try signing in with your new password first/);
    assert.deepEqual(await details(), [["password-change-failed", "server-error", 504]]);
    await ui.current.fill(OLD); // the user tries again, with the password that no longer works
    await ui.submit.click();
    await page.getByText(/current password is not correct/).waitFor();
    assert.match(await ui.result.textContent(), /previous attempt may have gone through, so your new password may already be the one to use/);
  });

  test("a connection dropped after the change was applied: network error, then the same note", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "appliedThenClose" });
    assert.match(await ui.change(OLD, NEW), /Cannot reach Microsoft Graph/);
    await ui.current.fill(OLD);
    await ui.submit.click();
    await page.getByText(/current password is not correct/).waitFor();
    assert.match(await ui.result.textContent(), /previous attempt may have gone through/);
    await ui.current.fill(NEW);
    await ui.newPassword.fill("Green-Valley-77");
    await ui.confirm.fill("Green-Valley-77");
    await ui.submit.click();
    await page.getByText(/has been changed/).waitFor();
  });

  test("a plain 500 is not uncertain: the next wrong current password says nothing of it", async () => {
    await ui.open(env.site.url, env.graph.url);
    await env.graph.fault({ kind: "html500" });
    assert.match(await ui.change("Not-The-Password-1", NEW), /Microsoft Graph had a problem \(error 500\)/);
    await ui.submit.click();
    await page.getByText(/current password is not correct/).waitFor();
    assert.doesNotMatch(await ui.result.textContent(), /previous attempt/);
  });
});
