// WebDriver set-up for the cross-engine tests: Firefox ESR through geckodriver (headless) and
// WebKitGTK through WebKitWebDriver (MiniBrowser, under an Xvfb this file starts when DISPLAY is
// unset), driven with selenium-webdriver. Playwright stays for Chromium (../harness.mjs).
// Every process started here is stopped by `stop()`, and killed on exit should a test die first.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { extname, join, resolve } from "node:path";
import { Builder, Key, WebElement } from "selenium-webdriver";
import { GRAPH } from "../harness.mjs";

const root = resolve(import.meta.dirname, "../..");

/** Text as a person reads it: the invisible isolates around inserted values left out. */
export const read = (text) => (text ?? "").replace(/[\u2066-\u2069]/g, "");

export const outputDir = join(root, "test-output");

export const FIREFOX = "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
/** Debian's webkit2gtk-driver starts this browser; the multiarch directory is the machine's. */
export const MINIBROWSER = [`/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu/webkit2gtk-4.1/MiniBrowser`,
  ...(existsSync("/usr/lib") ? readdirSync("/usr/lib").map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`) : [])]
  .find((path) => existsSync(path)) ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

// ---------------------------------------------------------------------------------------------
// Processes

// Each helper gets its own process group (detached), so that killing the group also ends the
// browser a driver started. Should this process end before `stop()` ran, the groups go with it.
const running = new Set();
const killGroup = (child, signal) => { try { process.kill(-child.pid, signal); } catch { /* gone */ } };
process.on("exit", () => { for (const child of running) killGroup(child, "SIGKILL"); });
for (const [signal, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]]) {
  process.once(signal, () => process.exit(128 + number));
}

/** Spawns a helper process, keeping what it prints for error messages. */
function start(command, args, env = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env }, detached: true });
  child.printed = [];
  child.stdout.on("data", (d) => child.printed.push(String(d)));
  child.stderr.on("data", (d) => child.printed.push(String(d)));
  child.exited = new Promise((ok) => {
    child.once("exit", (code, signal) => ok(code ?? signal));
    child.once("error", (e) => { child.printed.push(String(e)); if (child.pid === undefined) ok("not started"); });
  });
  running.add(child);
  child.exited.then(() => running.delete(child));
  return child;
}

/** Stops a process and its group: SIGTERM, then SIGKILL if it has not gone within 3 s. */
async function stopProcess(child) {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, "SIGTERM");
  let timer;
  const gone = await Promise.race([child.exited.then(() => true), new Promise((ok) => { timer = setTimeout(ok, 3000, false); })]);
  clearTimeout(timer);
  if (!gone) {
    killGroup(child, "SIGKILL");
    await child.exited;
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function freePort() {
  const server = createNetServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Polls a WebDriver server's /status until it answers ready. */
async function waitReady(url, child, what) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} did not start (${child.exitCode ?? child.signalCode ?? "not found"}): ${child.printed.join("")}` +
        " — scripts/engines-setup.sh installs the browsers and drivers");
    }
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok && (await res.json()).value?.ready !== false) return;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`${what} did not answer on ${url} within 20 s: ${child.printed.join("")}`);
}

