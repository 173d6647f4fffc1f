// Graph fidelity and security beyond the anchors, end to end against the local Graph: the token
// preflight for the page's developer, and the reset link. (Sign out everywhere: sign-out.test.mjs.)
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChangePasswordPage, jwt, useLocalGraph } from "./harness.mjs";

const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});


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
