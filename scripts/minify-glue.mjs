// Trunk post-build hook: in release builds, minifies wasm-bindgen's JS glue in the staging
// folder with esbuild (names of exports and `import.meta.url` are kept: it is an ES module).
// Trunk wrote the glue's SRI hash into index.html before this hook runs, so the hash is
// rewritten too; a stale one makes the browser refuse the module and the page stays empty.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;

if (process.env.TRUNK_PROFILE === "release") {
  const file = join(process.env.TRUNK_STAGING_DIR, "graph-change-password.js");
  const glue = readFileSync(file, "utf8");
  const { code } = transformSync(glue, { minify: true, format: "esm", target: "es2020" });
  writeFileSync(file, code);
  const page = join(process.env.TRUNK_STAGING_DIR, "index.html");
  const html = readFileSync(page, "utf8");
  const [before, after] = [sri(glue), sri(code)];
  if (!html.includes(before)) throw new Error(`minify-glue: index.html does not carry the glue's hash ${before}`);
  writeFileSync(page, html.replaceAll(before, after));
}