/** Starts Xvfb on a display number it picks itself (-displayfd); resolves to { display, child }. */
async function startXvfb() {
  const child = start("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]);
  const display = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Xvfb gave no display within 10 s: ${child.printed.join("")}`)), 10000);
    child.stdout.on("data", (d) => {
      const m = String(d).match(/^(\d+)/);
      if (m) { clearTimeout(timer); ok(`:${m[1]}`); }
    });
    child.exited.then((code) => { clearTimeout(timer); fail(new Error(`Xvfb exited (${code}): ${child.printed.join("")}`)); });
  });
  return { display, child };
}

// ---------------------------------------------------------------------------------------------
// Engines

/**
 * Starts a browser engine behind its WebDriver server and opens a session.
 * name: "firefox" | "webkit". Resolves to { name, driver, stop }.
 */
export async function startEngine(name) {
  const started = [];
  const stop = async () => {
    await driver?.quit().catch(() => {});
    for (const child of started.reverse()) await stopProcess(child);
  };
  let driver;
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let capabilities;
    if (name === "firefox") {
      const gecko = start("geckodriver", ["--host", "127.0.0.1", "--port", String(port), "--log", "error"]);
      started.push(gecko);
      await waitReady(url, gecko, "geckodriver");
      capabilities = {
        browserName: "firefox",
        "moz:firefoxOptions": { binary: FIREFOX, args: ["-headless"], prefs: { "browser.shell.checkDefaultBrowser": false } },
      };
    } else if (name === "webkit") {
      let display = process.env.DISPLAY;
      if (!display) {
        const xvfb = await startXvfb();
        started.push(xvfb.child);
        display = xvfb.display;
      }
      const wk = start(WEBKIT_DRIVER, [`--port=${port}`], { DISPLAY: display });
      started.push(wk);
      await waitReady(url, wk, "WebKitWebDriver");
      capabilities = {
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      };
    } else {
      throw new Error(`unknown engine ${name}`);
    }
    // usingServer: selenium talks to the driver started here and never looks for one to download.
    driver = await new Builder().usingServer(url).withCapabilities(capabilities).build();
    await driver.manage().setTimeouts({ script: 10000, pageLoad: 20000 });
    return { name, driver, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The page

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

/**
 * Serves dist/ plus /host.html: the test host page e2e/host.html, read afresh on every request,
 * with one classic script put first in its <head> that sets window.__hostConfig from the `cfg`
 * query parameter (JSON). Playwright sets that global with an init script; WebDriver has none.
 * Resolves to { url, stop }.
 */
export async function startSite(graphUrl) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    try {
      if (url.pathname.startsWith("/pages/") && url.pathname.endsWith(".html")) {
        // README's snippets as pages, with Graph's address pointed at the local Graph.
        const page = String(await readFile(join(root, "e2e", url.pathname))).replaceAll(GRAPH, graphUrl);
        res.writeHead(200, { "Content-Type": TYPES[".html"], "Cache-Control": "no-store" }).end(page);
        return;
      }
      if (url.pathname === "/host.html") {
        const cfg = JSON.parse(url.searchParams.get("cfg") ?? "{}");
        // Also collects the page's uncaught errors, for the message when a page never gets ready.
        const script = `<script>window.__hostConfig = ${JSON.stringify(cfg).replace(/</g, "\\u003c")};
    window.__pageErrors = [];
    addEventListener("error", (e) => window.__pageErrors.push(String(e.message)));
    addEventListener("unhandledrejection", (e) => window.__pageErrors.push(String(e.reason)));</script>`;
        const page = String(await readFile(join(root, "e2e/host.html"))).replace(/<head>/i, `<head>\n  ${script}`);
        res.writeHead(200, { "Content-Type": TYPES[".html"], "Cache-Control": "no-store" }).end(page);
        return;
      }
      const file = join(root, "dist", url.pathname === "/" ? "index.html" : url.pathname);
      if (!file.startsWith(join(root, "dist"))) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((ok) => server.close(ok)) };
}

/** The computed accessible name of an element, as far as a test needs it (no ARIA-in-CSS). */
const NAME_OF = `
  const nameOf = (el) => {
    const by = el.getAttribute("aria-labelledby");
    if (by) return by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label").trim();
    if (el.labels?.length) return el.labels[0].textContent.trim();
    return el.textContent.replace(/\\s+/g, " ").trim();
  };
  const visible = (el) => !el.closest("[hidden]") && el.getClientRects().length > 0;
`;
const IMPLICIT_ROLES = { button: "button, input[type=button], input[type=submit]", link: "a[href]", textbox: "input[type=text]" };

/**
 * The component as a person meets it through WebDriver: fields by their label text, buttons
 * and regions by role and name, typing with real key events, waits that poll a condition.
 */
export class Person {
  constructor(driver, timeout = 10000) {
    this.driver = driver;
    this.timeout = timeout;
  }

  /** Opens the host page; `tokens` are handed out one per getToken call, the last one repeats. */
  async open(siteUrl, graphUrl, { tokens = ["demo-token"], timeoutMs = 5000, upn, extra = {}, page, ready = "Change password" } = {}) {
    const cfg = encodeURIComponent(JSON.stringify({ graphUrl, tokens, timeoutMs, upn, noMount: false, extra }));
    await this.driver.get(page ? `${siteUrl}${page}` : `${siteUrl}/host.html?cfg=${cfg}`);
    try {
      await this.driver.wait(() => this.driver.executeScript(`${NAME_OF}
        return [...document.querySelectorAll("button")].some((b) => visible(b) && nameOf(b) === arguments[0]);
      `, ready), 20000);
    } catch (e) {
      const state = await this.driver.executeScript(
        "return { readyState: document.readyState, moduleLoaded: window.moduleLoaded, errors: window.__pageErrors }",
      ).catch((err) => String(err));
      throw new Error(`the form did not appear within 20 s: ${JSON.stringify(state)}`, { cause: e });
    }
  }

  /** Polls `fn` until it returns something truthy; fails with `what` after the timeout. */
  until(fn, what, timeout = this.timeout) {
    return this.driver.wait(async () => {
      try { return await fn(); } catch (e) { if (e.name === "StaleElementReferenceError") return false; throw e; }
    }, timeout, `timed out waiting for ${what}`);
  }

  /** The visible element with this role and accessible name (string: exact; RegExp: matches). */
  async role(role, name) {
    const found = await this.until(() => this.driver.executeScript(`${NAME_OF}
      const [role, selector, source, flags] = arguments;
      const want = source === null ? null : new RegExp(source, flags);
      const candidates = [...document.querySelectorAll(selector ? selector + ", [role=" + role + "]" : "[role=" + role + "]")];
      return candidates.find((el) => visible(el) && (want === null || want.test(nameOf(el)) || (role === "alert" || role === "status") && want.test(el.textContent))) ?? null;
    `, role, IMPLICIT_ROLES[role] ?? null, ...pattern(name)), `${role} "${name}"`);
    return found;
  }

  button(name) { return this.role("button", name); }

  /** The form control whose <label> reads exactly `text`. */
  field(text) {
    return this.until(() => this.driver.executeScript(`
      const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim() === arguments[0]);
      return label?.control ?? null;
    `, text), `the field labelled "${text}"`);
  }

  /** Waits for a status or alert region whose text matches, and returns that text. */
  async message(re) {
    const el = await this.until(() => this.driver.executeScript(`
      const [source, flags] = arguments;
      const re = new RegExp(source, flags);
      return [...document.querySelectorAll("[role=status], [role=alert]")]
        .find((el) => !el.closest("[hidden]") && re.test(el.textContent.replace(/[\u2066-\u2069]/g, ""))) ?? null;
    `, re.source, re.flags), `a message matching ${re}`);
    return read(await el.getText());
  }

  /** The live regions (status, alert) that hold a request's result: not the error summary. */
  static RESULT_REGIONS = `[...document.querySelectorAll("[role=status], [role=alert]")]
    .filter((r) => !r.closest("[hidden]") && !r.querySelector("h2"))`;

  /** Marks the result on show now as seen (a JS property, no attribute), so `result` waits for a new one. */
  markResultsSeen() {
    return this.driver.executeScript(`for (const r of ${Person.RESULT_REGIONS}) for (const c of r.children) c.__seen = true;`);
  }

  /** The text of the first result shown since `markResultsSeen`, once there is one. */
  async result() {
    const el = await this.until(() => this.driver.executeScript(`
      return ${Person.RESULT_REGIONS}.find((r) => [...r.children].some((c) => !c.__seen && c.textContent.trim())) ?? null;
    `), "a result message");
    return read(await el.getText());
  }

  async type(label, text) {
    await (await this.field(label)).sendKeys(text);
  }

  async fill(current, next, confirm = next) {
    await this.type("Current password", current);
    await this.type("New password", next);
    await this.type("Confirm new password", confirm);
  }

  /** Clicks "Change password" and resolves to the text of the result it brings. */
  async submit() {
    await this.markResultsSeen();
    await (await this.button("Change password")).click();
    return this.result();
  }

  async change(current, next) {
    await this.fill(current, next);
    return this.submit();
  }

  /** Empties a field as a person would: select all, then Backspace. */
  async clear(label) {
    await (await this.field(label)).sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  }

  value(el) { return this.driver.executeScript("return arguments[0].value", el); }

  /** Whether the element has focus, polled until it does. */
  async waitFocused(el, what) {
    await this.until(async () => WebElement.equals(await this.driver.switchTo().activeElement(), el), `focus on ${what}`);
  }

  /** Something readable about the focused element: its aria-label, autocomplete, or text. */
  focused() {
    return this.driver.executeScript(`
      const el = document.activeElement;
      return el.getAttribute("aria-label") || el.getAttribute("autocomplete") || el.textContent.trim();
    `);
  }

  events() { return this.driver.executeScript("return window.hostEvents"); }
  tokenCalls() { return this.driver.executeScript("return window.tokenCalls"); }

  /** Runs axe-core in the page with these tags; resolves to { rules, violations }. */
  async axe(tags) {
    const source = String(await readFile(join(root, "node_modules/axe-core/axe.min.js")));
    await this.driver.executeScript(source);
    return this.driver.executeAsyncScript(`
      const [tags, done] = arguments;
      window.axe.run(document, { runOnly: { type: "tag", values: tags } }).then((r) => done({
        rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
        violations: r.violations.map((v) => v.id + " (" + v.impact + "): " + v.nodes.map((n) => n.target.join(" ")).join(", ")),
      }), (e) => done({ error: String(e) }));
    `, tags);
  }

  async screenshot(name) {
    await mkdir(outputDir, { recursive: true });
    await writeFile(join(outputDir, `${name}.png`), await this.driver.takeScreenshot(), "base64");
  }
}

function pattern(name) {
  if (name === undefined) return [null, ""];
  if (name instanceof RegExp) return [name.source, name.flags];
  return [`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, ""];
}
