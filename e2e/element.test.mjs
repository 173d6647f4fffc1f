// The <graph-change-password> door: README's plain-HTML snippet, run as written, against the
// local Graph; upgrade order, attributes, disconnect and a bad attribute.
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

/** A blank page with the module initialised: the element is defined, nothing else exists. */
async function blank() {
  await page.goto(`${env.site.url}/pages/blank.html`);
  await page.evaluate(async () => {
    const { default: init } = await import("/graph-change-password.js");
    await init({ module_or_path: "/graph-change-password_bg.wasm" });
    window.hostEvents = [];
    document.addEventListener("password-changed", (e) => window.hostEvents.push({ type: e.type, detail: e.detail }));
  });
}

describe("<graph-change-password>", () => {
  test("README's snippet: getToken set before the element is defined, a change, events from the element", async () => {
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    assert.equal(await page.locator("graph-change-password").evaluate((el) => el.shadowRoot), null, "light DOM");
    assert.equal(await page.locator("graph-change-password form input[type=password]").count(), 3);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    const events = await page.evaluate(() => window.hostEvents);
    assert.deepEqual(events.map((e) => [e.type, e.target, e.detail.kind]), [["password-changed", "graph-change-password", "changed"]]);
    assert.deepEqual(await page.evaluate(() => window.tokenRequests), [{ reason: "change", forceRefresh: false }]);
    const [seen] = await env.graph.requests();
    assert.equal(seen.path, "/v1.0/me/changePassword");
    assert.equal(await page.locator('input[autocomplete="username"]').inputValue(), "adele.vance@contoso.example");
  });

  test("defining the element mounts nothing; the form needs both a connection and getToken, in either order", async () => {
    await blank();
    assert.equal(await page.locator("form").count(), 0);
    await page.evaluate((url) => {
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", url);
      el.id = "a";
      document.querySelector("main").append(el);
    }, env.graph.url);
    assert.equal(await page.locator("#a form").count(), 0, "connected, no getToken yet");
    await page.evaluate(() => { document.getElementById("a").getToken = async () => "demo-token"; });
    await page.locator("#a form").waitFor();
    await page.evaluate((url) => {
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", url);
      el.id = "b";
      el.getToken = async () => "demo-token";
      document.querySelector("main").append(el);
    }, env.graph.url);
    await page.locator("#b form").waitFor();
    assert.equal(await page.locator("form").count(), 2);
  });

  test("attribute changes apply without losing what the user typed; disconnect removes the form", async () => {
    await blank();
    await page.evaluate((url) => {
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", "https://graph.microsoft.com/v1.0");
      el.getToken = async () => "demo-token";
      document.querySelector("main").append(el);
      window.el = el;
      window.graphUrl = url;
    }, env.graph.url);
    await ui.submit.waitFor();
    await ui.fill(OLD, NEW);
    await page.evaluate(() => {
      window.el.setAttribute("base-url", window.graphUrl);
      window.el.setAttribute("user-principal-name", "adele.vance@contoso.example");
    });
    await page.locator('input[autocomplete="username"]').waitFor({ state: "attached" });
    assert.equal(await ui.newPassword.inputValue(), NEW, "typed text kept");
    await ui.submit.click();
    await page.getByText(/has been changed/).waitFor();
    assert.equal((await env.graph.requests()).length, 1, "sent to the new base-url");
    await page.evaluate(() => window.el.remove());
    assert.equal(await page.locator("form").count(), 0);
    await page.evaluate(() => document.querySelector("main").append(window.el));
    await ui.submit.waitFor();
  });

  test("a bad attribute: a message in the element and the console naming it, nothing sent", async () => {
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await blank();
    await page.evaluate(() => {
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", "http://graph.example/v1.0");
      el.getToken = async () => "demo-token";
      document.querySelector("main").append(el);
      window.el = el;
    });
    const message = page.locator("graph-change-password .gcp-config-error");
    await message.waitFor();
    assert.match(await message.textContent(), /the base-url attribute must be https:\/\//);
    assert.ok(errors.some((e) => /base-url attribute/.test(e)), JSON.stringify(errors));
    assert.equal(await page.locator("form").count(), 0);
    await page.evaluate(() => window.el.setAttribute("timeout-ms", "soon"));
    await page.evaluate(() => window.el.setAttribute("base-url", "https://graph.microsoft.com/v1.0"));
    assert.match(await message.textContent(), /the timeout-ms attribute must be a whole number/);
    await page.evaluate(() => window.el.removeAttribute("timeout-ms"));
    await ui.submit.waitFor();
    assert.equal((await env.graph.requests()).length, 0);
  });
});

describe("userId: the beta's /users/{id}/changePassword", () => {
  test("the user's own id changes the password; another's is refused; a path is not an id", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    const mountWith = (userId) => page.evaluate(async ([url, userId]) => {
      const { mount } = await import("/graph-change-password.js");
      window.handle?.unmount();
      try {
        window.handle = mount(document.getElementById("change-password"), { baseUrl: url, userId, getToken: async () => "demo-token" });
      } catch (e) { return e.message; }
    }, [env.graph.url.replace("/v1.0", "/beta"), userId]);
    assert.match(await mountWith("../me"), /options\.userId must be/);
    assert.equal(await mountWith("6e8a1b52-5f0c-4d6f-9c44-2a1b7d0e9f10"), undefined);
    assert.match(await ui.change(OLD, NEW), /You cannot change your password here/);
    assert.match(await ui.details.textContent(), /Access to change password operation is denied/);
    assert.equal(await mountWith("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), undefined);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual((await env.graph.requests()).map((r) => [r.path, r.status]), [
      ["/beta/users/6e8a1b52-5f0c-4d6f-9c44-2a1b7d0e9f10/changePassword", 403],
      ["/beta/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301/changePassword", 204],
    ]);
  });
});

