// The Leptos door from the package itself (issues 16 and 21): `cargo package` makes the crate as
// it would be uploaded, an app that depends on the unpacked package (and writes nothing but its
// own page: no stylesheet, no locale files, no path into the crate) is built with Trunk, and it
// renders a styled form in German, Japanese and Arabic that changes a password against the local
// Graph, reporting through its callbacks only (no DOM events).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch, startEmulator, startStatic } from "./harness.mjs";

const root = resolve(import.meta.dirname, "..");
const work = join(root, "target/consumer");
const ACCENT = "rgb(11, 87, 208)";

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"], timeout: 900_000, env: { ...process.env, CARGO_TARGET_DIR: join(root, "target") } });
}

const env = {};
before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run("cargo", ["package", "-p", "graph-change-password", "--no-verify", "--allow-dirty", "--offline"], root);
  const crate = readdirSync(join(root, "target/package")).filter((f) => f.endsWith(".crate")).sort().pop();
  // `m`: the files get this moment as their time, not the archive's, so the shared target dir
  // never takes the unpacked crate (or its build script's English table) for an older build.
  run("tar", ["xzmf", join(root, "target/package", crate), "-C", work], root);
  const unpacked = join(work, crate.replace(/\.crate$/, ""));
  const app = join(work, "app");
  cpSync(join(root, "e2e/leptos-app"), app, { recursive: true });
  const manifest = join(app, "Cargo.toml");
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace('path = "PACKAGE"', `path = ${JSON.stringify(unpacked)}`));
  cpSync(join(root, "Cargo.lock"), join(app, "Cargo.lock"));
  run("trunk", ["build", "--dist", join(work, "dist")], app);
  [env.browser, env.graph] = await Promise.all([launch(), startEmulator()]);
  env.site = await startStatic({ dir: join(work, "dist") });
});
after(async () => {
  await env.browser?.close();
  env.graph?.stop();
  env.site?.stop();
});

describe("a Leptos app built from the packaged crate", () => {
  for (const [locale, label, password] of [
    ["de", "Aktuelles Kennwort", "Leptos-Harbour-de-42"],
    ["ja", "現在のパスワード", "Leptos-Harbour-ja-42"],
    ["ar", "كلمة المرور الحالية", "Leptos-Harbour-ar-42"],
  ]) {
    test(`in ${locale}: styled, a password changed, told through on_changed and no DOM event`, async () => {
      await env.graph.reset();
      const page = await env.browser.newPage();
      const missing = [];
      page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("favicon.ico")) missing.push(`${r.status()} ${r.url()}`); });
      await page.addInitScript(() => {
        window.domEvents = [];
        for (const name of ["password-changed", "password-change-failed", "sign-out-everywhere"]) {
          document.addEventListener(name, (e) => window.domEvents.push(e.type), true);
        }
      });
      await page.goto(`${env.site.url}/index.html?locale=${locale}&graph=${encodeURIComponent(env.graph.url)}`);
      await page.locator(`form.gcp[lang="${locale}"]`).waitFor();
      const submit = page.locator(".gcp__submit");
      assert.equal(await submit.evaluate((b) => getComputedStyle(b).backgroundColor), ACCENT, "styled");
      await page.getByLabel(label, { exact: true }).fill("Start-Here-2026");
      const inputs = page.locator("input[type=password]");
      await inputs.nth(1).fill(password);
      await inputs.nth(2).fill(password);
      await submit.click();
      await page.locator("#app-status").getByText("changed").waitFor();
      await page.locator(".gcp__result--success").waitFor();
      assert.deepEqual(await page.evaluate(() => window.domEvents), [], "the Leptos door fires no DOM events");
      assert.deepEqual((await env.graph.requests()).map((r) => r.status), [204]);
      assert.deepEqual(missing, []);
      await page.close();
    });
  }
});
