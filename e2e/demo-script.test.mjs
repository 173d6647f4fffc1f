// The demo script is honest about its parts (issue 21): with a port taken it says which and
// stops; with CARGO_TARGET_DIR set it runs the local Graph it built there, and waits for it to
// answer before starting the dev server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

/** Runs scripts/demo.sh until it exits or prints `until`; resolves to { code, output }. */
function demo(env, until) {
  const child = spawn("bash", ["scripts/demo.sh"], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  return new Promise((ok) => {
    const read = (d) => {
      output += String(d);
      if (until && until.test(output)) {
        process.kill(-child.pid, "SIGTERM");
        ok({ code: null, output });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => ok({ code, output }));
  });
}

test("with 8787 taken, the demo says so and exits non-zero", async () => {
  const taken = createServer().listen(8787, "127.0.0.1");
  await new Promise((ok) => taken.once("listening", ok));
  try {
    const { code, output } = await demo({});
    assert.notEqual(code, 0);
    assert.match(output, /port 8787 on 127\.0\.0\.1 is already in use/);
  } finally {
    taken.close();
  }
});

test("with CARGO_TARGET_DIR elsewhere, the demo runs the local Graph it built there before serving", { timeout: 600_000 }, async () => {
  const { code, output } = await demo({ CARGO_TARGET_DIR: join(root, "target/demo-elsewhere") }, /Open http:\/\/127\.0\.0\.1:8080/);
  assert.equal(code, null, output);
  assert.match(output, /local Graph ready: http:\/\/127\.0\.0\.1:8787\/v1\.0/);
  assert.doesNotMatch(output, /No such file or directory/);
});