describe("mount(), README's snippet", () => {
  test("a page that calls mount as README shows changes a password", async () => {
    await page.goto(`${env.site.url}/pages/mount.html`);
    await ui.submit.waitFor();
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.deepEqual((await page.evaluate(() => window.hostEvents)).map((e) => e.detail.kind), ["changed"]);
    assert.equal(await page.locator('input[autocomplete="username"]').inputValue(), "adele.vance@contoso.example");
  });
});

describe("a host that calls things in odd orders", () => {
  test("mount() on an element that already holds a form replaces it; the old handle does nothing; a <graph-change-password> is refused", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    const result = await page.evaluate(async (url) => {
      const { mount } = await import("/graph-change-password.js");
      const target = document.getElementById("change-password");
      const options = { baseUrl: url, getToken: async () => "demo-token" };
      const first = mount(target, options);
      window.handle = mount(target, options);
      first.unmount(); // inert: the second form stays
      let refused;
      try { mount(document.createElement("graph-change-password"), options); } catch (e) { refused = e.message; }
      return { forms: target.querySelectorAll("form").length, refused };
    }, env.graph.url);
    assert.equal(result.forms, 1);
    assert.match(result.refused, /targetElement must be a DOM element \(not a <graph-change-password>/);
    assert.match(await ui.change(OLD, NEW), /has been changed/);
    assert.equal(await page.locator("input[type=password]").count(), 3, "no duplicate fields");
    assert.deepEqual((await ui.events()).map((e) => e.type), ["password-changed"], "one event");
  });

  test("a getToken that is not a function, set before or after the form rendered, shows a message naming it and sends nothing", async () => {
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await blank();
    await page.evaluate((url) => {
      const el = document.createElement("graph-change-password");
      el.setAttribute("base-url", url);
      el.getToken = "demo-token"; // a string, not a function
      document.querySelector("main").append(el);
      window.el = el;
    }, env.graph.url);
    const message = page.locator("graph-change-password .gcp-config-error");
    await message.waitFor();
    assert.match(await message.textContent(), /the getToken property must be a function/);
    assert.ok(errors.some((e) => e.includes("the getToken property must be a function")), errors.join("\n"));
    await page.evaluate(() => { window.el.getToken = async () => "demo-token"; });
    await ui.submit.waitFor();
    await ui.fill(OLD, NEW);
    await page.evaluate(() => { window.el.getToken = null; }); // removed after the form rendered
    await message.waitFor();
    assert.equal(await page.locator("form").count(), 0, "no form to submit");
    await page.evaluate(() => { window.el.getToken = async () => "demo-token"; });
    await ui.submit.waitFor();
    assert.equal(await ui.newPassword.inputValue(), NEW, "what was typed came back with the form");
    assert.equal((await env.graph.requests()).length, 0, "nothing was sent");
  });
});
