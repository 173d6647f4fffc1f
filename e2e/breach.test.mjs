// Breached passwords (issue 20), end to end against the local Graph's stand-in for the Pwned
// Passwords range API: a corpus password is refused before any token is asked or anything goes
// to Graph; the range request carries exactly five hex characters and nothing else of the
// password; a password not in the corpus changes normally; padding is ignored; a range API that
// never answers delays the change by at most three seconds; with the option off, nothing but
// Graph is asked.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ChangePasswordPage, read, startStatic, useLocalGraph } from "./harness.mjs";

const OLD = "Start-Here-2026";
const BREACHED = "Summer2024!"; // in emulator/pwned-corpus.txt, seen 48213 times
const FRESH = "Blue-Harbour-42";

const sha1 = (text) => createHash("sha1").update(text, "utf8").digest("hex").toUpperCase();

const env = useLocalGraph();
let page, ui, sent;
beforeEach(async () => {
  page = env.page = await env.browser.newPage();
  ui = new ChangePasswordPage(page);
  // Everything the page sends, to prove what never leaves it.
  sent = [];
  page.on("request", (r) => sent.push({ url: r.url(), headers: r.headers(), body: r.postData() ?? "" }));
});

const range = () => `${env.graph.base}/pwned/range/`;
const log = () => env.graph.requests();

async function open(options = {}, locale) {
  await ui.open(env.site.url, env.graph.url, { extra: { breachCheck: range(), ...(locale ? { locale } : {}), ...options } });
}

