// The npm door, as a user takes it: a TypeScript (strict) + Vite app installs the packed
// tarball, type-checks, runs under `vite` dev with no configuration (Japanese and Arabic,
// styled), builds, and the built app changes a password against the local Graph. Its MSAL page
// is README's snippet: with nobody signed in, the real MSAL library gives no token, and the form
// says to sign in again and sends nothing; with MSAL's silent call stubbed, each call's token is
// asked for with its own scope.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ChangePasswordPage, launch, startEmulator, startStatic } from "./harness.mjs";

const root = resolve(import.meta.dirname, "..");
const app = join(root, "target/vite-app");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: app, encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const env = {};
before(async () => {
  const tarballs = existsSync(join(root, "target/npm")) ? readdirSync(join(root, "target/npm")).filter((f) => f.endsWith(".tgz")) : [];
  assert.equal(tarballs.length, 1, "scripts/package.sh has packed the package");
  rmSync(app, { recursive: true, force: true });
  cpSync(join(root, "e2e/vite-app"), app, { recursive: true, filter: (src) => !src.includes("node_modules") && !src.endsWith("/dist") });
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  run("npm", ["install", "--no-audit", "--no-fund", "--no-save", join(root, "target/npm", tarballs[0])]);
  env.graph = await startEmulator();
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  env.graph?.stop();
  env.site?.stop();
  stopVite();
});

function stopVite() {
  if (env.vite && env.vite.exitCode === null) {
    try { process.kill(-env.vite.pid, "SIGTERM"); } catch {}
  }
  env.vite?.stdout.destroy();
  env.vite?.stderr.destroy();
}

/** Starts `vite` (the dev server) in the app; resolves to its URL once it answers. */
async function viteDev() {
  // The vite binary itself, in its own process group, so stopping it stops all it started.
  env.vite = spawn(join(app, "node_modules/.bin/vite"), ["--port", "0", "--strictPort", "--host", "127.0.0.1"], { cwd: app, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let printed = "";
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`vite did not start:\n${printed}`)), 60_000);
    const read = (d) => {
      printed += String(d);
      const url = printed.replace(/\x1b\[[0-9;]*m/g, "").match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      if (url) { clearTimeout(timer); ok(url[1]); }
    };
    env.vite.stdout.on("data", read);
    env.vite.stderr.on("data", read);
  });
}

describe("graph-change-password from npm, in a Vite + TypeScript app", () => {
  test("tsc --noEmit (strict) passes: the types are precise enough for its @ts-expect-error lines", () => {
    run("npx", ["tsc", "--noEmit"]);
  });

  test("under `vite` dev, with no configuration: Japanese and Arabic, styled, and a password changed", async () => {
    const dev = await viteDev();
    const ACCENT = "rgb(11, 87, 208)";
    for (const [locale, label, password] of [["ja", "現在のパスワード", "Vite-Harbour-42"], ["ar", "كلمة المرور الحالية", "Vite-Harbour-43"]]) {
      await env.graph.reset();
      const page = await env.browser.newPage();
      const missing = [];
      page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("favicon.ico")) missing.push(`${r.status()} ${r.url()}`); });
      await page.goto(`${dev}/dev.html?locale=${locale}&graph=${encodeURIComponent(env.graph.url)}`);
      const form = page.locator(`form.gcp[lang="${locale}"]`);
      await form.waitFor({ timeout: 30_000 });
      const submit = page.locator(".gcp__submit");
      assert.equal(await submit.evaluate((b) => getComputedStyle(b).backgroundColor), ACCENT, "styled");
      await page.getByLabel(label, { exact: true }).fill("Start-Here-2026");
      const inputs = page.locator("input[type=password]");
      await inputs.nth(1).fill(password);
      await inputs.nth(2).fill(password);
      await submit.click();
      await page.locator(".gcp__result--success").waitFor();
      assert.deepEqual(missing, [], "nothing the page asked for was missing");
      await page.close();
    }
    assert.deepEqual((await env.graph.requests()).map((r) => r.status), [204]);
    stopVite();
  });

  test("vite build, then the built app changes a password", async () => {
    await env.graph.reset();
    run("npx", ["vite", "build"]);
    env.site = await startStatic({ dir: join(app, "dist"), graphUrl: env.graph.url });
    const page = await env.browser.newPage();
    const ui = new ChangePasswordPage(page);
    await page.goto(`${env.site.url}/demo.html`);
    await ui.submit.waitFor();
    assert.match(await ui.change("Start-Here-2026", "Vite-Harbour-42"), /has been changed/);
    assert.equal(await page.evaluate(() => document.body.dataset.events), "changed 204");
    assert.deepEqual((await env.graph.requests()).map((r) => [r.path, r.status]), [["/v1.0/me/changePassword", 204]]);
    await page.close();
  });

  test("README's MSAL helper asks each call's token with its own scope", async () => {
    await env.graph.reset();
    const page = await env.browser.newPage();
    await page.goto(`${env.site.url}/msal.html?graph=${encodeURIComponent(env.graph.url)}`);
    const ui = new ChangePasswordPage(page);
    await ui.submit.waitFor();
    await ui.fill("Start-Here-2026", "Vite-Harbour-44");
    await page.getByRole("checkbox").check();
    await ui.submit.click();
    await page.getByText(/sessions will be signed out within a few minutes/).waitFor();
    assert.deepEqual(await page.evaluate(() => window.asked), [
      { reason: "revoke", scopes: ["https://graph.microsoft.com/User.RevokeSessions.All"], forceRefresh: false },
      { reason: "change", scopes: ["https://graph.microsoft.com/User-PasswordProfile.ReadWrite.All"], forceRefresh: false },
    ]);
    await page.close();
  });

  test("README's MSAL snippet with nobody signed in: sign in again, nothing sent", async () => {
    await env.graph.reset();
    const page = await env.browser.newPage();
    const info = [];
    page.on("console", (m) => info.push(m.text()));
    const ui = new ChangePasswordPage(page);
    await page.goto(`${env.site.url}/index.html`);
    await ui.submit.waitFor();
    assert.match(await ui.change("Start-Here-2026", "Vite-Harbour-42"), /Sign in again/);
    assert.equal((await env.graph.requests()).length, 0, "nothing sent");
    assert.ok(info.some((line) => line.includes("not changed: token-unavailable null")), info.join("\n"));
    await page.close();
  });
});
