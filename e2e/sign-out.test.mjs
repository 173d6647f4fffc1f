// "Also sign me out everywhere", end to end against the local Graph: the 204 is told at once and
// exactly once, the revoke token is in hand before the change is sent, the revoke follows on its
// own (keepalive) and is told as Microsoft documents its answers, each call's token is checked
// against its own scope, and a host that unmounts the form once the password changed does not
// cancel it (it only hears nothing more).
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ADELE_ID, ChangePasswordPage, jwt, useLocalGraph } from "./harness.mjs";

const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";
const REVOKE_PATH = "/v1.0/me/revokeSignInSessions";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

const checkbox = () => page.getByRole("checkbox", { name: "Also sign me out everywhere, including on this device" });
const events = async (type) => (await ui.events()).filter((e) => e.type === type).map((e) => e.detail);
const revokes = async () => (await env.graph.requests()).filter((r) => r.path === REVOKE_PATH);

/** Opens the form with the box offered and ticked, types a valid entry and submits. */
async function submitWithSignOut(options = {}) {
  await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true }, ...options });
  await ui.fill(OLD, NEW);
  await checkbox().check();
  await ui.submit.click();
}

describe("sign out everywhere is opt-in", () => {
  test("not offered unless the host asks; offered and left unchecked: no revoke token, no revoke", async () => {
    await ui.open(env.site.url, env.graph.url);
    assert.equal(await checkbox().count(), 0);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual((await events("password-changed")).map((d) => d.signOutEverywhere), ["not-requested"]);
    await page.close();
    page = env.page = await env.browser.newPage();
    ui = new ChangePasswordPage(page);
    await env.graph.reset();
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    assert.equal(await checkbox().isChecked(), false, "unchecked by default");
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual(await revokes(), []);
    assert.deepEqual((await ui.tokenRequests()).map((r) => r.reason), ["change"]);
    assert.deepEqual(await events("sign-out-everywhere"), []);
  });
});

