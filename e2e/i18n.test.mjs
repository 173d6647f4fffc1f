// Eight languages, end to end in Chromium against the local Graph: each locale renders with no
// English sentence left, in the empty form, an error summary and a server failure; Arabic is
// right to left; the fallback chain; a host's override; axe in every locale.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { ChangePasswordPage, outputDir, useLocalGraph } from "./harness.mjs";
import { english } from "./locales.mjs";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const root = resolve(import.meta.dirname, "..");
const AXE = join(root, "node_modules/axe-core/axe.min.js");
const OLD = "Start-Here-2026";

/** Every English fragment of 8+ characters between placeholders: none may be left elsewhere. */
const ENGLISH = Object.values(english)
  .flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)))
  .flatMap((text) => text.split(/\{[a-z_]+\}/))
  .map((s) => s.trim())
  .filter((s) => s.length >= 8);

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

/** Mounts with `options` inside an element whose ancestor has `lang` (or none). */
async function mountIn(options, lang) {
  await ui.open(env.site.url, env.graph.url, { noMount: true });
  return page.evaluate(async ([url, options, lang]) => {
    const { mount } = await import("/graph-change-password.js");
    const target = document.getElementById("change-password");
    if (lang) target.parentElement.setAttribute("lang", lang);
    try {
      window.handle = mount(target, { baseUrl: url, getToken: async () => "demo-token", timeoutMs: 5000, ...options });
    } catch (e) { return e.message; }
  }, [env.graph.url, options, lang]);
}

/** What a person reads or hears in the form: its text, and the names and live regions. */
const heard = () => page.evaluate(() => {
  const form = document.querySelector("form.gcp");
  const names = [...form.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label"));
  return [form.innerText, form.textContent, ...names].join("\n");
});

function englishLeft(text) {
  return ENGLISH.filter((s) => text.includes(s));
}

for (const [locale, password] of [["de", "Kennwort"], ["fr", "mot de passe"], ["es", "contraseña"], ["pt-BR", "senha"], ["ja", "パスワード"], ["zh-Hans", "密码"], ["ar", "كلمة المرور"]]) {
  describe(`locale ${locale}`, () => {
    test("no English left: empty form, error summary, server failure", async () => {
      await mountIn({ locale });
      await page.locator("form.gcp").waitFor();
      assert.equal(await page.locator("form.gcp").getAttribute("lang"), locale);
      assert.equal(await page.locator("form.gcp").getAttribute("dir"), locale === "ar" ? "rtl" : null);
      assert.ok((await page.locator("form.gcp label").first().textContent()).toLowerCase().includes(password.toLowerCase()));
      assert.deepEqual(englishLeft(await heard()), [], "empty form");
      const inputs = page.locator("form.gcp input[type=password]");
      await inputs.nth(1).pressSequentially("short");
      await page.locator("button[type=submit]").click();
      await page.locator(".gcp__summary:not([hidden])").waitFor();
      assert.deepEqual(englishLeft(await heard()), [], "error summary");
      await inputs.nth(0).fill("Not-The-Password-1");
      await inputs.nth(1).fill("Blue-Harbour-42");
      await inputs.nth(2).fill("Blue-Harbour-42");
      await page.locator("button[type=submit]").click();
      await ui.result.waitFor();
      assert.deepEqual(englishLeft(await heard()), [], "server failure");
      if (locale === "ar" || locale === "ja") {
        await page.screenshot({ path: join(outputDir, `locale-${locale}.png`), fullPage: true });
      }
    });
  });
}

describe("choosing the locale", () => {
  test("lang=de-AT on an ancestor gives German; lang=xx gives English", async () => {
    await mountIn({}, "de-AT");
    assert.equal(await page.locator("form.gcp").getAttribute("lang"), "de");
    assert.match(await page.locator("form.gcp label").first().textContent(), /Kennwort/);
    await page.close();
    page = env.page = await env.browser.newPage();
    ui = new ChangePasswordPage(page);
    await mountIn({}, "xx");
    assert.equal(await page.locator("form.gcp").getAttribute("lang"), "en");
    await ui.submit.waitFor();
  });

  test("a form in a shadow root takes the lang of the page around the root's host", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    await page.evaluate(async (url) => {
      const { mount } = await import("/graph-change-password.js");
      const outer = document.createElement("section");
      outer.setAttribute("lang", "fr");
      const host = document.createElement("div");
      outer.append(host);
      document.querySelector("main").append(outer);
      const target = document.createElement("div");
      host.attachShadow({ mode: "open" }).append(target);
      mount(target, { baseUrl: url, getToken: async () => "demo-token" });
    }, env.graph.url);
    const form = page.locator('form.gcp[lang="fr"]');
    await form.waitFor();
    assert.match(await form.locator("label").first().textContent(), /mot de passe/i);
  });

  test("the locale option wins over the page's lang; zh-TW is not zh-Hans", async () => {
    await mountIn({ locale: "ja" }, "de");
    assert.equal(await page.locator("form.gcp").getAttribute("lang"), "ja");
    await page.close();
    page = env.page = await env.browser.newPage();
    ui = new ChangePasswordPage(page);
    await mountIn({ locale: "zh-TW" }, "xx");
    assert.equal(await page.locator("form.gcp").getAttribute("lang"), "en");
  });

  test("the element's locale attribute is watched", async () => {
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    await page.evaluate(() => document.querySelector("graph-change-password").setAttribute("locale", "fr"));
    await page.locator('form.gcp[lang="fr"]').waitFor();
    assert.match(await page.locator("form.gcp label").first().textContent(), /mot de passe/i);
  });
});

