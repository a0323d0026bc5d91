// `ravel explore` in headless Chromium, driven as a user would: load the
// page, take three actions, check the state shown (what changed is
// highlighted), go back, evaluate an expression, load a counterexample
// trace file and step through it. Takes the screenshot docs/tooling.md
// shows (docs/images/explorer.png).
//
// Run from the repository root after `cargo build --release`:
//   npm ci --prefix tests/browser && node --test tests/browser/
// RAVEL_BIN names another binary; CHROMIUM another browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.RAVEL_BIN || join(root, "target", "release", "ravel");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

// Start `ravel explore` on a free port; resolves with the URL it prints.
function explore(spec) {
  const server = spawn(bin, ["explore", spec, "--port", "0"], { cwd: root });
  const url = new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error(`ravel explore exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error("ravel explore printed no URL")), 10000);
  });
  return { server, url };
}

async function browser() {
  const profile = mkdtempSync(join(tmpdir(), "ravel-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1280, height: 760 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  return { context, profile };
}

// The value shown for a variable, and whether its row is highlighted.
async function shown(page, name) {
  const row = page.locator(`#state tr[data-var="${name}"]`);
  const value = (await row.locator("td.value").evaluate((td) => td.firstChild.textContent)).trim();
  const changed = await row.evaluate((tr) => tr.classList.contains("changed"));
  return { value, changed };
}

async function take(page, label) {
  const before = await page.locator("#history li").count();
  await page.locator(`#enabled button[data-label="${label}"]`).click();
  await page.waitForFunction((n) => document.querySelectorAll("#history li").length === n + 1, before);
}

test("take three actions, go back, evaluate, step through a counterexample", async () => {
  const { server, url } = explore("specs/two_phase_commit/majority_commit.rvl");
  const { context, profile } = await browser();
  const traces = mkdtempSync(join(tmpdir(), "ravel-trace-"));
  try {
    const page = await context.newPage();
    await page.goto(await url);
    await page.waitForSelector('#state tr[data-var="rm_state"]');
    assert.equal(await page.locator("#spec").textContent(), "TwoPhaseCommitMajority (specs/two_phase_commit/majority_commit.rvl)");
    assert.deepEqual(await shown(page, "rm_state"), { value: "[r1: working, r2: working, r3: working]", changed: false });

    await take(page, "RMPrepare(r = r1)");
    await take(page, "TMRcvPrepared(r = r1)");
    await take(page, "RMPrepare(r = r2)");

    assert.deepEqual(
      await page.locator("#history li").allTextContents(),
      ["initial state", "RMPrepare(r = r1)", "TMRcvPrepared(r = r1)", "RMPrepare(r = r2)"],
    );
    assert.equal(await page.locator("#step").textContent(), "(step 4 of 4)");
    assert.deepEqual(await shown(page, "rm_state"), { value: "[r1: prepared, r2: prepared, r3: working]", changed: true });
    assert.match(await page.locator('#state tr[data-var="rm_state"] .changes').textContent(), /rm_state\[r2\]: working → prepared/);
    assert.deepEqual(await shown(page, "tm_prepared"), { value: "{r1}", changed: false });
    assert.deepEqual(await shown(page, "msgs"), { value: "{Prepared { rm: r1 }, Prepared { rm: r2 }}", changed: true });
    // Two of three prepared is a majority: the coordinator may commit.
    assert.ok(await page.locator('#enabled button[data-label="TMRcvPrepared(r = r2)"]').count());

    await page.locator("#back").click();
    await page.waitForFunction(() => document.querySelector("#step").textContent === "(step 3 of 4)");
    assert.deepEqual(await shown(page, "rm_state"), { value: "[r1: prepared, r2: working, r3: working]", changed: false });
    assert.deepEqual(await shown(page, "tm_prepared"), { value: "{r1}", changed: true });

    await page.locator("#eval-input").fill("{r in RM if rm_state[r] == prepared}");
    await page.locator("#eval-form button").click();
    await page.waitForFunction(() => document.querySelector("#eval-result").textContent !== "");
    assert.equal(await page.locator("#eval-result").textContent(), "{r1}    : set<RM>");

    // A counterexample as ravel check finds it, saved as an ITF file.
    const check = await (await fetch(new URL("/api/check", await url))).json();
    assert.equal(check.verdict, "✗ invariant Consistent is violated");
    // Written outside the browser's profile, which Chromium owns.
    const trace = join(traces, "counterexample.itf.json");
    writeFileSync(trace, check.itf);
    await page.locator("#trace-file").setInputFiles(trace);
    // Either the trace loads or the page says why not.
    await page.waitForFunction(() =>
      document.querySelectorAll("#history li").length === 8 || document.querySelector("#message").textContent !== "");
    assert.equal(await page.locator("#message").textContent(), "");
    assert.equal(await page.locator("#history li").count(), 8);
    // The verdict line is written after the history: wait for it too.
    await page.waitForFunction(() => document.querySelector("#verdict").textContent !== "");
    assert.equal(await page.locator("#verdict").textContent(), "loaded counterexample.itf.json: 8 states");
    const steps = await page.locator("#history li").allTextContents();
    assert.equal(steps[0], "initial state");
    assert.equal(steps[5], "TMCommit");
    for (let i = 0; i < 7; i++) await page.locator("#forward").click();
    await page.waitForFunction(() => document.querySelector("#step").textContent === "(step 8 of 8)");
    assert.match(await page.locator("#invariants .fails").textContent(), /^Consistent/);
    assert.deepEqual(await shown(page, "rm_state"), { value: "[r1: committed, r2: prepared, r3: aborted]", changed: true });
    // The expression was evaluated again in this state.
    assert.equal(await page.locator("#eval-result").textContent(), "{r2}    : set<RM>");
    await page.screenshot({ path: join(root, "docs", "images", "explorer.png") });
  } finally {
    await context.close();
    server.kill();
    rmSync(profile, { recursive: true, force: true });
    rmSync(traces, { recursive: true, force: true });
  }
});
