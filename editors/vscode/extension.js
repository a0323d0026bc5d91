// The Ravel extension: starts `ravel lsp` (the binary named by the
// `ravel.path` setting) for .rvl files, and stops it with the editor.
// Highlighting comes from syntaxes/ravel.tmLanguage.json, comments and
// brackets from language-configuration.json.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("ravel");
  const command = config.get("path") || "ravel";
  const serverOptions = {
    run: { command, args: ["lsp"] },
    debug: { command, args: ["lsp"] },
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "ravel" }, { scheme: "untitled", language: "ravel" }],
  };
  client = new LanguageClient("ravel", "Ravel", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => deactivate() });
  return client.start();
}

function deactivate() {
  if (!client) return undefined;
  const stopping = client.stop();
  client = undefined;
  return stopping;
}

module.exports = { activate, deactivate };
