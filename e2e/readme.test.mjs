// README's snippets are what the tests run: every region marked in a fixture (HTML
// `<!-- README: name -->` … `<!-- /README -->`, Rust/TS `// README snippet: name` … `// end README
// snippet`) must appear in README.md character for character, and README must hold no other
// snippet under a name it claims is tested.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

const FIXTURES = [
  "e2e/pages/mount.html",
  "e2e/pages/element.html",
  "e2e/vite-app/index.html",
  "e2e/vite-app/src/main.ts",
  "e2e/vite-app/src/auth.ts",
  "examples/leptos-csr/src/lib.rs",
];

function regions(text) {
  const found = [];
  const re = /(?:<!-- README: ([\w-]+) -->|\/\/ README snippet: ([\w-]+))\n([\s\S]*?)\n[ \t]*(?:<!-- \/README -->|\/\/ end README snippet)/g;
  for (const m of text.matchAll(re)) found.push({ name: m[1] ?? m[2], body: m[3] });
  return found;
}

test("every README snippet is the code a test runs", () => {
  const names = [];
  for (const file of FIXTURES) {
    const found = regions(readFileSync(join(root, file), "utf8"));
    assert.ok(found.length > 0, `${file} marks a README snippet`);
    for (const { name, body } of found) {
      names.push(name);
      assert.ok(readme.includes(body), `README.md holds the "${name}" snippet of ${file} exactly:\n${body}`);
    }
  }
  assert.deepEqual(names.sort(), ["custom-element", "leptos-app", "mount", "msal", "npm-vite", "npm-vite-html"]);
});

test("README's stable contract lists the kinds of src/graph/outcome.rs", () => {
  const rust = [...readFileSync(join(root, "src/graph/outcome.rs"), "utf8").matchAll(/^\s+\w+ = "([a-z-]+)";$/gm)].map((m) => m[1]);
  const contract = readme.slice(readme.indexOf("**A stable contract.**"));
  const listed = [...contract.slice(0, contract.indexOf(")")).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
  assert.equal(rust.length, 12);
  assert.deepEqual([...listed].sort(), [...rust, "changed"].sort(), "README");
});
