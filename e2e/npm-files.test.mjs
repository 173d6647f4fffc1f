// The npm package as it would be uploaded (issue 21): `npm pack --dry-run --json` on the package
// folder lists exactly what a bundler or a page needs, every `exports` entry points at a file in
// it, and the metadata a registry shows is there. scripts/package.sh builds the folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const folder = join(root, "target/npm/package");
const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));

/** What `npm pack` would put in the tarball. */
function packed() {
  const [report] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent"], { cwd: folder, encoding: "utf8" }));
  return report.files.map((f) => f.path).sort();
}

/** Every file a consumer needs: the module, its wasm, its snippets (the element, the loader, the
 *  stylesheet, seven locales), the optional stylesheet file, the types, README, LICENSE. */
const NEEDED = [
  "LICENSE", "README.md", "component.css", "graph-change-password.js", "graph-change-password_bg.wasm", "index.d.ts", "package.json",
  ...["src/embed/element.js", "src/i18n/load.js", "src/style.js", ...["ar", "de", "es", "fr", "ja", "pt-BR", "zh-Hans"].map((t) => `locales/${t}.js`)]
    .map((f) => `snippets/*/${f}`),
];

test("npm pack holds every file a consumer needs and nothing else", () => {
  const files = packed();
  const matches = (pattern, file) => new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace("*", "[^/]+")}$`).test(file);
  const missing = NEEDED.filter((pattern) => !files.some((f) => matches(pattern, f)));
  const unexpected = files.filter((f) => !NEEDED.some((pattern) => matches(pattern, f)));
  assert.deepEqual(missing, [], "missing from the package");
  assert.deepEqual(unexpected, [], "in the package for no reason");
});

test("every exports entry points at a packed file; types come first", () => {
  const files = packed();
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
  for (const target of targets) assert.ok(files.includes(target.replace(/^\.\//, "")), `exports → ${target}`);
  assert.equal(Object.keys(manifest.exports["."])[0], "types");
  for (const side of manifest.sideEffects) assert.ok(files.includes(side.replace(/^\.\//, "")), side);
});

test("the metadata a registry shows: version from Cargo.toml, repository, homepage, bugs, engines, license", () => {
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  assert.equal(manifest.version, cargo.match(/^version = "([^"]+)"/m)[1]);
  const repository = cargo.match(/^repository = "([^"]+)"/m)[1];
  assert.equal(manifest.repository.url, `git+${repository}.git`);
  assert.ok(manifest.homepage.startsWith(repository));
  assert.ok(manifest.bugs.url.startsWith(repository));
  assert.ok(manifest.engines.node);
  assert.equal(manifest.license, cargo.match(/^license = "([^"]+)"/m)[1]);
});