describe("host overrides", () => {
  test("strings replaces the submit button's name in the active locale; a bad key throws naming it", async () => {
    await mountIn({ locale: "de", strings: { submit: "Kennwort jetzt ändern" } });
    await page.getByRole("button", { name: "Kennwort jetzt ändern" }).waitFor();
    const unknown = await page.evaluate(async () => {
      const { mount } = await import("/graph-change-password.js");
      try { mount(document.createElement("div"), { getToken: () => "t", strings: { submitt: "x" } }); } catch (e) { return e.message; }
    });
    assert.match(unknown, /options\.strings has no sentence "submitt"/);
    const notText = await page.evaluate(async () => {
      const { mount } = await import("/graph-change-password.js");
      try { mount(document.createElement("div"), { getToken: () => "t", strings: { submit: 42 } }); } catch (e) { return e.message; }
    });
    assert.match(notText, /options\.strings "submit" must be a string/);
  });
});

describe("axe in every locale", () => {
  for (const locale of ["en", "de", "fr", "es", "pt-BR", "ja", "zh-Hans", "ar"]) {
    test(`${locale}: error summary and server failure have no WCAG 2.2 A/AA violations`, async () => {
      await mountIn({ locale });
      const inputs = page.locator("form.gcp input[type=password]");
      await inputs.nth(1).waitFor();
      await inputs.nth(1).pressSequentially("short");
      await page.locator("button[type=submit]").click();
      await page.locator(".gcp__summary:not([hidden])").waitFor();
      await page.addScriptTag({ path: AXE });
      const run = () => page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } }))
        .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), AXE_TAGS);
      assert.deepEqual(await run(), [], "error summary");
      await inputs.nth(0).fill("Not-The-Password-1");
      await inputs.nth(1).fill("Blue-Harbour-42");
      await inputs.nth(2).fill("Blue-Harbour-42");
      await page.locator("button[type=submit]").click();
      await ui.result.waitFor();
      assert.deepEqual(await run(), [], "server failure");
    });
  }
});

