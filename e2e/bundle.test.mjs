// The release hook that edits wasm-bindgen's output (scripts/shrink-bundle.mjs): the bundle in
// dist/ carries its result, and on wasm-bindgen's raw output of this very build the hook
// succeeds, while shapes it does not know make it fail loudly instead of emitting a broken glue.
// (Every other end-to-end test runs on the edited bundle: a glue and wasm that no longer fit
// would fail them all.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ShapeError, check, dropStreamClasses, ownImports, shrink } from "../scripts/shrink-bundle.mjs";

const root = resolve(import.meta.dirname, "..");
const wasmOpt = join(root, "node_modules/.bin/wasm-opt");

/** wasm-bindgen's own output for the release wasm Trunk built, before any hook. */
function raw() {
  const dir = mkdtempSync(join(tmpdir(), "bundle-test-"));
  try {
    execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dir,
      join(root, "target/wasm32-unknown-unknown/release/graph-change-password.wasm")]);
    execFileSync(wasmOpt, ["-Os", join(dir, "graph-change-password_bg.wasm"), "-o", join(dir, "graph-change-password_bg.wasm")]);
    return { wasm: readFileSync(join(dir, "graph-change-password_bg.wasm")), glue: readFileSync(join(dir, "graph-change-password.js"), "utf8"), dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

const optimizer = (dir) => (bytes) => {
  const file = join(dir, "scratch.wasm");
  writeFileSync(file, bytes);
  execFileSync(wasmOpt, ["-Os", file, "-o", file]);
  return readFileSync(file);
};

test("the bundle in dist/ has no stream classes and short names between glue and wasm", () => {
  const wasm = new WebAssembly.Module(readFileSync(join(root, "dist/graph-change-password_bg.wasm")));
  const glue = readFileSync(join(root, "dist/graph-change-password.js"), "utf8");
  const own = WebAssembly.Module.imports(wasm).filter((i) => i.module === "./graph-change-password_bg.js");
  assert.ok(own.length > 50, "the glue's imports");
  assert.ok(own.every((i) => i.name.length <= 2), `long import names: ${own.filter((i) => i.name.length > 2).map((i) => i.name)}`);
  const exports = WebAssembly.Module.exports(wasm).map((e) => e.name);
  assert.ok(exports.includes("memory"), "init() still resolves to exports with `memory`");
  assert.ok(exports.every((n) => n.length <= 2 || n === "memory"), `long export names: ${exports.filter((n) => n.length > 2)}`);
  assert.doesNotMatch(glue, /intounderlying/i);
  assert.match(glue, /export\{[^}]*\bmount\b/, "the page's API keeps its names");
});

test("on wasm-bindgen's raw output of this build the edits apply and fit together; other shapes are refused", () => {
  const { wasm, glue, dir } = raw();
  try {
    const small = shrink(wasm, glue, optimizer(dir));
    assert.ok(small.wasm.length < wasm.length - 2000, `the wasm shrank (${wasm.length} -> ${small.wasm.length})`);
    check(small.wasm, small.glue);
    assert.equal(ownImports(small.glue).length, WebAssembly.Module.imports(new WebAssembly.Module(small.wasm))
      .filter((i) => i.module === "./graph-change-password_bg.js").length);

    // Shapes the hook must refuse rather than guess at.
    const refused = (what, edit) => assert.throws(edit, ShapeError, what);
    refused("a stream class written otherwise", () => dropStreamClasses(glue.replace("export class IntoUnderlyingSink {", "export class IntoUnderlyingSink{")));
    refused("no import object", () => ownImports(glue.replace("const import0 = {", "const imports0 = {")));
    refused("an import written as a method", () => ownImports(glue.replace(/(\n        )(__wbg_[\w$]+): function\(/, "$1$2(")));
    refused("an export the wasm lacks", () => shrink(wasm, glue.replace("wasm.__wbindgen_malloc", "wasm.__wbindgen_malloc2"), optimizer(dir)));
    refused("an export reached other than as wasm.x", () => shrink(wasm, glue.replace("wasm.__wbindgen_malloc", 'wasm["__wbindgen_malloc"]'), optimizer(dir)));
    refused("an import the glue no longer provides", () => check(small.wasm, small.glue.replace(/\n        [\w$]+: function\([\s\S]*?\n        },\n/, "\n")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
