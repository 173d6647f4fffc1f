// Every language as its readers see and hear it (issue 19), in Chromium against the local Graph:
// Graph's message in Arabic in the right visual order (per-character positions), passwords left
// to right in a right-to-left form, a Retry-After date told as a wait in the user's language,
// request ids that copy as themselves, and what a screen reader hears, held to committed
// accessibility snapshots (UPDATE_SNAPSHOTS=1 rewrites them, for review as a diff).
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ChangePasswordPage, useLocalGraph } from "./harness.mjs";

const root = resolve(import.meta.dirname, "..");
const OLD = "Start-Here-2026";
const NEW = "Blue-Harbour-42";

const env = useLocalGraph();
let page, ui;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
});

/** A fresh page (with `context` options such as a time zone) and the form mounted in `locale`. */
async function mountIn(locale, context = {}) {
  await page.close();
  const ctx = await env.browser.newContext(context);
  page = env.page = await ctx.newPage();
  ui = new ChangePasswordPage(page);
  await ui.open(env.site.url, env.graph.url, { noMount: true });
  await page.evaluate(async ([url, locale]) => {
    const { mount } = await import("/graph-change-password.js");
    window.handle = mount(document.getElementById("change-password"), { baseUrl: url, locale, timeoutMs: 5000, getToken: async () => "demo-token" });
  }, [env.graph.url, locale]);
  await page.locator(`form.gcp[lang="${locale}"]`).waitFor();
}

async function submit(current, next) {
  const inputs = page.locator("input[type=password]");
  await inputs.nth(0).fill(current);
  await inputs.nth(1).fill(next);
  await inputs.nth(2).fill(next);
  await page.locator(".gcp__submit").click();
  await page.locator(".gcp__result").waitFor();
}

describe("right to left", () => {
  test("Arabic: Graph's message keeps its full stop after its last word, seen on screen", async () => {
    await mountIn("ar");
    await submit("Not-The-Password-1", NEW);
    const order = await page.evaluate(() => {
      const line = document.querySelector(".gcp__details");
      const message = "The current password is incorrect.";
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(message);
        if (at < 0) continue;
        const x = (i) => { const r = document.createRange(); r.setStart(node, at + i); r.setEnd(node, at + i + 1); return r.getClientRects()[0].left; };
        return { t: x(message.length - 2), stop: x(message.length - 1), first: x(0) };
      }
      return null;
    });
    assert.ok(order, "the message is in the details line");
    assert.ok(order.stop > order.t, `the full stop is right of the last "t": ${JSON.stringify(order)}`);
    assert.ok(order.first < order.t, "the message reads left to right");
  });

  test("the password inputs are left to right in an Arabic form", async () => {
    await mountIn("ar");
    const directions = await page.locator("input[type=password]").evaluateAll((inputs) => inputs.map((i) => getComputedStyle(i).direction));
    assert.deepEqual(directions, ["ltr", "ltr", "ltr"]);
    assert.equal(await page.locator("form.gcp").evaluate((f) => getComputedStyle(f).direction), "rtl");
  });

  test("a request id copies as the id alone, without invisible characters", async () => {
    await mountIn("ar");
    await submit("Not-The-Password-1", NEW);
    const copied = await page.evaluate(() => {
      const id = [...document.querySelectorAll(".gcp__details bdi")].map((b) => b.textContent).find((t) => /^[0-9a-f-]{36}$/.test(t));
      const bdi = [...document.querySelectorAll(".gcp__details bdi")].find((b) => b.textContent === id);
      const range = document.createRange();
      range.selectNodeContents(bdi);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return { id, selected: getSelection().toString(), dir: bdi.getAttribute("dir") };
    });
    assert.equal(copied.selected, copied.id);
    assert.equal(copied.dir, "ltr");
    assert.doesNotMatch(copied.selected, /[\u2066-\u2069\u200e\u200f]/);
  });
});

describe("a Retry-After given as a date, in the user's language and time zone", () => {
  for (const [locale, timezoneId, about] of [
    ["de", "Europe/Berlin", /ungefähr 2 Minuten/],
    ["ja", "Asia/Tokyo", /約 ?2 ?分/],
    ["ar", "Asia/Riyadh", /دقيقتين/],
  ]) {
    test(`${locale} (${timezoneId}): a wait that matches the header's instant, no English date, no GMT, one kind of digits`, async () => {
      await mountIn(locale, { timezoneId, locale });
      const date = new Date(Date.now() + 125_000).toUTCString(); // e.g. "Wed, 02 Dec 2026 06:01:00 GMT"
      await env.graph.fault({ kind: "answer", status: 429, contentType: "application/json",
        body: '{"error":{"code":"TooManyRequests","message":"Too many requests."}}', headers: { "Retry-After": date } });
      await submit(OLD, NEW);
      // As read: the isolates around inserted values are invisible.
      const message = (await page.locator(".gcp__result-message").textContent()).replace(/[\u2066-\u2069]/g, "");
      assert.match(message, about, message);
      assert.doesNotMatch(message, /GMT|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/, message);
      const latin = /[0-9]/.test(message), arabicIndic = /[\u0660-\u0669\u06F0-\u06F9]/.test(message), wide = /[\uFF10-\uFF19]/.test(message);
      assert.ok([latin, arabicIndic, wide].filter(Boolean).length <= 1, `one kind of digits: ${message}`);
    });
  }
});

describe("what a screen reader hears", () => {
  const dir = join(root, "e2e/snapshots");
  const update = process.env.UPDATE_SNAPSHOTS === "1";

  /** Compares the form's accessibility tree with the committed snapshot, or rewrites it. */
  async function heard(name) {
    const tree = (await page.locator("form.gcp").ariaSnapshot())
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/g, "<date>");
    const file = join(dir, `${name}.aria.yml`);
    if (update || !existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, tree + "\n");
      if (!update) assert.fail(`${file} was missing and has been written: review and commit it`);
      return;
    }
    assert.equal(tree + "\n", readFileSync(file, "utf8"), `what is announced changed: review, then UPDATE_SNAPSHOTS=1`);
  }

  for (const locale of ["en", "de", "ja", "ar"]) {
    test(`${locale}: the empty form, an error summary, and success`, async () => {
      await mountIn(locale);
      await heard(`${locale}-empty`);
      await page.locator("input[type=password]").nth(1).fill("short");
      await page.locator(".gcp__submit").click();
      await page.locator(".gcp__summary:not([hidden])").waitFor();
      await heard(`${locale}-summary`);
      await env.graph.reset();
      await submit(OLD, NEW);
      await page.locator(".gcp__result--success").waitFor();
      await heard(`${locale}-success`);
    });
  }
});