describe("with the breach check", () => {
  for (const [locale, refused] of [["en", /has appeared ⁦?48,213⁩? times in data breaches/], ["de", /48\.213 Mal in Datenlecks/]]) {
    test(`${locale}: a breached password is refused on screen; no token asked, nothing sent to Graph, only five hex characters out`, async () => {
      await page.addInitScript(() => { document.cookie = "session=host-cookie; path=/"; });
      await open({}, locale);
      const inputs = page.locator("input[type=password]");
      await inputs.nth(0).fill(OLD);
      await inputs.nth(1).fill(BREACHED);
      await inputs.nth(2).fill(BREACHED);
      await page.locator(".gcp__submit").click();
      const summary = page.locator(".gcp__summary:not([hidden])");
      await summary.waitFor();
      assert.match(read(await summary.textContent()), refused);
      // On the new-password field itself too, not only in the summary.
      const fieldMessage = page.locator(".gcp__field--error .gcp__error:not([hidden])");
      assert.equal(await fieldMessage.count(), 1);
      assert.match(read(await fieldMessage.textContent()), refused);
      assert.equal(await inputs.nth(1).getAttribute("aria-invalid"), "true");
      assert.equal(await ui.tokenCalls(), 0, "no token asked");
      assert.deepEqual(await ui.events(), [], "nothing attempted: no host event");
      const seen = await log();
      assert.deepEqual(seen.map((r) => r.path), [`/pwned/range/${sha1(BREACHED).slice(0, 5)}`], "one range request, nothing to Graph");
      const [asked] = seen;
      assert.match(asked.path, /\/range\/[0-9A-F]{5}$/);
      assert.equal(asked.addPadding, "true");
      assert.equal(asked.token, "missing", "no Authorization");
      assert.equal(asked.cookie, false, "no cookies");
      assert.equal(asked.clientRequestId, null);
      assert.equal(asked.referer, null, "no referrer");
      const hash = sha1(BREACHED);
      for (const r of sent) {
        const all = `${r.url} ${JSON.stringify(r.headers)} ${r.body}`.toUpperCase();
        assert.ok(!all.includes(hash.slice(5)) && !all.includes(hash), `${r.url} carried the suffix or the hash`);
      }
      // Editing the new password clears the message, on the field and in the summary (the
      // confirmation no longer matching is another message, on the confirmation field).
      await inputs.nth(1).fill(`${BREACHED}x`);
      const shown = () => page.evaluate(() => [...document.querySelectorAll(".gcp__summary:not([hidden]) li, .gcp__error:not([hidden])")].map((e) => e.textContent));
      for (let i = 0; i < 50 && (await shown()).some((t) => refused.test(read(t))); i++) await page.waitForTimeout(50);
      const now = await shown();
      assert.ok(now.length > 0 && !now.some((t) => refused.test(read(t))), now.join(" | "));
      assert.equal(await inputs.nth(1).getAttribute("aria-invalid"), null);
    });
  }

  test("a password not in the corpus changes normally, with one range request before the Graph call", async () => {
    await open();
    assert.match(await ui.change(OLD, FRESH), /has been changed/);
    assert.deepEqual((await log()).map((r) => [r.path, r.status]), [
      [`/pwned/range/${sha1(FRESH).slice(0, 5)}`, 200],
      ["/v1.0/me/changePassword", 204],
    ]);
  });

  test("padding lines (count 0) never count, even for this very suffix", async () => {
    await open();
    const suffix = sha1(FRESH).slice(5);
    await env.graph.fault({ kind: "answer", call: "range", status: 200, contentType: "text/plain", body: `${suffix}:0\r\n00000000000000000000000000000000001:3` });
    assert.match(await ui.change(OLD, FRESH), /has been changed/);
  });

  test("options briefly invalid while the check is on its way: the change goes on with the last good options, and is answered", async () => {
    await page.goto(`${env.site.url}/pages/element.html`);
    await ui.submit.waitFor();
    await page.evaluate((r) => document.querySelector("graph-change-password").setAttribute("breach-check", r), range());
    await env.graph.fault({ kind: "delay", ms: 1000, call: "range" });
    await ui.fill(OLD, FRESH);
    await ui.submit.click();
    await page.waitForTimeout(200);
    // Bad from before the range answers until after: the send reads the options while they are bad.
    await page.evaluate(() => {
      const el = document.querySelector("graph-change-password");
      el.setAttribute("timeout-ms", "");
      setTimeout(() => el.setAttribute("timeout-ms", "10000"), 1500);
    });
    await page.locator(".gcp__result--success").waitFor({ timeout: 8000 });
    assert.deepEqual(await page.evaluate(() => window.hostEvents.map((e) => e.detail.kind)), ["changed"]);
    assert.deepEqual((await log()).map((r) => r.path), [`/pwned/range/${sha1(FRESH).slice(0, 5)}`, "/v1.0/me/changePassword"]);
  });

  test("a range API that never answers delays the change by at most its three seconds, then it goes ahead with one warning", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await open();
    await env.graph.fault({ kind: "delay", ms: 20000, call: "range" });
    await ui.fill(OLD, FRESH);
    const started = Date.now();
    await ui.submit.click();
    await page.locator(".gcp__result--success").waitFor({ timeout: 10000 });
    const took = Date.now() - started;
    assert.ok(took < 4000, `the change went ahead after ${took} ms`);
    const told = warnings.filter((w) => w.includes("breached-password check"));
    assert.equal(told.length, 1, warnings.join("\n"));
    assert.match(told[0], /could not answer \(no answer within 3 seconds\), so the change went ahead/);
    assert.ok(!told[0].includes(sha1(FRESH).slice(5)) && !told[0].includes(FRESH), "no password or hash in the log");
  });

  for (const [what, fault, why] of [
    ["answers 503", { kind: "refuse", status: 503 }, /an answer other than 200/],
    ["redirects (never followed)", { kind: "answer", status: 302, contentType: "text/plain", body: "", headers: { Location: "/_emulator/portal" } }, /no answer/],
    ["answers a portal's 200 page", { kind: "answer", status: 200, contentType: "text/html", body: "<h1>Sign in to the Wi-Fi</h1>" }, /not a range/],
  ]) {
    test(`a range API that ${what}: the change goes ahead, with one warning saying why`, async () => {
      const warnings = [];
      page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
      await open();
      await env.graph.fault({ ...fault, call: "range" });
      assert.match(await ui.change(OLD, BREACHED), /has been changed/, "fail open, even for a breached password");
      assert.deepEqual(sent.filter((r) => r.url.includes("/_emulator/portal")).map((r) => r.url), [], "a redirect is never followed");
      const told = warnings.filter((w) => w.includes("breached-password check"));
      assert.equal(told.length, 1, warnings.join("\n"));
      assert.match(told[0], why);
    });
  }

  test("a page whose CSP connect-src leaves the range API out: the change goes ahead, with one warning", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    const graphOrigin = new URL(env.graph.url).origin;
    const strict = await startStatic({ graphUrl: env.graph.url, headers: { "Content-Security-Policy": `connect-src 'self' ${graphOrigin}` } });
    try {
      // The same local range API, by another origin (localhost is not 127.0.0.1): not listed.
      const elsewhere = range().replace("127.0.0.1", "localhost");
      await ui.open(strict.url, env.graph.url, { extra: { breachCheck: elsewhere } });
      assert.match(await ui.change(OLD, BREACHED), /has been changed/);
      assert.equal(warnings.filter((w) => w.includes("breached-password check")).length, 1, warnings.join("\n"));
      assert.deepEqual((await log()).map((r) => r.path), ["/v1.0/me/changePassword"], "the range request never left");
      assert.ok(ui.console.some((l) => /Refused to connect.*Content Security Policy/.test(l)), "refused by the policy");
    } finally {
      strict.stop();
    }
  });

  test("without crypto.subtle (a page that is not a secure context): the change goes ahead, with one warning", async () => {
    const warnings = [];
    page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await page.addInitScript(() => Object.defineProperty(window.crypto, "subtle", { value: undefined }));
    await open();
    assert.match(await ui.change(OLD, BREACHED), /has been changed/);
    const told = warnings.filter((w) => w.includes("breached-password check"));
    assert.equal(told.length, 1, warnings.join("\n"));
    assert.match(told[0], /crypto\.subtle is not available/);
    assert.deepEqual((await log()).map((r) => r.path), ["/v1.0/me/changePassword"], "no range request");
  });
});

