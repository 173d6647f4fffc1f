// The benchmark: size and time to three enabled inputs for the hand-written JS form, the floor
// (../shared/floor, the smallest Leptos form that makes the same call, built in the same run by
// scripts/bench.sh) and the component, with their ratios; memory, keystroke cost and submit
// overhead; in headless Chromium against the local Graph.
// Prints one table and writes the same figures to target/bench.json. Not a test: it asserts
// only that what it measured is real (the page really rendered what was typed).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { dirname, join, relative, resolve } from "node:path";
import { launch, startEmulator, startStatic } from "../e2e/harness.mjs";

const root = resolve(import.meta.dirname, "..");
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 20);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
const r = (x, d = 2) => Number(x.toFixed(d));

const measure = (b) => ({
  raw: b.length,
  gzip: gzipSync(b, { level: 9 }).length,
  brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** The modules a module imports statically (`import … from "./…"`, `import "./…"`), relative
 *  to `file`; `import("…")` (loaded only when asked, as the other locales are) is not followed. */
function staticImports(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => resolve(dirname(file), m[1]));
}

/**
 * "The bytes", one definition for the benchmark, the CI budget and README: every file an
 * English page loads for the component — the wasm, the JS glue and every module it imports
 * statically (the snippets), with any stylesheet or locale it fetches (none: the stylesheet is in
 * the wasm and English is built in) — each compressed on its own with brotli 11, as a server
 * would send them. `dir` is a bundle folder, `name` its module's name (the floor's the same way).
 * The benchmark checks this list against what the browser really fetched.
 */
export function bundleBytes(dir = join(root, "dist"), name = "graph-change-password") {
  const files = [join(dir, `${name}_bg.wasm`)];
  for (const todo = [join(dir, `${name}.js`)]; todo.length;) {
    const file = todo.pop();
    if (files.includes(file)) continue;
    files.push(file);
    todo.push(...staticImports(file));
  }
  const each = files.map((f) => ({ file: relative(dir, f), ...measure(readFileSync(f)) }));
  const sum = (k) => each.reduce((t, f) => t + f[k], 0);
  const part = (test) => Object.fromEntries(["raw", "gzip", "brotli"].map((k) => [k, each.filter(test).reduce((t, f) => t + f[k], 0)]));
  return {
    files: each,
    wasm: part((f) => f.file.endsWith(".wasm")),
    js: part((f) => f.file === `${name}.js`),
    snippets: part((f) => f.file.startsWith("snippets/")),
    total: { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") },
  };
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
    // Every file the page fetched, to hold "the bytes" to what a browser really loads.
    files: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname),
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

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The files a page fetched for its form (not the page, its favicon or Graph). */
const fetched = (files, graphPath) => [...new Set(files.filter((f) => !f.endsWith(".html") && f !== "/favicon.ico" && !f.startsWith(graphPath)))].sort();

/** Fails when the bytes counted are not the files the browser fetched for an English form. */
function sameFiles(counted, loaded, who) {
  const want = counted.files.map((f) => `/${f.file}`).sort();
  if (JSON.stringify(want) !== JSON.stringify(loaded)) {
    throw new Error(`${who}: the bytes count ${want.join(", ")} but the page fetched ${loaded.join(", ")}`);
  }
}

async function main() {
  const s = bundleBytes();
  const floorDist = process.env.FLOOR_DIST;
  if (!floorDist) throw new Error("FLOOR_DIST: run scripts/bench.sh, which builds the floor");
  const floorSizes = bundleBytes(floorDist, "floor-form");
  const hand = measure(readFileSync(join(root, "bench/baseline.html")));
  const [browser, graph, site, floorSite] = await Promise.all([
    launch(["--enable-precise-memory-info"]), startEmulator(), startStatic(), startStatic({ dir: floorDist }),
  ]);
  try {
    // RUNS runs of LOADS loads each, the three pages alternating (each load's order rotated,
    // so none always goes first), so drift in the machine's load hits all three alike; each
    // run's medians are kept. The headline is each page's best run median.
    const pages = { component: `${site.url}/host.html`, floor: `${floorSite.url}/floor-host.html`, baseline: `${site.url}/baseline.html` };
    const names = Object.keys(pages);
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const loads = { component: [], baseline: [], floor: [] };
      for (let i = 0; i < LOADS; i++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(i + k) % names.length];
          loads[name].push(await loadOnce(browser, pages[name], graph.url));
        }
      }
      runs.push(loads);
    }
    const graphPath = new URL(graph.url).pathname;
    sameFiles(s, fetched(runs[0].component[0].files, graphPath), "component");
    sameFiles(floorSizes, fetched(runs[0].floor[0].files, graphPath), "floor");
    const medians = runs.map((loads) => Object.fromEntries(Object.entries(loads).map(([k, v]) => [k, r(median(v.map((x) => x.interactive)))])));
    for (const m of medians) m.componentOverFloor = r(m.component / m.floor);
    const best = Object.fromEntries(names.map((k) => [k, Math.min(...medians.map((m) => m[k]))]));
    best.componentOverFloor = r(best.component / best.floor);
    const all = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, runs.flatMap((loads) => loads[k])]));
    const load = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, {
      interactiveMs: best[k],
      jsHeapKiB: r(median(v.map((x) => x.heap)) / 1024, 1),
      wasmMemoryKiB: r(median(v.map((x) => x.wasm)) / 1024, 1),
    }]));
    load.runs = medians;
    load.ratio = r(load.component.interactiveMs / load.baseline.interactiveMs);
    load.componentOverFloor = best.componentOverFloor;
    load.floorOverHand = r(load.floor.interactiveMs / load.baseline.interactiveMs);
    const sizeRatio = r(s.total.brotli / floorSizes.total.brotli);
    load.component.wasmFetchedMs = r(median(all.component.map((x) => x.wasmFetched)));
    load.component.initialisedMs = r(median(all.component.map((x) => x.initialised)));

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

    const result = { date: new Date().toISOString(), loads: LOADS, runs: RUNS, sizes: s, floorSizes, handSizes: hand, sizeRatio, load, keystroke: keys, submit: sub };
    mkdirSync(join(root, "target"), { recursive: true });
    writeFileSync(join(root, "target/bench.json"), JSON.stringify(result, null, 2));

    const kB = (b) => (b / 1000).toFixed(1);
    const three = (x) => `${kB(x.raw)} / ${kB(x.gzip)} / ${kB(x.brotli)} kB`;
    const table = [
      ["", "hand-written JS", "floor (Leptos)", "component", "component / floor", "floor / hand-written"],
      ["the bytes: every file an English page loads (raw / gzip -9 / brotli)", three(hand), three(floorSizes.total), three(s.total), `${sizeRatio}x (brotli)`, `${r(floorSizes.total.brotli / hand.brotli)}x (brotli)`],
      [`three enabled inputs, median of ${LOADS} alternating loads, each page's best of ${RUNS} runs`, `${load.baseline.interactiveMs} ms`, `${load.floor.interactiveMs} ms`, `${load.component.interactiveMs} ms`, `${load.componentOverFloor}x`, `${load.floorOverHand}x`],
      ...medians.map((m, i) => [`  run ${i + 1}`, `${m.baseline} ms`, `${m.floor} ms`, `${m.component} ms`, `${m.componentOverFloor}x`, `${r(m.floor / m.baseline)}x`]),
    ];
    console.log("\n| " + table[0].join(" | ") + " |\n|" + table[0].map(() => "---").join("|") + "|");
    for (const row of table.slice(1)) console.log("| " + row.join(" | ") + " |");
    const rows = [
      ["wasm (raw / gzip -9 / brotli)", three(s.wasm)],
      ["JS glue (raw / gzip -9 / brotli)", three(s.js)],
      [`snippets: ${s.files.filter((f) => f.file.startsWith("snippets/")).map((f) => f.file.split("/").pop()).join(", ")} (raw / gzip -9 / brotli)`, three(s.snippets)],
      ["the bytes (raw / gzip -9 / brotli)", three(s.total)],
      [`interactive, best run median (component / baseline)`, `${load.component.interactiveMs} / ${load.baseline.interactiveMs} ms = ${load.ratio}x`],
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
