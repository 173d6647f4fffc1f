// Graph fidelity and security beyond the anchors, end to end against the local Graph: sign out
// everywhere, the token preflight for the page's developer, and the reset link.
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

const checkbox = () => page.getByRole("checkbox", { name: "Also sign me out everywhere, including on this device" });
const changed = async () => (await ui.events()).filter((e) => e.type === "password-changed").map((e) => e.detail.signOutEverywhere);
const revokes = async () => (await env.graph.requests()).filter((r) => r.path.endsWith("/revokeSignInSessions"));

describe("sign out everywhere (opt-in)", () => {
  test("not offered unless the host asks", async () => {
    await ui.open(env.site.url, env.graph.url);
    assert.equal(await checkbox().count(), 0);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual(await changed(), ["not-requested"]);
  });

  test("offered and left unchecked: no revoke", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    assert.equal(await checkbox().isChecked(), false, "unchecked by default");
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual(await revokes(), []);
    assert.deepEqual(await changed(), ["not-requested"]);
  });

  test("checked: the change, then revokeSignInSessions with a revoke token; the event waits for it", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await ui.submit.click();
    await page.getByText(/signed out everywhere/).waitFor();
    assert.match(await ui.result.textContent(), /Your password has been changed/);
    assert.deepEqual((await env.graph.requests()).map((r) => [r.path, r.status]), [
      ["/v1.0/me/changePassword", 204],
      ["/v1.0/me/revokeSignInSessions", 200],
    ]);
    assert.deepEqual((await ui.tokenRequests()).map((r) => r.reason), ["change", "revoke"]);
    assert.deepEqual(await changed(), ["done"]);
    assert.equal(await checkbox().isChecked(), false, "unchecked again after success");
  });

  test("a failed revoke never hides that the password changed", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { offerSignOutEverywhere: true } });
    await env.graph.fault({ kind: "revokeFails", status: 503 });
    await ui.fill(OLD, NEW);
    await checkbox().check();
    await ui.submit.click();
    await page.getByText(/could not sign you out everywhere/).waitFor();
    assert.match(await ui.result.textContent(), /Your password has been changed/);
    assert.deepEqual(await changed(), ["failed"]);
    assert.deepEqual((await revokes()).map((r) => r.status), [503]);
  });

  test("the element's boolean attribute: present means true", async () => {
    await page.goto(`${env.site.url}/pages/blank.html`);
    await page.evaluate(async (url) => {
      const { default: init } = await import("/graph-change-password.js");
      await init({ module_or_path: "/graph-change-password_bg.wasm" });
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", url);
      el.setAttribute("offer-sign-out-everywhere", "false");
      el.getToken = async () => "demo-token";
      document.querySelector("main").append(el);
      window.el = el;
    }, env.graph.url);
    await checkbox().waitFor();
    await page.evaluate(() => window.el.removeAttribute("offer-sign-out-everywhere"));
    await checkbox().waitFor({ state: "detached" });
  });
});

/** A JWT-shaped token with this payload (unsigned: the component never verifies, only reads). */
const jwt = (payload) => ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "c2ln"].join(".");

describe("token preflight for the page's developer", () => {
  test("a token for another API, without the scope, expired: one warning each, once per mount", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await ui.open(env.site.url, env.graph.url, { tokens: [jwt({ aud: "api://contoso-hr", scp: "User.Read", exp: 1000 })] });
    await ui.change(OLD, NEW);
    await ui.current.fill(OLD);
    await ui.submit.click();
    await page.waitForFunction(() => window.tokenCalls >= 4);
    await ui.result.waitFor();
    assert.equal(warnings.filter((w) => w.includes("(aud)")).length, 1, warnings.join("\n"));
    assert.equal(warnings.filter((w) => w.includes("(scp)")).length, 1);
    assert.equal(warnings.filter((w) => w.includes("(exp)")).length, 1);
    for (const w of warnings) assert.ok(!w.includes("eyJ") && !w.includes("contoso-hr"), "the token is never shown");
    assert.equal((await env.graph.requests()).length, 4, "the user's flow is unchanged: sent, refused, retried");
  });

  test("a Graph token with the scope, and an opaque token: silence", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    const good = jwt({ aud: "https://graph.microsoft.com", scp: "openid User-PasswordProfile.ReadWrite.All", exp: Date.now() / 1000 + 3600 });
    await ui.open(env.site.url, env.graph.url, { tokens: [good] });
    await ui.change(OLD, NEW);
    assert.deepEqual(warnings, []);
    await page.close();
    page = env.page = await env.browser.newPage();
    ui = new ChangePasswordPage(page);
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await ui.open(env.site.url, env.graph.url);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual(warnings, []);
  });
});

describe("a way out for a forgotten password", () => {
  test("Microsoft's reset page under the current password and with the wrong-password message", async () => {
    await ui.open(env.site.url, env.graph.url);
    const links = page.getByRole("link", { name: "Forgot your password?" });
    assert.equal(await links.count(), 1);
    assert.equal(await links.first().getAttribute("href"), "https://passwordreset.microsoftonline.com/");
    await ui.change("Not-The-Password-1", NEW);
    assert.equal(await links.count(), 2);
    assert.equal(await ui.result.getByRole("link", { name: "Forgot your password?" }).getAttribute("href"), "https://passwordreset.microsoftonline.com/");
  });

  test("a host's own reset page; an empty string hides it; http is refused", async () => {
    await ui.open(env.site.url, env.graph.url, { extra: { resetPasswordUrl: "https://sspr.contoso.example/reset" } });
    assert.equal(await page.getByRole("link", { name: "Forgot your password?" }).getAttribute("href"), "https://sspr.contoso.example/reset");
    const error = await page.evaluate(async () => {
      const { mount } = await import("/graph-change-password.js");
      try { mount(document.createElement("div"), { getToken: () => "t", resetPasswordUrl: "http://sspr.example/" }); } catch (e) { return e.message; }
    });
    assert.match(error, /options\.resetPasswordUrl must be an https:\/\/ address/);
    await page.evaluate(() => window.handle.unmount());
    await page.evaluate(async (url) => {
      const { mount } = await import("/graph-change-password.js");
      window.handle = mount(document.getElementById("change-password"), { baseUrl: url, getToken: () => "demo-token", resetPasswordUrl: "" });
    }, env.graph.url);
    await ui.submit.waitFor();
    assert.equal(await page.getByRole("link", { name: "Forgot your password?" }).count(), 0);
  });
});
