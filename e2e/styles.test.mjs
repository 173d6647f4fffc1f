// The form carries its own styles (issue 16): attached once per document or shadow root as a
// constructed stylesheet, a <style> element where the browser has none, never winning over the
// page's own rules, and left out with `unstyled`, where the form must still be usable.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChangePasswordPage, read, useLocalGraph } from "./harness.mjs";

const ACCENT = "rgb(11, 87, 208)";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

const background = (locator) => locator.evaluate((b) => getComputedStyle(b).backgroundColor);

/** Mounts forms with `options` into `count` new elements (inside a shadow root when asked). */
function mountForms(options, { count = 1, shadow = false } = {}) {
  return page.evaluate(async ([url, options, count, shadow]) => {
    const { mount } = await import("/graph-change-password.js");
    let parent = document.querySelector("main");
    if (shadow) {
      const host = document.createElement("div");
      parent.append(host);
      parent = host.attachShadow({ mode: "open" });
    }
    for (let i = 0; i < count; i++) {
      const target = document.createElement("div");
      parent.append(target);
      mount(target, { baseUrl: url, getToken: async () => "demo-token", ...options });
    }
  }, [env.graph.url, options, count, shadow]);
}

describe("the form's own stylesheet", () => {
  test("attached once per document however many forms, as a constructed stylesheet", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    await mountForms({}, { count: 3 });
    await page.locator("form.gcp").nth(2).waitFor();
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 1);
    assert.equal(await page.locator("style").count(), 0);
    assert.equal(await background(page.locator(".gcp__submit").first()), ACCENT);
  });

  test("a form inside a shadow root is styled there", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    await mountForms({}, { shadow: true });
    const submit = page.locator(".gcp__submit"); // Playwright pierces open shadow roots
    await submit.waitFor();
    assert.equal(await background(submit), ACCENT);
    assert.equal(await page.evaluate(() => document.querySelector("main > div:last-child").shadowRoot.adoptedStyleSheets.length), 1);
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, "not the document's");
  });

  test("the page's rule of equal specificity on a component class still wins, wherever it sits", async () => {
    await ui.open(env.site.url, env.graph.url);
    await page.addStyleTag({ content: ".gcp__submit { background: rgb(9, 9, 9); } .gcp__label { color: rgb(200, 0, 0); }" });
    assert.equal(await background(ui.submit), "rgb(9, 9, 9)");
    const label = page.locator(".gcp__label").first();
    assert.equal(await label.evaluate((l) => getComputedStyle(l).color), "rgb(200, 0, 0)");
  });

  test("a browser without constructable stylesheets gets a <style> element instead", async () => {
    await page.addInitScript(() => {
      delete Document.prototype.adoptedStyleSheets;
      delete ShadowRoot.prototype.adoptedStyleSheets;
    });
    await ui.open(env.site.url, env.graph.url);
    assert.equal(await page.locator("head style").count(), 1);
    assert.equal(await background(ui.submit), ACCENT);
  });
});

describe("unstyled", () => {
  test("no stylesheet; the username field and the screen-reader words take no visible box, yet are heard", async () => {
    await ui.open(env.site.url, env.graph.url, { upn: "adele.vance@contoso.example", extra: { unstyled: true } });
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
    assert.notEqual(await background(ui.submit), ACCENT);
    const boxes = await page.evaluate(() => {
      const rects = (el) => [...el.getClientRects()].map((r) => [r.width, r.height]);
      return {
        username: rects(document.querySelector('input[autocomplete="username"]')),
        words: [...document.querySelectorAll(".gcp__rule-state, .gcp__announcement")].map((el) => ({
          rects: rects(el),
          clip: getComputedStyle(el).clipPath,
        })),
      };
    });
    assert.deepEqual(boxes.username, [], "the hidden username has no box");
    assert.equal(boxes.words.length, 5);
    for (const w of boxes.words) {
      assert.ok(w.rects.every(([width, height]) => width <= 1 && height <= 1), JSON.stringify(w));
      assert.equal(w.clip, "inset(50%)", "and that pixel is clipped away");
    }
    const heard = read(await page.locator("form.gcp").ariaSnapshot());
    assert.match(heard, /8 to 256 characters not met/);
    assert.match(await ui.change("Start-Here-2026", "Blue-Harbour-42"), /has been changed/);
  });
});
