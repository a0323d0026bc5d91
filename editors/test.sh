#!/usr/bin/env bash
# Tests of the editor support: the VS Code extension (its TextMate grammar
# on every bundled spec, the extension's activation, and the screenshot of
# highlighting for docs/tooling.md), then the tree-sitter grammar (the
# corpus in tree-sitter-ravel/test/corpus, every bundled spec parsed with no
# error, the highlight queries), through its compiled parser.
#
# The parser (tree-sitter-ravel/src/parser.c) is generated from grammar.js
# and committed, so these tests need only a C compiler. When the tree-sitter
# CLI (0.27.1: `cargo install tree-sitter-cli --locked --version 0.27.1`) is
# installed, the parser is also regenerated and must equal the committed one.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --prefix vscode --no-audit --no-fund
(cd vscode && node --test test/)

cd tree-sitter-ravel
if tree-sitter --version 2>/dev/null | grep -q "0.27.1"; then
    tree-sitter generate 2>/dev/null
    git diff --exit-code -- src/ || {
        echo "editors: src/parser.c is stale: run tree-sitter generate and commit it" >&2
        exit 1
    }
fi
cargo test --release --quiet