describe("checked", () => {
  test("the revoke token is asked, and in hand, before the change is sent", async () => {
    await submitWithSignOut({ tokens: ["<hold>", "demo-token"] });
    await page.waitForFunction(() => window.tokenCalls === 1);
    assert.deepEqual((await ui.tokenRequests()).map((r) => r.reason), ["revoke"]);
    await page.waitForTimeout(300);
    assert.deepEqual(await env.graph.requests(), [], "nothing sent while the revoke token is awaited");
    await page.evaluate(() => window.releaseToken());
    await page.getByText(/sessions will be signed out within a few minutes/).waitFor();
    assert.deepEqual((await ui.tokenRequests()).map((r) => r.reason), ["revoke", "change"]);
    assert.deepEqual((await env.graph.requests()).map((r) => [r.path, r.status]), [
      ["/v1.0/me/changePassword", 204],
      [REVOKE_PATH, 200],
    ]);
    assert.deepEqual((await events("password-changed")).map((d) => d.signOutEverywhere), ["requested"]);
    const [signedOut] = await events("sign-out-everywhere");
    assert.deepEqual([signedOut.result, signedOut.status], ["done", 200]);
    assert.match(signedOut.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(await checkbox().isChecked(), false, "unchecked again after success");
  });

  test("a revoke that never answers: the 204 is on screen within 500 ms and told once", async () => {
    await ui.open(env.site.url, env.graph.url, { timeoutMs: 20000, extra: { offerSignOutEverywhere: true } });
    await env.graph.fault({ kind: "delay", ms: 30000, call: "revokeSignInSessions" });
    const answered = page.waitForResponse((r) => r.url().endsWith("/me/changePassword")).then(() => Date.now());
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await ui.submit.click();
    const at204 = await answered;
    await ui.result.getByText(/Your password has been changed/).waitFor();
    const shown = Date.now() - at204;
    assert.ok(shown < 500, `shown ${shown} ms after the 204`);
    assert.match(await ui.result.textContent(), /Signing you out everywhere/);
    assert.equal((await events("password-changed")).length, 1);
  });

  // The 401 case: the revoke's retry (with forceRefresh) must not ask the host for a token once
  // the form is gone.
  for (const [answered, fault, status] of [
    ["1.5 s later", { kind: "delay", ms: 1500 }, 200],
    ["401", { kind: "answer", status: 401, contentType: "application/json", body: '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}' }, 401],
  ]) {
    test(`a host that unmounts the form on password-changed does not cancel the revoke the user asked for (answered ${answered}); nothing more is told or asked`, async () => {
      await ui.open(env.site.url, env.graph.url, { timeoutMs: 20000, extra: { offerSignOutEverywhere: true } });
      await env.graph.fault({ ...fault, call: "revokeSignInSessions" });
      const failed = [];
      page.on("requestfailed", (r) => { if (r.url().endsWith("/revokeSignInSessions")) failed.push(r.failure()?.errorText); });
      await page.evaluate(() => document.addEventListener("password-changed", () => window.handle.unmount()));
      const revoked = page.waitForResponse((r) => r.url().endsWith("/revokeSignInSessions") && r.request().method() === "POST", { timeout: 10000 });
      await ui.fill(OLD, NEW);
      await checkbox().check();
      await ui.submit.click();
      assert.equal((await revoked).status(), status, "answered after the form went away");
      await page.waitForTimeout(500);
      assert.deepEqual(failed, [], "not aborted");
      assert.equal(await page.locator("form.gcp").count(), 0, "the form is gone");
      assert.deepEqual((await ui.events()).map((e) => e.type), ["password-changed"], "nothing more was told");
      assert.deepEqual((await ui.tokenRequests()).map((r) => r.reason), ["revoke", "change"], "no token asked after the unmount");
      assert.equal((await revokes()).length, 1, "no second revoke");
    });
  }

  test("a failed revoke never hides that the password changed", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    await env.graph.fault({ kind: "refuse", status: 503, call: "revokeSignInSessions" });
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await ui.submit.click();
    await page.getByText(/could not sign you out everywhere/).waitFor();
    assert.match(await ui.result.textContent(), /Your password has been changed/);
    const [signedOut] = await events("sign-out-everywhere");
    assert.deepEqual([signedOut.result, signedOut.status], ["failed", 503]);
  });

  for (const [answer, result] of [
    [{ status: 204 }, "done"],
    [{ status: 200, contentType: "application/json", body: '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}' }, "done"],
    [{ status: 200, contentType: "application/json", body: '{"value":false}' }, "failed"],
    [{ status: 200, contentType: "text/html", body: "<html><body>Sign in to the Wi-Fi</body></html>" }, "failed"],
    [{ status: 403, contentType: "application/json", body: '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}' }, "failed"],
  ]) {
    test(`the revoke answered ${answer.status} ${answer.body ?? "(no body)"}: ${result}`, async () => {
      await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
      await env.graph.fault({ kind: "answer", call: "revokeSignInSessions", ...answer });
      await ui.fill(OLD, NEW);
      await checkbox().check();
      await ui.submit.click();
      await page.waitForFunction(() => window.hostEvents.some((e) => e.type === "sign-out-everywhere"));
      const [signedOut] = await events("sign-out-everywhere");
      assert.deepEqual([signedOut.result, signedOut.status], [result, answer.status]);
      const line = result === "done" ? /sessions will be signed out within a few minutes/ : /could not sign you out everywhere/;
      assert.match(await ui.result.textContent(), line);
    });
  }

  test("a claims challenge on the revoke gets one retry with the claims, then it is done", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    await env.graph.fault({ kind: "claimsChallenge", call: "revokeSignInSessions" });
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await ui.submit.click();
    await page.waitForFunction(() => window.hostEvents.some((e) => e.type === "sign-out-everywhere"));
    const requests = await ui.tokenRequests();
    assert.deepEqual(requests.map((r) => [r.reason, r.forceRefresh]), [["revoke", false], ["change", false], ["revoke", true]]);
    assert.deepEqual(JSON.parse(requests[2].claims), { access_token: { nbf: { essential: true, value: "1700000000" } } });
    assert.deepEqual((await revokes()).map((r) => r.status), [401, 200]);
    assert.equal((await events("sign-out-everywhere"))[0].result, "done");
  });

  test("a page that navigates away on password-changed still delivers the revoke (keepalive)", async () => {
    // What makes it survive the navigation: the request is sent with keepalive (read from the
    // Request the page hands to fetch, since the local Graph sees it arrive either way).
    await page.addInitScript(() => {
      const fetch = window.fetch;
      window.fetch = function (input, init) {
        if (input instanceof Request && input.url.endsWith("/revokeSignInSessions")) sessionStorage.setItem("revokeKeepalive", String(input.keepalive));
        return fetch.call(this, input, init);
      };
    });
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    await page.evaluate(() => document.addEventListener("password-changed", () => { location.href = "/pages/blank.html"; }));
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await Promise.all([page.waitForURL(/blank\.html/), ui.submit.click()]);
    for (let i = 0; i < 50 && (await revokes()).length === 0; i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.deepEqual((await revokes()).map((r) => [r.token, r.status]), [["valid", 200]]);
    assert.equal(await page.evaluate(() => sessionStorage.getItem("revokeKeepalive")), "true");
  });
});

describe("each call's token against its own scope", () => {
  test("a revoke token without User.RevokeSessions.All: one console.warn naming it, and Graph's 403", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    const token = jwt({ aud: "https://graph.microsoft.com", oid: ADELE_ID, scp: "User-PasswordProfile.ReadWrite.All", exp: Date.now() / 1000 + 3600 });
    await submitWithSignOut({ tokens: [token] });
    await page.waitForFunction(() => window.hostEvents.some((e) => e.type === "sign-out-everywhere"));
    const named = warnings.filter((w) => w.includes("User.RevokeSessions.All"));
    assert.equal(named.length, 1, warnings.join("\n"));
    assert.match(named[0], /reason "revoke"/);
    assert.ok(!warnings.some((w) => w.includes('reason "change"')), "the change token had its scope");
    assert.deepEqual((await env.graph.requests()).map((r) => [r.path, r.status]), [
      ["/v1.0/me/changePassword", 204],
      [REVOKE_PATH, 403],
    ]);
    assert.equal((await events("sign-out-everywhere"))[0].result, "failed");
  });

  test("no revoke token to be had: the change is not sent, and the user is told why", async () => {
    await submitWithSignOut({ tokens: ["bad token with spaces", "demo-token"] });
    await ui.result.waitFor();
    assert.match(await ui.result.textContent(), /did not give permission to sign you out everywhere, so nothing was sent/);
    assert.deepEqual(await env.graph.requests(), []);
    assert.deepEqual((await events("password-change-failed")).map((d) => d.kind), ["token-unavailable"]);
    assert.equal(await ui.newPassword.inputValue(), NEW, "what was typed is kept");
  });
});
