// The npm door, as a user takes it: a TypeScript (strict) + Vite app installs the packed
// tarball, type-checks, builds, and the built app changes a password against the local Graph.
// Its MSAL page is README's snippet: with nobody signed in, the real MSAL library gives no
// token, and the form says to sign in again and sends nothing.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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
});

describe("graph-change-password from npm, in a Vite + TypeScript app", () => {
  test("tsc --noEmit (strict) passes: the types are precise enough for its @ts-expect-error lines", () => {
    run("npx", ["tsc", "--noEmit"]);
  });

  test("vite build, then the built app changes a password", async () => {
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
