// README's plain-HTML door followed to the letter, in a fresh folder: only the files its section
// lists are copied from the bundle, with README's page; the form is styled and speaks Japanese
// and Arabic, and changes a password. Then the same bundle from a second origin (a CDN) under a
// CSP with exactly the sources README says that needs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ChangePasswordPage, launch, startEmulator, startStatic } from "./harness.mjs";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const ACCENT = "rgb(11, 87, 208)";

/** The files README's plain-HTML section says to serve. */
function listedFiles() {
  const line = readme.split("\n").find((l) => l.startsWith("Serve these from your page's folder"));
  assert.ok(line, "README's plain-HTML section lists the files to serve");
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

const env = {};
before(async () => {
  env.folder = mkdtempSync(join(tmpdir(), "gcp-plain-"));
  for (const file of listedFiles()) cpSync(join(root, "dist", file), join(env.folder, file), { recursive: true });
  writeFileSync(join(env.folder, "index.html"), readFileSync(join(root, "e2e/pages/element.html")));
  [env.browser, env.graph] = await Promise.all([launch(), startEmulator()]);
  env.site = await startStatic({ dir: env.folder, graphUrl: env.graph.url });
});
after(async () => {
  await env.browser?.close();
  env.graph?.stop();
  env.site?.stop();
  env.cdn?.stop();
  env.page?.stop();
});

/** Fills and submits the form found by its locale's first label; resolves on success. */
async function change(page, label, password) {
  await page.getByLabel(label, { exact: true }).fill("Start-Here-2026");
  const inputs = page.locator("input[type=password]");
  await inputs.nth(1).fill(password);
  await inputs.nth(2).fill(password);
  await page.locator(".gcp__submit").click();
  await page.locator(".gcp__result--success").waitFor();
}

describe("a plain HTML page with only the files README lists", () => {
  test("the list is the bundle's module, its wasm and its snippets, no more", () => {
    assert.deepEqual(listedFiles(), ["graph-change-password.js", "graph-change-password_bg.wasm", "snippets/"]);
  });

  for (const [locale, label] of [["ja", "現在のパスワード"], ["ar", "كلمة المرور الحالية"]]) {
    test(`in ${locale}: styled, every file found, a password changed`, async () => {
      await env.graph.reset();
      const page = await env.browser.newPage();
      const missing = [];
      page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("favicon.ico")) missing.push(`${r.status()} ${r.url()}`); });
      await page.goto(`${env.site.url}/index.html`);
      await new ChangePasswordPage(page).submit.waitFor();
      await page.evaluate((l) => document.querySelector("graph-change-password").setAttribute("locale", l), locale);
      await page.locator(`form.gcp[lang="${locale}"]`).waitFor();
      assert.equal(await page.locator(".gcp__submit").evaluate((b) => getComputedStyle(b).backgroundColor), ACCENT);
      await change(page, label, `Plain-Harbour-${locale}-42`);
      assert.deepEqual(missing, []);
      await page.close();
    });
  }
});

describe("the same bundle from a second origin (a CDN)", () => {
  test("under the CSP README gives for it: German, styled, a password changed, no violation", async () => {
    env.cdn = await startStatic({ dir: env.folder, headers: { "Access-Control-Allow-Origin": "*" } });
    const graph = new URL(env.graph.url).origin;
    const csp = `default-src 'none'; script-src 'self' ${env.cdn.url} 'wasm-unsafe-eval'; style-src 'self'; connect-src ${env.cdn.url} ${graph}; form-action 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'`;
    const pageFolder = mkdtempSync(join(tmpdir(), "gcp-cdn-page-"));
    writeFileSync(join(pageFolder, "index.html"), `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>CDN</title>
      <script type="module" src="/start.js"></script></head><body>
      <graph-change-password base-url="${env.graph.url}"></graph-change-password></body></html>`);
    writeFileSync(join(pageFolder, "start.js"), `import init from "${env.cdn.url}/graph-change-password.js";
      window.violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.violations.push(e.violatedDirective + " " + e.blockedURI));
      document.querySelector("graph-change-password").getToken = async () => "demo-token";
      await init({ module_or_path: "${env.cdn.url}/graph-change-password_bg.wasm" });`);
    env.page = await startStatic({ dir: pageFolder, headers: { "Content-Security-Policy": csp } });
    await env.graph.reset();
    const page = await env.browser.newPage();
    await page.goto(`${env.page.url}/index.html`);
    await page.locator('form.gcp[lang="de"]').waitFor();
    assert.equal(await page.locator(".gcp__submit").evaluate((b) => getComputedStyle(b).backgroundColor), ACCENT);
    await change(page, "Aktuelles Kennwort", "Cdn-Harbour-42");
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.ok(readme.includes("connect-src 'self' https://cdn.example"), "README names the CDN's connect-src");
  });
});
