// extension.js outside VS Code: the `vscode` module and the language
// client are stand-ins that record what the extension asks of them.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const Module = require("node:module");
const path = require("node:path");
const fs = require("node:fs");

const calls = [];
const fakes = {
  vscode: {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => (section === "ravel" && key === "path" ? "/opt/ravel" : undefined) }),
    },
  },
  "vscode-languageclient/node": {
    LanguageClient: class {
      constructor(id, name, server, client) {
        calls.push({ id, name, server, client });
      }
      start() {
        calls.push("start");
        return Promise.resolve();
      }
      stop() {
        calls.push("stop");
        return Promise.resolve();
      }
    },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request in fakes ? fakes[request] : load.call(this, request, ...rest);
};

test("activate starts `ravel lsp` for Ravel files; deactivate stops it", async () => {
  const extension = require("../extension.js");
  const context = { subscriptions: [] };
  await extension.activate(context);
  const [made, started] = calls;
  assert.equal(made.id, "ravel");
  assert.deepEqual(made.server.run, { command: "/opt/ravel", args: ["lsp"] });
  assert.deepEqual(made.client.documentSelector[0], { scheme: "file", language: "ravel" });
  assert.equal(started, "start");
  assert.equal(context.subscriptions.length, 1);
  await extension.deactivate();
  assert.equal(calls.at(-1), "stop");
});

test("package.json points at files that exist", () => {
  const root = path.join(__dirname, "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(pkg.main, "./extension.js");
  const [language] = pkg.contributes.languages;
  assert.deepEqual(language.extensions, [".rvl"]);
  for (const file of [pkg.main, language.configuration, pkg.contributes.grammars[0].path]) {
    assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
  }
  const config = JSON.parse(fs.readFileSync(path.join(root, language.configuration), "utf8"));
  assert.equal(config.comments.lineComment, "//");
  assert.deepEqual(config.comments.blockComment, ["/*", "*/"]);
  // The language client is a real dependency, installed.
  assert.ok(require.resolve("vscode-languageclient/node"));
});
