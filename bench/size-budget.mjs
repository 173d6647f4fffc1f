// The size budget CI enforces on "the bytes" (bench/bench.mjs `bundleBytes`: every file an
// English page loads for the component, each brotli 11) of the release bundle in dist/.
// Deterministic (same bytes in, same figure out), so it can fail a build.
import { bundleBytes } from "./bench.mjs";

/** Measured 2026-12-02 at 122 367 B (every feature of issues 16–22), plus 3 %; lower it
 *  whenever the bundle shrinks. */
export const BUDGET_BROTLI_BYTES = 126_000;

const s = bundleBytes();
const total = s.total.brotli;
const parts = s.files.map((f) => `${f.file} ${f.brotli}`).join(" + ");
console.log(`the bytes, brotli: ${parts} = ${total} B (budget ${BUDGET_BROTLI_BYTES} B)`);
if (total > BUDGET_BROTLI_BYTES) {
  console.error(`size budget exceeded: the page loads ${total} B brotli, the budget is ${BUDGET_BROTLI_BYTES} B (over by ${total - BUDGET_BROTLI_BYTES} B)`);
  process.exit(1);
}
