// Shared set-up for the end-to-end tests: the real Graph emulator binary on an ephemeral port,
// a static server for dist/ plus the test host page, and Debian's Chromium via playwright-core.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { createInterface } from "node:readline";
import { extname, join, resolve } from "node:path";
import { after, before, beforeEach } from "node:test";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
export const outputDir = join(root, "test-output");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

/** Starts target/debug/graph-emulator on a free port; resolves to { url, admin, stop }. */
export async function startEmulator() {
  const child = spawn(join(root, "target/debug/graph-emulator"), ["--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Everything the emulator prints, on both streams: the leak test reads it all.
  const printed = [];
  child.stderr.on("data", (d) => printed.push(String(d)));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((ok, fail) => {
    lines.once("line", ok);
    child.once("exit", (code) => fail(new Error(`emulator exited ${code}: ${printed.join("")}`)));
  });
  printed.push(first + "\n");
  lines.on("line", (line) => printed.push(line + "\n"));
  const base = first.match(/(http:\/\/127\.0\.0\.1:\d+)\/v1\.0/)[1];
  const admin = async (path, body) => {
    const res = await fetch(`${base}/_emulator/${path}`, {
      method: body === undefined && path === "requests" ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json();
  };
  return {
    url: `${base}/v1.0`,
    admin,
    requests: () => admin("requests"),
    /** Queues a fault; throws if the local Graph refuses it (a test must not run without it). */
    fault: async (f) => {
      const answer = await admin("faults", f);
      if (answer.error) throw new Error(`the local Graph refused the fault ${JSON.stringify(f)}: ${answer.error}`);
      return answer;
    },
    reset: () => admin("reset", {}),
    base,
    /** All the emulator printed so far, stdout and stderr. */
    log: () => printed.join(""),
    stop: () => child.kill(),
  };
}

/** Text as a person reads it: the invisible isolates around inserted values (U+2066–2069) left out. */
export const read = (text) => (text ?? "").replace(/[\u2066-\u2069]/g, "");

/** An unsigned JWT with this payload: the component reads tokens, never verifies them, and the
 *  local Graph decides by the same claims Graph does. */
export const jwt = (payload) => ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "c2ln"].join(".");

/** Adele's object id in the local Graph. */
export const ADELE_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

/** Pages served beside dist/: the test host page and the benchmark's hand-written baseline. */
const PAGES = { "/host.html": "e2e/host.html", "/baseline.html": "bench/baseline.html", "/floor-host.html": "bench/floor-host.html" };

/** Graph's address in README's snippets; the test server points it at the local Graph. */
export const GRAPH = "https://graph.microsoft.com/v1.0";

/**
 * Serves `dir` (default dist/) plus PAGES and e2e/pages/ on 127.0.0.1; resolves to { url, stop }.
 * In HTML pages, which hold README's snippets verbatim, Graph's address is replaced by `graphUrl`
 * (as a hosts-file entry would), so the snippets run unchanged against the local Graph.
 * `headers` are added to every answer (the CSP test uses them).
 */
export async function startStatic({ dir = join(root, "dist"), graphUrl, headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const page = path.startsWith("/pages/") ? join(root, "e2e", path) : null;
    const file = PAGES[path] ? join(root, PAGES[path]) : page ?? join(dir, path === "/" ? "index.html" : path);
    if (!file.startsWith(root) && !file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      if (graphUrl && extname(file) === ".html") body = Buffer.from(String(body).replaceAll(GRAPH, graphUrl));
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store", ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}

export async function launch(extraArgs = []) {
  await mkdir(outputDir, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", ...extraArgs],
  });
}

/**
 * The component as a person meets it, found by label and role.
 * `open` loads the test host page, which mounts the component with the given options.
 */
export class ChangePasswordPage {
  constructor(page) {
    this.page = page;
    this.current = page.getByLabel("Current password", { exact: true });
    this.newPassword = page.getByLabel("New password", { exact: true });
    this.confirm = page.getByLabel("Confirm new password", { exact: true });
    this.submit = page.getByRole("button", { name: "Change password" });
    this.busy = page.getByRole("button", { name: "Changing password…" });
    this.result = page.locator(".gcp__result");
    this.details = page.locator(".gcp__details");
    this.console = [];
    page.on("console", (m) => this.console.push(m.text()));
  }

  /** Opens the host page: `tokens` are handed out one per getToken call, the last one repeats. */
  async open(staticUrl, graphUrl, { tokens = ["demo-token"], timeoutMs = 5000, upn, noMount = false, extra = {} } = {}) {
    await this.page.addInitScript((cfg) => { window.__hostConfig = cfg; }, { graphUrl, tokens, timeoutMs, upn, noMount, extra });
    await this.page.goto(`${staticUrl}/host.html`);
    if (noMount) await this.page.waitForFunction(() => window.moduleLoaded);
    // Another language has another button name: wait for the form in that language.
    else if (extra.locale) await this.page.locator(`[lang="${extra.locale}"] .gcp__submit`).waitFor();
    else await this.submit.waitFor();
  }

  async fill(current, next, confirm = next) {
    await this.current.pressSequentially(current, { delay: 5 });
    await this.newPassword.pressSequentially(next, { delay: 5 });
    await this.confirm.pressSequentially(confirm, { delay: 5 });
  }

  async change(current, next) {
    await this.fill(current, next);
    await this.submit.click();
    await this.result.waitFor();
    return read(await this.result.textContent());
  }

  events() {
    return this.page.evaluate(() => window.hostEvents);
  }

  tokenCalls() {
    return this.page.evaluate(() => window.tokenCalls);
  }

  /** The request objects the component passed to getToken, in order. */
  tokenRequests() {
    return this.page.evaluate(() => window.tokenRequests);
  }
}

/**
 * Registers an e2e file's shared set-up: one browser, emulator and static server for the file,
 * the emulator reset and the previous test's page closed before each test.
 * Returns { browser, graph, site, page }, filled in as the hooks run.
 */
export function useLocalGraph(browserArgs = []) {
  const env = {};
  before(async () => {
    [env.browser, env.graph] = await Promise.all([launch(browserArgs), startEmulator()]);
    env.site = await startStatic({ graphUrl: env.graph.url });
  });
  after(async () => {
    await env.browser?.close();
    env.graph?.stop();
    env.site?.stop();
  });
  beforeEach(async () => {
    await env.graph.reset();
    await env.page?.close();
    env.page = undefined;
  });
  return env;
}
