// The TextMate grammar: what scopes Ravel text gets, that every bundled
// spec tokenizes, and the screenshot docs/tooling.md shows of a spec
// highlighted by it (docs/images/editor.png, with Debian's chromium).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize, html } from "./highlight.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The innermost scope of the first token with this text on a line. */
async function scopeOf(line, text) {
  const [tokens] = await tokenize(line);
  const token = tokens.find((t) => t.text.trim() === text);
  assert.ok(token, `no token ${text} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes.at(-1);
}

test("declarations, keywords, operators and names get their scopes", async () => {
  assert.equal(await scopeOf("action RMPrepare(r: RM) {", "action"), "keyword.declaration.ravel");
  assert.equal(await scopeOf("action RMPrepare(r: RM) {", "RMPrepare"), "entity.name.function.ravel");
  assert.equal(await scopeOf("fair action Tick {", "fair"), "storage.modifier.ravel");
  assert.equal(await scopeOf("type Msg = Prepared { rm: RM } | Commit", "Msg"), "entity.name.type.ravel");
  assert.equal(await scopeOf("type Msg = Prepared { rm: RM } | Commit", "Prepared"), "entity.name.type.ravel");
  assert.equal(await scopeOf("var msgs: set<Msg> = {}", "msgs"), "variable.other.declaration.ravel");
  assert.equal(await scopeOf("var msgs: set<Msg> = {}", "set"), "support.type.primitive.ravel");
  assert.equal(await scopeOf("    require tm_state == init and x", "require"), "keyword.control.ravel");
  assert.equal(await scopeOf("    require tm_state == init and x", "=="), "keyword.operator.ravel");
  assert.equal(await scopeOf("    require tm_state == init and x", "and"), "keyword.operator.word.ravel");
  assert.equal(await scopeOf("    require tm_state == init and x", "tm_state"), "variable.other.ravel");
  assert.equal(await scopeOf("invariant Consistent: forall r in RM: x", "Consistent"), "entity.name.property.ravel");
  assert.equal(await scopeOf("invariant Consistent: forall r in RM: x", "forall"), "keyword.other.quantifier.ravel");
  assert.equal(await scopeOf("property P: always eventually done", "eventually"), "keyword.other.temporal.ravel");
  assert.equal(await scopeOf("    x = x + 1 // why", "// why"), "comment.line.double-slash.ravel");
  assert.equal(await scopeOf("    assert x < 3, \"too big\"", "too big"), "string.quoted.double.ravel");
  assert.equal(await scopeOf("    x = max(a, 3)", "max"), "support.function.builtin.ravel");
  assert.equal(await scopeOf("    n = sum(x in s: x)", "sum"), "support.function.builtin.ravel");
  assert.equal(await scopeOf("    n = fold(acc = 0, x in s: acc + x)", "fold"), "support.function.builtin.ravel");
  assert.equal(await scopeOf("    s = sub(s, 1, 2) ++ t", "sub"), "support.function.builtin.ravel");
  assert.equal(await scopeOf("    s = sub(s, 1, 2) ++ t", "++"), "keyword.operator.ravel");
  assert.equal(await scopeOf("    x = max(a, 3)", "3"), "constant.numeric.integer.ravel");
  assert.equal(await scopeOf("process Node[n in Nodes] (crash at most 1) {", "Node"), "entity.name.function.ravel");
  assert.equal(await scopeOf("channel net: Msg from Node to Node (lossy)", "lossy"), "storage.modifier.ravel");
  // `init` is a declaration word only where it starts one.
  assert.equal(await scopeOf("init {", "init"), "keyword.declaration.ravel");
  assert.equal(await scopeOf("    require tm_state == init", "init"), "variable.other.ravel");
  // A block comment spans lines.
  const lines = await tokenize("/* one\ntwo */ var x: bool");
  assert.equal(lines[1][0].scopes.at(-1), "comment.block.ravel");
  assert.equal(lines[1].find((t) => t.text === "var").scopes.at(-1), "keyword.declaration.ravel");
});

function specs(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) specs(path, out);
    else if (name.endsWith(".rvl")) out.push(path);
  }
  return out;
}

test("every bundled spec tokenizes, with no text left unscoped but spaces", async () => {
  const files = specs(join(root, "specs"));
  assert.ok(files.length >= 10, `${files.length} specs`);
  for (const file of files) {
    const lines = await tokenize(readFileSync(file, "utf8"));
    for (const tokens of lines) {
      for (const t of tokens) {
        if (t.text.trim() && t.scopes.length < 2) {
          assert.fail(`${file}: \`${t.text}\` has no scope`);
        }
      }
    }
  }
});

test("screenshot of a spec highlighted", async (t) => {
  const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(chromium)) return t.skip("no chromium");
  const { chromium: browser } = await import("playwright-core");
  const spec = join(root, "specs", "two_phase_commit", "two_phase_commit.rvl");
  const text = readFileSync(spec, "utf8").split("\n").slice(19, 56).join("\n");
  const profile = mkdtempSync(join(tmpdir(), "ravel-chromium-"));
  const context = await browser.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    viewport: { width: 900, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await context.newPage();
    await page.setContent(await html(text, "two_phase_commit.rvl"));
    await page.screenshot({ path: join(root, "docs", "images", "editor.png"), fullPage: true });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
