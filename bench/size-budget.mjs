// The size budget CI enforces: brotli(wasm) + brotli(JS glue) of the release bundle in dist/.
// Deterministic (same bytes in, same figure out), so it can fail a build.
import { sizes } from "./bench.mjs";

/** Measured 2026-11-27 at 125 515 B (every feature of this round: three doors, eight locales,
 *  fidelity), plus 3 %; lower it whenever the bundle shrinks. */
export const BUDGET_BROTLI_BYTES = 129_300;

const s = sizes();
const total = s.total.brotli;
console.log(`bundle brotli: wasm ${s.wasm.brotli} B + JS ${s.js.brotli} B = ${total} B (budget ${BUDGET_BROTLI_BYTES} B)`);
if (total > BUDGET_BROTLI_BYTES) {
  console.error(`size budget exceeded: the bundle is ${total} B brotli, the budget ${BUDGET_BROTLI_BYTES} B (over by ${total - BUDGET_BROTLI_BYTES} B)`);
  process.exit(1);
}
