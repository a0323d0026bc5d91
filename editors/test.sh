#!/usr/bin/env bash
# Tests of the editor support: the VS Code extension (its TextMate grammar
# on every bundled spec, the extension's activation, and the screenshot of
# highlighting for docs/tooling.md), then the tree-sitter grammar (generate
# the parser, run the corpus in tree-sitter-ravel/test/corpus, parse every
# bundled spec with no error, and the highlight queries).
#
# tree-sitter's npm package downloads its binary from outside the package
# registry, so the CLI comes from crates.io instead (built once, ~10 min on
# two cores), pinned to the version the grammar was written with.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

npm ci --prefix vscode --no-audit --no-fund
(cd vscode && node --test test/)

TS_VERSION=0.27.1
if ! tree-sitter --version 2>/dev/null | grep -q "$TS_VERSION"; then
    cargo install tree-sitter-cli --locked --version "$TS_VERSION"
fi
cd tree-sitter-ravel
tree-sitter generate
tree-sitter test
mapfile -t specs < <(find "$root/specs" "$root/tests/fmt" "$root/tests/cli" -name "*.rvl" | sort)
tree-sitter parse --quiet "${specs[@]}"
tree-sitter query queries/highlights.scm "$root/specs/two_phase_commit/two_phase_commit.rvl" >/dev/null
echo "editors: ${#specs[@]} specs parse with the tree-sitter grammar"