describe("without the breach check", () => {
  test("nothing but Graph is asked", async () => {
    await ui.open(env.site.url, env.graph.url);
    assert.match(await ui.change(OLD, BREACHED), /has been changed/, "the corpus means nothing with the check off");
    assert.deepEqual((await log()).map((r) => r.path), ["/v1.0/me/changePassword"]);
    const elsewhere = sent.filter((r) => !r.url.startsWith(env.site.url) && !r.url.startsWith(env.graph.url));
    assert.deepEqual(elsewhere.map((r) => r.url), []);
  });

  test("the element's breach-check attribute: a value that is none of its forms is named", async () => {
    await ui.open(env.site.url, env.graph.url, { noMount: true });
    const message = await element({ "breach-check": "yes" });
    assert.match(message, /the breach-check attribute must be true, false, or the https:\/\/ address of a Pwned Passwords range API/);
  });

  for (const [what, attributes, asked] of [
    ["absent", {}, null],
    ["\"false\"", { "breach-check": "false" }, null],
    ["empty: Have I Been Pwned's API", { "breach-check": "" }, "https://api.pwnedpasswords.com/range/"],
    ["\"true\": Have I Been Pwned's API", { "breach-check": "true" }, "https://api.pwnedpasswords.com/range/"],
    ["a mirror without its trailing slash", { "breach-check": "MIRROR" }, "MIRROR/"],
  ]) {
    test(`the element's breach-check attribute ${what}`, async () => {
      const mirror = range().replace(/\/$/, "");
      // The public API is out of reach here: the browser is answered for it, as it would answer.
      const suffix = sha1(BREACHED).slice(5);
      await page.route("https://api.pwnedpasswords.com/range/*", (route) => route.fulfill({
        status: 200, contentType: "text/plain", headers: { "access-control-allow-origin": "*" },
        body: `0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n${suffix}:48213\r\n`,
      }));
      await ui.open(env.site.url, env.graph.url, { noMount: true });
      const set = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.replace("MIRROR", mirror)]));
      assert.equal(await element(set), undefined, "no configuration error");
      await ui.fill(OLD, BREACHED);
      await ui.submit.click();
      const want = asked?.replace("MIRROR", mirror);
      if (want === null || want === undefined) {
        await ui.result.waitFor();
        assert.match(read(await ui.result.textContent()), /has been changed/);
        assert.ok(!sent.some((r) => /\/range\//.test(r.url)), "no range request");
      } else {
        await page.locator(".gcp__summary:not([hidden])").waitFor();
        const ranges = sent.filter((r) => /\/range\//.test(r.url)).map((r) => r.url);
        assert.deepEqual(ranges, [`${want}${sha1(BREACHED).slice(0, 5)}`]);
      }
    });
  }
});

/** Mounts a `<graph-change-password>` with these attributes; its configuration error, if any. */
function element(attributes) {
  return page.evaluate(async ([url, attributes]) => {
    const { default: init } = await import("/graph-change-password.js");
    await init({ module_or_path: "/graph-change-password_bg.wasm" });
    const el = document.createElement("graph-change-password");
    el.setAttribute("base-url", url);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.getToken = async () => "demo-token";
    document.querySelector("main").append(el);
    await new Promise((ok) => setTimeout(ok, 100));
    return el.querySelector(".gcp-config-error")?.textContent;
  }, [env.graph.url, attributes]);
}
