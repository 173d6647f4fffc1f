// Trunk post-build hook: in release builds, minifies wasm-bindgen's JS glue in the staging
// folder with esbuild (names of exports and `import.meta.url` are kept: it is an ES module).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

if (process.env.TRUNK_PROFILE === "release") {
  const file = join(process.env.TRUNK_STAGING_DIR, "graph-change-password.js");
  const { code } = transformSync(readFileSync(file, "utf8"), { minify: true, format: "esm", target: "es2020" });
  writeFileSync(file, code);
}
