// The size budget CI enforces: brotli(wasm) + brotli(JS glue) of the release bundle in dist/.
// Deterministic (same bytes in, same figure out), so it can fail a build.
import { sizes } from "./bench.mjs";

/** Measured 2026-11-25 at 83.7 kB, plus ~2.5 % margin; lower it whenever the bundle shrinks. */
export const BUDGET_BROTLI_BYTES = 86_000;

const s = sizes();
const total = s.total.brotli;
console.log(`bundle brotli: wasm ${s.wasm.brotli} B + JS ${s.js.brotli} B = ${total} B (budget ${BUDGET_BROTLI_BYTES} B)`);
if (total > BUDGET_BROTLI_BYTES) {
  console.error(`size budget exceeded by ${total - BUDGET_BROTLI_BYTES} B`);
  process.exit(1);
}
