// The benchmark: size and time to three enabled inputs for the hand-written JS form, the floor
// (../shared/floor, the smallest Leptos form that makes the same call, built in the same run by
// scripts/bench.sh) and the component, with their ratios; memory, keystroke cost and submit
// overhead; in headless Chromium against the local Graph.
// Prints one table and writes the same figures to target/bench.json. Not a test: it asserts
// only that what it measured is real (the page really rendered what was typed).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join, resolve } from "node:path";
import { launch, startEmulator, startStatic } from "../e2e/harness.mjs";

const root = resolve(import.meta.dirname, "..");
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 20);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
const r = (x, d = 2) => Number(x.toFixed(d));

/** Raw, gzip -9 and brotli 11 sizes of a bundle's wasm and JS (default: the component's dist/). */
export function sizes(files = { wasm: join(root, "dist/graph-change-password_bg.wasm"), js: join(root, "dist/graph-change-password.js") }) {
  const out = {};
  for (const [k, f] of Object.entries(files)) {
    const b = readFileSync(f);
    out[k] = {
      raw: b.length,
      gzip: gzipSync(b, { level: 9 }).length,
      brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  out.total = Object.fromEntries(["raw", "gzip", "brotli"].map((k) => [k, out.wasm[k] + out.js[k]]));
  return out;
}

// Installed before any page script: records when the form first has three enabled password
// inputs and a submit button, the same test for the component and the baseline.
const WATCH_INTERACTIVE = () => {
  const ready = () => document.querySelectorAll("input[type=password]:not([disabled]):not([readonly])").length === 3
    && document.querySelector("form button[type=submit]:not([disabled])");
  new MutationObserver((_, obs) => {
    if (ready()) { window.__interactiveAt = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
};

async function loadOnce(browser, url, graphUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(WATCH_INTERACTIVE);
  await page.addInitScript((cfg) => { window.__hostConfig = cfg; }, { graphUrl, tokens: ["demo-token"], timeoutMs: 5000 });
  await page.goto(url);
  await page.waitForFunction(() => window.__interactiveAt !== undefined);
  const m = await page.evaluate(() => ({
    interactive: window.__interactiveAt,
    // Where the component's time goes (host.html marks these; the baseline has none).
    wasmFetched: performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"))?.responseEnd ?? 0,
    initialised: performance.getEntriesByName("gcp:initialised")[0]?.startTime ?? 0,
    heap: performance.memory.usedJSHeapSize,
    wasm: window.wasmMemory ? window.wasmMemory.buffer.byteLength : 0,
  }));
  await context.close();
  return m;
}

/** Keystrokes on the page's "New password" field; the first 100 warm up (JIT, caches) and are not counted. */
async function keystrokes(page, length) {
  return page.evaluate(async ({ length, n, warmup }) => {
    const field = [...document.querySelectorAll("input")].find((i) => i.labels?.[0]?.textContent === "New password");
    const base = "Zq7!mW2#tKp9&Rv4$Ly8".repeat(13).slice(0, length - 1);
    const nextTask = () => new Promise((ok) => { const c = new MessageChannel(); c.port1.onmessage = ok; c.port2.postMessage(0); });
    const type = (v) => { field.value = v; field.dispatchEvent(new Event("input", { bubbles: true })); };
    type(base);
    await nextTask();
    const times = [];
    for (let i = 0; i < n + warmup; i++) {
      const v = i % 2 === 0 ? base + "x" : base; // alternate: add the last character, delete it
      const t0 = performance.now();
      type(v);
      await nextTask(); // Leptos applies DOM updates in microtasks: all done before the next task
      if (i >= warmup) times.push(performance.now() - t0);
    }
    type(base + "x");
    await nextTask();
    const met = document.querySelectorAll(".gcp__rule--met").length;
    return { times, met };
  }, { length, n: KEYSTROKES, warmup: 100 });
}

async function submitOverhead(page, graph, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    await graph.reset();
    const t = await page.evaluate(async () => {
      const fields = [...document.querySelectorAll("input[type=password]")];
      const set = (el, v) => { el.value = v; el.dispatchEvent(new Event("input", { bubbles: true })); };
      set(fields[0], "Wrong-Current-1"); set(fields[1], "Blue-Harbour-42"); set(fields[2], "Blue-Harbour-42");
      await new Promise((ok) => setTimeout(ok, 0));
      performance.clearResourceTimings();
      const done = new Promise((ok) => new PerformanceObserver((list, obs) => {
        const e = list.getEntries().find((x) => x.name.endsWith("/me/changePassword"));
        if (e) { obs.disconnect(); ok(e); }
      }).observe({ type: "resource" }));
      const t0 = performance.now();
      document.querySelector("form button[type=submit]").click();
      const entry = await done;
      return entry.startTime - t0;
    });
    times.push(t);
    await page.waitForFunction(() => !document.querySelector("form button[type=submit]")?.disabled);
  }
  return times;
}

async function main() {
  const s = sizes();
  const floorDist = process.env.FLOOR_DIST;
  if (!floorDist) throw new Error("FLOOR_DIST: run scripts/bench.sh, which builds the floor");
  const floorSizes = sizes({ wasm: join(floorDist, "floor-form_bg.wasm"), js: join(floorDist, "floor-form.js") });
  const handBytes = readFileSync(join(root, "bench/baseline.html"));
  const hand = { raw: handBytes.length, gzip: gzipSync(handBytes, { level: 9 }).length, brotli: brotliCompressSync(handBytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  const [browser, graph, site, floorSite] = await Promise.all([
    launch(["--enable-precise-memory-info"]), startEmulator(), startStatic(), startStatic({ dir: floorDist }),
  ]);
  try {
    const runs = { component: [], baseline: [], floor: [] };
    for (let i = 0; i < LOADS; i++) {
      // Alternate, so drift in the machine's load hits all three alike.
      runs.component.push(await loadOnce(browser, `${site.url}/host.html`, graph.url));
      runs.floor.push(await loadOnce(browser, `${floorSite.url}/floor-host.html`, graph.url));
      runs.baseline.push(await loadOnce(browser, `${site.url}/baseline.html`, graph.url));
    }
    const load = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, {
      interactiveMs: r(median(v.map((x) => x.interactive))),
      jsHeapKiB: r(median(v.map((x) => x.heap)) / 1024, 1),
      wasmMemoryKiB: r(median(v.map((x) => x.wasm)) / 1024, 1),
    }]));
    load.ratio = r(load.component.interactiveMs / load.baseline.interactiveMs);
    load.componentOverFloor = r(load.component.interactiveMs / load.floor.interactiveMs);
    load.floorOverHand = r(load.floor.interactiveMs / load.baseline.interactiveMs);
    const sizeRatio = r(s.total.brotli / floorSizes.total.brotli);
    load.component.wasmFetchedMs = r(median(runs.component.map((x) => x.wasmFetched)));
    load.component.initialisedMs = r(median(runs.component.map((x) => x.initialised)));

    const page = await browser.newPage();
    await page.addInitScript((cfg) => { window.__hostConfig = cfg; }, { graphUrl: graph.url, tokens: ["demo-token"], timeoutMs: 5000 });
    await page.goto(`${site.url}/host.html`);
    await page.getByRole("button", { name: "Change password" }).waitFor();
    const keys = {};
    for (const len of [12, 256]) {
      const { times, met } = await keystrokes(page, len);
      if (met !== 4) throw new Error(`requirement list did not follow the typing (${met} rows met for ${len} chars)`);
      keys[len] = { medianMs: r(median(times), 3), p95Ms: r(p95(times), 3), samples: times.length };
    }
    const submit = { component: await submitOverhead(page, graph, SUBMITS) };
    const basePage = await browser.newPage();
    await basePage.addInitScript((cfg) => { window.__hostConfig = cfg; }, { graphUrl: graph.url, tokens: ["demo-token"] });
    await basePage.goto(`${site.url}/baseline.html`);
    await basePage.locator("form button").waitFor();
    // The floor: the same keystrokes into the baseline's field, which has no listener at all.
    for (const len of [12, 256]) {
      const { times } = await keystrokes(basePage, len);
      keys[`floor${len}`] = { medianMs: r(median(times), 3), p95Ms: r(p95(times), 3), samples: times.length };
    }
    submit.baseline = await submitOverhead(basePage, graph, SUBMITS);
    const sub = Object.fromEntries(Object.entries(submit).map(([k, v]) => [k, { medianMs: r(median(v), 3), p95Ms: r(p95(v), 3), samples: v.length }]));

    const result = { date: new Date().toISOString(), loads: LOADS, sizes: s, floorSizes, handSizes: hand, sizeRatio, load, keystroke: keys, submit: sub };
    mkdirSync(join(root, "target"), { recursive: true });
    writeFileSync(join(root, "target/bench.json"), JSON.stringify(result, null, 2));

    const kB = (b) => (b / 1000).toFixed(1);
    const three = (x) => `${kB(x.raw)} / ${kB(x.gzip)} / ${kB(x.brotli)} kB`;
    const table = [
      ["", "hand-written JS", "floor (Leptos)", "component", "component / floor", "floor / hand-written"],
      ["size, wasm + JS (raw / gzip -9 / brotli)", three(hand), three(floorSizes.total), three(s.total), `${sizeRatio}x (brotli)`, `${r(floorSizes.total.brotli / hand.brotli)}x (brotli)`],
      [`three enabled inputs, median of ${LOADS} loads`, `${load.baseline.interactiveMs} ms`, `${load.floor.interactiveMs} ms`, `${load.component.interactiveMs} ms`, `${load.componentOverFloor}x`, `${load.floorOverHand}x`],
    ];
    console.log("\n| " + table[0].join(" | ") + " |\n|" + table[0].map(() => "---").join("|") + "|");
    for (const row of table.slice(1)) console.log("| " + row.join(" | ") + " |");
    const rows = [
      ["bundle wasm (raw / gzip -9 / brotli)", `${kB(s.wasm.raw)} / ${kB(s.wasm.gzip)} / ${kB(s.wasm.brotli)} kB`],
      ["bundle JS glue (raw / gzip -9 / brotli)", `${kB(s.js.raw)} / ${kB(s.js.gzip)} / ${kB(s.js.brotli)} kB`],
      ["bundle total (raw / gzip -9 / brotli)", `${kB(s.total.raw)} / ${kB(s.total.gzip)} / ${kB(s.total.brotli)} kB`],
      [`interactive, median of ${LOADS} (component / baseline)`, `${load.component.interactiveMs} / ${load.baseline.interactiveMs} ms = ${load.ratio}x`],
      ["component: wasm downloaded / instantiated / interactive at (medians)", `${load.component.wasmFetchedMs} / ${load.component.initialisedMs} / ${load.component.interactiveMs} ms`],
      ["JS heap after mount (component / baseline)", `${load.component.jsHeapKiB} / ${load.baseline.jsHeapKiB} KiB`],
      ["wasm memory after mount", `${load.component.wasmMemoryKiB} KiB`],
      [`keystroke -> list updated, 12 chars (median / p95, n=${KEYSTROKES})`, `${keys[12].medianMs} / ${keys[12].p95Ms} ms`],
      [`keystroke -> list updated, 256 chars (median / p95, n=${KEYSTROKES})`, `${keys[256].medianMs} / ${keys[256].p95Ms} ms`],
      ["keystroke floor, baseline field without listeners, 12 / 256 chars (p95)", `${keys.floor12.p95Ms} / ${keys.floor256.p95Ms} ms`],
      [`submit click -> request leaves (median / p95, n=${SUBMITS}), component`, `${sub.component.medianMs} / ${sub.component.p95Ms} ms`],
      [`submit click -> request leaves (median / p95, n=${SUBMITS}), baseline`, `${sub.baseline.medianMs} / ${sub.baseline.p95Ms} ms`],
    ];
    const w = Math.max(...rows.map((x) => x[0].length));
    console.log(`\n| ${"measure".padEnd(w)} | value |\n|${"-".repeat(w + 2)}|-------|`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
    console.log("\nwritten to target/bench.json");
  } finally {
    await browser.close();
    graph.stop();
    site.stop();
    floorSite.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
