// `ravel check --html FILE` in headless Chromium: the page opens from the
// file alone (no network), shows the verdict, the sequence diagram and the
// trace, and clicking a step shows that state with its changes
// highlighted; no console errors. Takes the screenshot of
// docs/images/report.png.
//
// Run from the repository root after `cargo build --release`:
//   npm ci --prefix tests/browser && node --test tests/browser/
// RAVEL_BIN names another binary; CHROMIUM another browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.RAVEL_BIN || join(root, "target", "release", "ravel");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

test("the HTML report renders the verdict, the diagram and a clickable trace", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ravel-report-"));
  const file = join(dir, "report.html");
  const run = spawnSync(bin, ["check", "specs/two_phase_commit/blocking.rvl", "--html", file], {
    cwd: root,
  });
  assert.equal(run.status, 1, String(run.stderr));
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    offline: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push(`fetched ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
    assert.match(await page.locator("#verdict").textContent(), /deadlock reached/);
    assert.equal(await page.locator("#verdict").getAttribute("class"), "fails");
    assert.equal(await page.locator("#diagram svg").count(), 1);
    assert.equal(await page.locator(".step").count(), 5);
    // The last state is shown first.
    assert.equal(await page.locator("table.state:visible").getAttribute("data-step"), "5");
    // Step 2: r1 prepares; its row is highlighted.
    await page.locator('.step[data-step="2"]').click();
    const state = page.locator("table.state:visible");
    assert.equal(await state.getAttribute("data-step"), "2");
    const changed = await state.locator("tr.changed td.name").allTextContents();
    assert.ok(changed.some((n) => n.includes("state")), `changed rows: ${changed}`);
    assert.equal(await page.locator(".step.selected").count(), 1);
    assert.ok(await page.locator("#coverage tr").count() > 1);
    await page.screenshot({ path: join(root, "docs", "images", "report.png"), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
