// Trunk post-build hook (release builds): shrinks what wasm-bindgen and wasm-opt left in the
// staging folder, then keeps index.html's SRI hashes true.
//
// 1. Leptos always builds server_fn with its `browser` feature, whose wasm-streams crate exports
//    three JS classes (IntoUnderlyingSource, …Sink, …ByteSource) for streaming server functions.
//    The component has none: their wasm exports go, wasm-opt drops the code only they reached,
//    and the glue loses the classes and the imports nothing calls any more.
// 2. Import and export names between the glue and the wasm (`__wbg_append_8c2f3cde6bcd6b11`,
//    hashes that compress badly, written twice) become short names, in both files.
// 3. esbuild minifies the glue (names of its own exports and `import.meta.url` kept).
//
// This edits wasm-bindgen's output, whose shape may change with its version. Every edit checks
// the shape it expects and throws, failing the build, when it is not there; afterwards the glue
// must provide exactly the imports the wasm declares and use only exports it has.
// e2e/bundle.test.mjs holds the result to that and feeds the edits shapes they must refuse.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";

/** wasm-bindgen's name for the module of imports the glue provides itself. */
const OWN = "./graph-change-password_bg.js";
const STREAMS = /^(__wbg_)?intounderlying/;
const CLASSES = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

export class ShapeError extends Error {
  constructor(what) {
    super(`shrink-bundle: wasm-bindgen's output is not the shape this hook edits (${what}); update scripts/shrink-bundle.mjs or remove the hook from Trunk.toml`);
  }
}

// --- The wasm binary: just enough of the format to rename imports and exports. ---

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const nameBytes = (name) => { const b = Buffer.from(name, "utf8"); return [...uleb(b.length), ...b]; };

function readName(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [bytes.subarray(start, start + length).toString("utf8"), start + length];
}

/** Where an import's description ends (function, table, memory, global or tag). */
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); return p; };
  switch (kind) {
    case 0: return leb(bytes, at)[1];
    case 1: if (bytes[at] !== 0x70 && bytes[at] !== 0x6f) throw new ShapeError(`table import of type 0x${bytes[at].toString(16)}`); return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    case 4: return leb(bytes, at + 1)[1];
    default: throw new ShapeError(`import kind ${kind}`);
  }
}

/** The wasm's sections, as [id, bytes]. */
function sections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new ShapeError("not a wasm module");
  const out = [];
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    out.push([id, wasm.subarray(start, start + size)]);
    at = start + size;
  }
  return out;
}

function assemble(parts) {
  const body = parts.flatMap(([id, content]) => [Buffer.from([id, ...uleb(content.length)]), Buffer.from(content)]);
  return Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), ...body]);
}

/** Rewrites the import and export sections: `renameImport(module, name)` and
 *  `renameExport(name)` return a new name, or `null` to drop an export. */
export function editWasm(wasm, { renameImport = (_, n) => n, renameExport = (n) => n }) {
  return assemble(sections(wasm).map(([id, content]) => {
    if (id === 2) {
      let [count, at] = leb(content, 0);
      const out = [...uleb(count)];
      for (; count > 0; count--) {
        let module, name;
        [module, at] = readName(content, at);
        [name, at] = readName(content, at);
        const end = skipImportDescription(content, at);
        out.push(...nameBytes(module), ...nameBytes(renameImport(module, name)), ...content.subarray(at, end));
        at = end;
      }
      return [id, out];
    }
    if (id === 7) {
      let [count, at] = leb(content, 0);
      const kept = [];
      let n = 0;
      for (; count > 0; count--) {
        let name;
        [name, at] = readName(content, at);
        const end = leb(content, at + 1)[1];
        const renamed = renameExport(name);
        if (renamed !== null) { kept.push(...nameBytes(renamed), ...content.subarray(at, end)); n++; }
        at = end;
      }
      return [id, [...uleb(n), ...kept]];
    }
    return [id, content];
  }));
}

// --- The glue. ---

/** Short names: a, b, …, Z, aa, ab, … (valid identifiers, never `__proto__`). */
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let length = 1; ; length++) {
    const index = Array(length).fill(0);
    for (;;) {
      yield index.map((i) => letters[i]).join("");
      let k = length - 1;
      while (k >= 0 && ++index[k] === letters.length) index[k--] = 0;
      if (k < 0) break;
    }
  }
}

const escape = (s) => s.replace(/[$]/g, "\\$");
const word = (name) => new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, "g");

/** The glue without the wasm-streams classes (their declarations, Symbol.dispose lines and
 *  FinalizationRegistry constants). */
