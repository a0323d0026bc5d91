// Tokenize Ravel text with the extension's TextMate grammar, using the
// tokenizer VS Code itself uses (vscode-textmate, with the Oniguruma regex
// engine as WebAssembly), and render it as HTML in VS Code's Dark+ colours.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const wasm = readFileSync(join(dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;

const onig = oniguruma.loadWASM(wasm).then(() => ({
  createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
  createOnigString: (s) => new oniguruma.OnigString(s),
}));

const registry = new vsctm.Registry({
  onigLib: onig,
  loadGrammar: async (scope) => {
    if (scope !== "source.ravel") return null;
    const path = join(here, "..", "syntaxes", "ravel.tmLanguage.json");
    return vsctm.parseRawGrammar(readFileSync(path, "utf8"), path);
  },
});

/** Each line's tokens: `{ text, scopes }`, scopes innermost last. */
export async function tokenize(text) {
  const grammar = await registry.loadGrammar("source.ravel");
  let state = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

// Dark+ colours for the scopes the grammar uses (the most specific wins).
const COLOURS = [
  ["comment", "#6a9955"],
  ["string", "#ce9178"],
  ["constant.numeric", "#b5cea8"],
  ["constant.language", "#569cd6"],
  ["keyword.control", "#c586c0"],
  ["keyword.declaration", "#569cd6"],
  ["keyword.other", "#c586c0"],
  ["storage.modifier", "#569cd6"],
  ["keyword.operator.word", "#569cd6"],
  ["keyword.operator", "#d4d4d4"],
  ["support.type", "#4ec9b0"],
  ["support.function", "#dcdcaa"],
  ["entity.name.function", "#dcdcaa"],
  ["entity.name.type", "#4ec9b0"],
  ["entity.name.constant", "#4fc1ff"],
  ["entity.name.property", "#4fc1ff"],
  ["variable", "#9cdcfe"],
];

function colour(scopes) {
  for (const scope of [...scopes].reverse()) {
    const found = COLOURS.find(([prefix]) => scope.startsWith(prefix));
    if (found) return found[1];
  }
  return "#d4d4d4";
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A page showing `text` highlighted, titled like an editor tab. */
export async function html(text, title) {
  const lines = await tokenize(text);
  const body = lines
    .map((tokens, i) => {
      const code = tokens.map((t) => `<span style="color:${colour(t.scopes)}">${escape(t.text)}</span>`).join("");
      return `<div class="line"><span class="no">${i + 1}</span>${code}</div>`;
    })
    .join("");
  return `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; font: 14px/20px "DejaVu Sans Mono", monospace; color: #d4d4d4; }
.tab { background: #252526; color: #fff; padding: 8px 16px; font: 13px system-ui, sans-serif; border-bottom: 1px solid #333; }
.tab span { color: #969696; margin-left: 12px; }
pre { margin: 0; padding: 8px 0; }
.line { white-space: pre; }
.no { display: inline-block; width: 44px; padding-right: 16px; text-align: right; color: #858585; }
</style><div class="tab">${escape(title)}<span>highlighted by editors/vscode/syntaxes/ravel.tmLanguage.json with vscode-textmate (Dark+ colours)</span></div><pre>${body}</pre>`;
}
