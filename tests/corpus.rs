//! The bad-input corpus covers every error the syntax and check stages can
//! give: each variant of `SyntaxErrorKind` and `CheckErrorKind` (read
//! from their source files, so a new variant without a bad spec fails
//! here) is produced by at least one spec in `tests/bad/`. What each spec
//! prints is compared by `tests/golden.rs`.

use std::path::Path;

use ravel::check::{self, ConstOverride};
use ravel::source::Source;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The variant names of `pub enum NAME` in a source file.
fn variants(file: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join(file)).expect("source file");
    let start = text
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("{file} has no enum {name}"));
    let body = &text[start..];
    let body = &body[..body.find("\n}\n").expect("the enum ends")];
    body.lines()
        .skip(1)
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| {
            line.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// `--const NAME=VALUE` words of a spec's `// args:` header.
fn overrides(source: &str) -> Vec<ConstOverride> {
    let words: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("// args: "))
        .flat_map(str::split_whitespace)
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "--const")
        .filter_map(|w| w[1].split_once('='))
        .map(|(name, value)| ConstOverride {
            name: name.to_string(),
            value: value.to_string(),
        })
        .collect()
}

/// The error kinds a spec gets from the syntax and check stages, by name
/// (`Dist` errors as `Dist::Kind`).
fn kinds(path: &Path, source: &str) -> Vec<String> {
    let name = |debug: String| {
        let head: String = debug
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if head == "Dist" {
            // `Dist(SelfOutside { single: false })`
            let inner = debug
                .strip_prefix("Dist(")
                .or_else(|| debug.split("kind: ").nth(1))
                .unwrap_or("");
            let inner: String = inner
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            return format!("Dist::{inner}");
        }
        head
    };
    let text = Source::new(path.display().to_string(), source);
    ravel::stack::with_big_stack(|| match ravel::syntax::parse(&text) {
        Err(error) => vec![name(format!("{:?}", error.kind))],
        Ok(mut ast) => {
            ravel::load_refined(&mut ast, &text.name);
            match check::check(&ast, &overrides(source)) {
                Ok(_) => Vec::new(),
                Err(errors) => errors
                    .iter()
                    .map(|e| name(format!("{:?}", e.kind)))
                    .collect(),
            }
        }
    })
}

#[test]
fn every_error_kind_has_a_bad_spec() {
    let mut seen = std::collections::BTreeSet::new();
    let mut specs = 0;
    for entry in std::fs::read_dir(Path::new(ROOT).join("tests/bad")).expect("tests/bad") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rvl") {
            specs += 1;
            let source = std::fs::read_to_string(&path).expect("bad spec");
            seen.extend(kinds(&path, &source));
        }
    }
    assert!(specs >= 100, "the corpus has {specs} bad specs");
    let mut missing = Vec::new();
    for (file, kind) in [
        ("src/syntax/error.rs", "SyntaxErrorKind"),
        ("src/check/error.rs", "CheckErrorKind"),
    ] {
        let names = variants(file, kind);
        assert!(names.len() > 3, "{kind}: {names:?}");
        missing.extend(
            names
                .into_iter()
                .filter(|n| n != "Dist" && !seen.contains(n)),
        );
    }
    let dist = variants("src/check/desugar/error.rs", "DistErrorKind");
    missing.extend(
        dist.into_iter()
            .map(|n| format!("Dist::{n}"))
            .filter(|n| !seen.contains(n)),
    );
    assert!(
        missing.is_empty(),
        "no bad spec gives: {}",
        missing.join(", ")
    );
}