export function dropStreamClasses(glue) {
  for (const name of CLASSES) {
    const declaration = new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n`, "m");
    const dispose = new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, "m");
    const registry = new RegExp(`^const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n[^\\n]*\\n[^\\n]*;\\n`, "m");
    for (const [what, pattern] of [["class", declaration], ["Symbol.dispose line", dispose], ["FinalizationRegistry", registry]]) {
      if (!pattern.test(glue)) throw new ShapeError(`no ${what} of ${name}`);
      glue = glue.replace(pattern, "");
    }
  }
  if (/intounderlying/i.test(glue)) throw new ShapeError("wasm-streams names left in the glue");
  return glue;
}

/** The keys of the glue's own import object (`const import0 = { __proto__: null, KEY: function(…) {…}, … }`),
 *  each with the span of its property. */
export function ownImports(glue) {
  const header = "    const import0 = {\n        __proto__: null,\n";
  const start = glue.indexOf(header);
  const end = glue.indexOf("\n    };\n", start);
  if (start < 0 || end < 0) throw new ShapeError("no `const import0 = { __proto__: null, … }` object");
  const properties = [];
  const key = /^        ([\w$]+): function\(/gm;
  key.lastIndex = start;
  for (let m; (m = key.exec(glue)) && m.index < end;) properties.push({ name: m[1], from: m.index });
  properties.forEach((p, i) => { p.to = i + 1 < properties.length ? properties[i + 1].from : end + 1; });
  for (const p of properties) {
    // `KEY: function(…) {…},` or `KEY: function() { return handleError(function (…) {…}, arguments); },`
    const text = glue.slice(p.from, p.to);
    if (!/\n        (\}, arguments\); )?\},?\n$/.test(text)) throw new ShapeError(`import ${p.name} does not end with its own "},"`);
    // Its first and last lines only at the object's indentation: no other property hides in it.
    if (text.split("\n").filter((line) => /^ {8}\S/.test(line)).length !== 2) throw new ShapeError(`import ${p.name} is followed by a property of another shape`);
  }
  if (properties[0]?.from !== start + header.length) throw new ShapeError("the import object does not open with a function");
  return properties;
}

/** Shrinks `wasm` and `glue` together (steps 1 and 2 above); `optimize(wasm)` re-runs wasm-opt. */
export function shrink(wasm, glue, optimize) {
  glue = dropStreamClasses(glue);
  let module = optimize(editWasm(wasm, { renameExport: (n) => (STREAMS.test(n) ? null : n) }));
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(module));
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(module)).map((e) => e.name);
  const wanted = new Set(imports.filter((i) => i.module === OWN).map((i) => i.name));
  // Imports only wasm-streams' code called: gone from the wasm, so from the glue.
  for (const p of ownImports(glue).reverse()) {
    if (!wanted.has(p.name)) glue = glue.slice(0, p.from) + glue.slice(p.to);
  }
  const names = shortNames();
  const importNames = new Map([...wanted].map((n) => [n, names.next().value]));
  // `memory` keeps its name: `init()` resolves to the exports, and a page may read it.
  const exportNames = new Map(exports.map((n) => [n, n === "memory" ? n : names.next().value]));
  for (const [from, to] of importNames) {
    const found = glue.match(word(from))?.length ?? 0;
    if (found !== 1) throw new ShapeError(`import ${from} named ${found} times in the glue, not once`);
    glue = glue.replace(word(from), to);
  }
  glue = glue.replace(/(?<![\w$])wasm\.([\w$]+)/g, (_, name) => {
    if (!exportNames.has(name)) throw new ShapeError(`the glue uses wasm.${name}, which the wasm does not export`);
    return `wasm.${exportNames.get(name)}`;
  });
  // Any other way of reaching an export (`exports.x`, `wasm["x"]`, a destructuring) would
  // still name it as before: refuse rather than leave it pointing at nothing.
  for (const [from, to] of exportNames) {
    const reached = new RegExp(`(\\.|["'])${escape(from)}(?![\\w$])`);
    if (from !== to && reached.test(glue)) throw new ShapeError(`the glue reaches the export ${from} other than as wasm.${from}`);
  }
  module = editWasm(module, {
    renameImport: (m, n) => (m === OWN ? importNames.get(n) : n),
    renameExport: (n) => exportNames.get(n),
  });
  check(module, glue);
  return { wasm: module, glue };
}

/** The glue provides exactly the own imports the wasm declares. */
export function check(wasm, glue) {
  const declared = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).filter((i) => i.module === OWN).map((i) => i.name).sort();
  const provided = ownImports(glue).map((p) => p.name).sort();
  if (JSON.stringify(declared) !== JSON.stringify(provided)) {
    throw new ShapeError(`the glue provides ${provided.length} imports, the wasm declares ${declared.length}`);
  }
}

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

function main() {
  if (process.env.TRUNK_PROFILE !== "release") return;
  const dir = process.env.TRUNK_STAGING_DIR;
  const files = { wasm: join(dir, "graph-change-password_bg.wasm"), glue: join(dir, "graph-change-password.js"), page: join(dir, "index.html") };
  const [wasm, glue, page] = [readFileSync(files.wasm), readFileSync(files.glue, "utf8"), readFileSync(files.page, "utf8")];
  // The wasm-opt Trunk ran: npm's binaryen here (Trunk.toml), else whatever PATH has.
  const local = resolve(import.meta.dirname, "../node_modules/.bin/wasm-opt");
  const wasmOpt = process.env.WASM_OPT ?? (existsSync(local) ? local : "wasm-opt");
  const scratch = mkdtempSync(join(tmpdir(), "shrink-bundle-"));
  const optimize = (bytes) => {
    const file = join(scratch, "module.wasm");
    writeFileSync(file, bytes);
    execFileSync(wasmOpt, ["-Os", file, "-o", file]);
    return readFileSync(file);
  };
  let small;
  try {
    small = shrink(wasm, glue, optimize);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const { code } = transformSync(small.glue, { minify: true, format: "esm", target: "es2020" });
  // Trunk wrote both files' SRI hashes into index.html before this hook ran. Everything is
  // checked before anything is written, so a refusal leaves Trunk's output as it was.
  let html = page;
  for (const [before, after] of [[sri(wasm), sri(small.wasm)], [sri(glue), sri(code)]]) {
    if (!html.includes(before)) throw new ShapeError(`index.html does not carry the hash ${before}`);
    html = html.replaceAll(before, after);
  }
  writeFileSync(files.wasm, small.wasm);
  writeFileSync(files.glue, code);
  writeFileSync(files.page, html);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
