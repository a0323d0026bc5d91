//! The grammar on Ravel's own files: the corpus in `test/corpus` (the
//! format `tree-sitter test` reads: a name between `===` lines, the input,
//! `---`, the expected tree), every bundled spec parsed with no error node,
//! and the highlight queries compiled against the grammar.

use std::path::{Path, PathBuf};

use tree_sitter::{Language, Parser, Query};

fn language() -> Language {
    tree_sitter_ravel::LANGUAGE.into()
}

fn parse(text: &str) -> tree_sitter::Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("the grammar loads");
    parser.parse(text, None).expect("the parser returns a tree")
}

/// An S-expression with its whitespace normalised.
fn normalise(sexp: &str) -> String {
    sexp.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
}

#[test]
fn corpus_cases_give_their_trees() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for entry in std::fs::read_dir("test/corpus").expect("the corpus folder") {
        let path = entry.expect("a corpus file").path();
        let text = std::fs::read_to_string(&path).expect("a readable corpus file");
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].starts_with("===") {
                i += 1;
                continue;
            }
            let name = lines.get(i + 1).copied().unwrap_or("").trim().to_string();
            i += 3;
            let start = i;
            while i < lines.len() && lines[i].trim() != "---" {
                i += 1;
            }
            let input = lines[start..i].join("\n");
            i += 1;
            let tree_start = i;
            while i < lines.len() && !lines[i].starts_with("===") {
                i += 1;
            }
            let expected = normalise(&lines[tree_start..i].join(" "));
            let actual = normalise(&parse(&input).root_node().to_sexp());
            cases += 1;
            if actual != expected {
                failures.push(format!(
                    "{}: {name}\n  expected {expected}\n  actual   {actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(cases > 0, "the corpus has cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            specs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rvl") {
            out.push(path);
        }
    }
}

#[test]
fn every_bundled_spec_parses_without_error() {
    let root = Path::new("../..");
    let mut files = Vec::new();
    for dir in ["specs", "tests/fmt", "tests/cli"] {
        specs(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found {} specs", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).expect("a readable spec");
            let tree = parse(&text);
            tree.root_node().has_error().then(|| f.display().to_string())
        })
        .collect();
    assert!(failures.is_empty(), "parse errors in {failures:?}");
}

#[test]
fn highlight_queries_compile() {
    Query::new(&language(), tree_sitter_ravel::HIGHLIGHTS_QUERY).expect("the queries are valid");
}