describe("loading a locale, and the form staying whole", () => {
  test("a locale file that fails to load: English, and one console.warn naming its URL and status", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await page.route("**/locales/de.js", (route) => route.fulfill({ status: 404, body: "not here" }));
    await mountIn({ locale: "de" });
    await page.locator('form.gcp[lang="en"]').waitFor();
    await ui.submit.waitFor();
    const told = warnings.filter((w) => w.includes("graph-change-password"));
    assert.equal(told.length, 1, warnings.join("\n"));
    assert.match(told[0], /the de texts could not be loaded: http:\/\/127\.0\.0\.1:\d+\/snippets\/[^ ]+\/locales\/de\.js \(HTTP 404\)/);
  });

  test("an unknown locale falls to the page's lang, with one console.warn naming it", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await mountIn({ locale: "klingon" }, "fr-CA");
    await page.locator('form.gcp[lang="fr"]').waitFor();
    const told = warnings.filter((w) => w.includes("graph-change-password"));
    assert.equal(told.length, 1, warnings.join("\n"));
    assert.match(told[0], /the locale "klingon" is not one of en, de, fr, es, pt-BR, ja, zh-Hans, ar/);
  });

  test("an unmount while a locale is loading ends the load: nothing renders, nothing is told", async () => {
    const warnings = [];
    page.on("console", (m) => { if (["warning", "error"].includes(m.type())) warnings.push(m.text()); });
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route("**/locales/ja.js", async (route) => { await held; await route.continue(); });
    await mountIn({ locale: "ja" });
    await page.evaluate(() => window.handle.unmount());
    release();
    await page.waitForTimeout(500);
    assert.equal(await page.locator("form").count(), 0);
    assert.deepEqual(warnings.filter((w) => w.includes("graph-change-password")), []);
  });

  test("the last locale chosen wins, even when an earlier one arrives later", async () => {
    await page.route("**/locales/de.js", async (route) => {
      await new Promise((ok) => setTimeout(ok, 800));
      await route.continue();
    });
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    await page.evaluate(() => {
      const el = document.querySelector("graph-change-password");
      el.setAttribute("locale", "de");
      setTimeout(() => el.setAttribute("locale", "fr"), 50);
    });
    await page.locator('form.gcp[lang="fr"]').waitFor();
    await page.waitForTimeout(1200);
    assert.equal(await page.locator("form.gcp").getAttribute("lang"), "fr");
  });

  // The change outlives its rendering (issue 18): a re-render mid-flight keeps the phase, what
  // was typed and the result; one request, one event, and the user sees the answer.
  for (const [what, rerender, seen] of [
    ["the locale changes from en to de", (el) => el.setAttribute("locale", "de"), /Ihr Kennwort wurde geändert/],
    ["strings are replaced", (el) => { el.strings = { changed: "Done: your password is new." }; }, /Done: your password is new\./],
    ["timeout-ms is briefly invalid", (el) => { el.setAttribute("timeout-ms", ""); setTimeout(() => el.setAttribute("timeout-ms", "10000"), 100); }, /has been changed/],
  ]) {
    test(`while a change is in flight, ${what}: still busy, the answer shown, one request, one event`, async () => {
      await page.goto(`${env.site.url}/pages/element.html`);
      await ui.submit.waitFor();
      await env.graph.fault({ kind: "delay", ms: 1200 });
      await ui.fill(OLD, "Blue-Harbour-42");
      await ui.submit.click();
      await ui.busy.waitFor();
      await page.evaluate(`(${rerender})(document.querySelector("graph-change-password"))`);
      await page.waitForTimeout(400);
      const busy = page.locator("button[type=submit][aria-busy=true]");
      assert.equal(await busy.count(), 1, "the re-rendered form is still busy");
      assert.equal(await busy.isDisabled(), true);
      await page.locator(".gcp__result").getByText(seen).waitFor({ timeout: 5000 });
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.hostEvents.map((e) => e.detail.kind)), ["changed"]);
      assert.equal((await env.graph.requests()).length, 1);
      for (const input of await page.locator("input[type=password]").all()) assert.equal(await input.inputValue(), "");
    });
  }

  test("a submit that lands while the options are bad, before the view re-renders, starts nothing; the next one works", async () => {
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    await ui.fill(OLD, "Blue-Harbour-42");
    await page.evaluate(() => {
      const el = document.querySelector("graph-change-password");
      el.setAttribute("timeout-ms", "");
      el.querySelector("form").requestSubmit();
      el.setAttribute("timeout-ms", "10000");
    });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.tokenRequests.length), 0, "no token asked");
    assert.equal((await env.graph.requests()).length, 0, "nothing sent");
    assert.deepEqual(await page.evaluate(() => window.hostEvents), []);
    assert.ok(await ui.submit.isEnabled(), "not busy");
    await ui.submit.click();
    await page.locator(".gcp__result").getByText(/has been changed/).waitFor({ timeout: 5000 });
    assert.equal((await env.graph.requests()).length, 1);
  });

  test("moving the element keeps the form and what was typed", async () => {
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    await ui.newPassword.fill("Blue-Harbour-42");
    await page.evaluate(() => {
      const box = document.createElement("section");
      document.body.append(box);
      box.append(document.querySelector("graph-change-password"));
    });
    await page.waitForTimeout(100);
    assert.equal(await page.locator("section graph-change-password form").count(), 1);
    assert.equal(await ui.newPassword.inputValue(), "Blue-Harbour-42");
  });
});
