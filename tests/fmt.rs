//! `ravel fmt`: the layout (golden files), that formatting never changes
//! what a spec means and is stable, and the command's exit codes.
//!
//! `tests/fmt/NAME.rvl` is written carelessly; `tests/fmt/NAME.out` is what
//! `ravel fmt` makes of it. Refresh after an intended layout change with
//! `RAVEL_BLESS=1 cargo test --test fmt` and review the diff.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ravel::explore::{self, Options};
use ravel::source::Source;
use ravel::tools::fmt::{self, FmtError};
use ravel::{check, compile, syntax};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rvl` file under `dir`, sorted.
fn rvl_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("folder is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rvl") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn format(name: &str, text: &str) -> Result<String, FmtError> {
    fmt::format(&Source::new(name, text))
}

/// What the pipeline makes of a spec, in words: its check errors, or its
/// verdict and counts (the search bounded, to stay quick).
fn outcome(name: &str, text: &str) -> String {
    let source = Source::new(name, text);
    let ast = match syntax::parse(&source) {
        Ok(ast) => ast,
        Err(error) => return format!("syntax error: {:?}", error.kind),
    };
    let spec = match check::check(&ast, &[]) {
        Ok(spec) => spec,
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
            return format!("check errors: {messages:?}");
        }
    };
    let model = compile::compile(spec);
    let options = Options {
        max_states: Some(100_000),
        ..Options::default()
    };
    let outcome = explore::explore(&model, &options, &mut ());
    let stats = outcome.stats;
    let verdict = fmt::without_spans(&format!("{:?}", outcome.verdict));
    format!(
        "{verdict}; {} distinct, {} transitions, depth {}",
        stats.distinct, stats.transitions, stats.depth
    )
}

#[test]
fn formatting_keeps_every_specs_meaning_and_is_stable() {
    let mut files = rvl_files(&Path::new(ROOT).join("specs"));
    files.extend(rvl_files(&Path::new(ROOT).join("tests")));
    assert!(files.len() >= 50, "only {} specs found", files.len());
    let mut failures = Vec::new();
    let mut formatted_count = 0;
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("spec is readable");
        let formatted = match format(&name, &text) {
            Ok(formatted) => formatted,
            Err(FmtError::Syntax(error)) => {
                // A spec with a syntax error gives the parser's own error.
                let parsed = syntax::parse(&Source::new(name.clone(), text.clone()));
                if parsed.err() != Some(error.clone()) {
                    failures.push(format!(
                        "{name}: fmt gave {error:?}, not the parser's error"
                    ));
                }
                continue;
            }
            Err(FmtError::Changed) => {
                failures.push(format!("{name}: the layout changed the syntax tree"));
                continue;
            }
        };
        formatted_count += 1;
        match format(&name, &formatted) {
            Ok(again) if again == formatted => {}
            Ok(again) => failures.push(format!(
                "{name}: not stable\n--- once\n{formatted}\n--- twice\n{again}"
            )),
            Err(error) => failures.push(format!("{name}: the result does not format: {error:?}")),
        }
        let before = outcome(&name, &text);
        let after = outcome(&name, &formatted);
        if before != after {
            failures.push(format!("{name}: {before}\n  became {after}"));
        }
        // `// expect:` lines mean what tests/specs.rs makes of them in the
        // spec library and the golden inputs (other folders' harnesses read
        // them their own way; there the outcome comparison above stands).
        let library = path.starts_with(Path::new(ROOT).join("specs"))
            || path.starts_with(Path::new(ROOT).join("tests/fmt"));
        let expectations = if library {
            common::Expectation::parse_all(&formatted, false)
        } else {
            Vec::new()
        };
        for expectation in expectations {
            if let Err(problem) = common::check_spec_file(path, &formatted, &expectation) {
                failures.push(format!(
                    "{name}, formatted: {}: {problem}",
                    expectation.line
                ));
            }
        }
    }
    assert!(
        formatted_count >= 40,
        "only {formatted_count} specs formatted"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn golden_layouts() {
    let inputs = rvl_files(&Path::new(ROOT).join("tests/fmt"));
    assert!(inputs.len() >= 3, "the golden inputs are missing");
    let mut failures = Vec::new();
    for input in inputs {
        let golden = input.with_extension("out");
        let name = input.display().to_string();
        let text = std::fs::read_to_string(&input).expect("input is readable");
        let actual = format(&name, &text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        if std::env::var_os("RAVEL_BLESS").is_some() {
            std::fs::write(&golden, &actual).expect("golden file is writable");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{} differs.\n--- expected\n{expected}\n--- actual\n{actual}",
                golden.display()
            )),
            Err(_) => failures.push(format!("{} is missing", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn ravel(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the ravel binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ravel-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

const UGLY: &str = "var x:0..3=0\naction Inc{require x<3\nx=x+1}\n";
const PRETTY: &str = "var x: 0..3 = 0\n\naction Inc {\n    require x < 3\n    x = x + 1\n}\n";

#[test]
fn check_lists_unformatted_files_and_exits_1() {
    let dir = scratch("check");
    std::fs::write(dir.join("ugly.rvl"), UGLY).expect("write");
    std::fs::write(dir.join("pretty.rvl"), PRETTY).expect("write");
    let (code, stdout, stderr) = ravel(&["fmt", "--check", "ugly.rvl", "pretty.rvl"], &dir);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (1, "ugly.rvl\n", "")
    );
    // Nothing was written.
    assert_eq!(
        std::fs::read_to_string(dir.join("ugly.rvl")).expect("read"),
        UGLY
    );
    let (code, stdout, _) = ravel(&["fmt", "--check", "pretty.rvl"], &dir);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn fmt_rewrites_files_in_place() {
    let dir = scratch("write");
    std::fs::write(dir.join("ugly.rvl"), UGLY).expect("write");
    let (code, stdout, stderr) = ravel(&["fmt", "ugly.rvl"], &dir);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    assert_eq!(
        std::fs::read_to_string(dir.join("ugly.rvl")).expect("read"),
        PRETTY
    );
}

#[test]
fn syntax_error_exits_2_with_the_diagnostic_check_gives() {
    let dir = scratch("syntax");
    std::fs::write(
        dir.join("bad.rvl"),
        "var x: 0..3 = 0\naction Inc {\n    x = x +\n}\n",
    )
    .expect("write");
    let (fmt_code, fmt_out, fmt_err) = ravel(&["fmt", "--check", "bad.rvl"], &dir);
    let (check_code, _, check_err) = ravel(&["check", "bad.rvl"], &dir);
    assert_eq!((fmt_code, check_code, fmt_out.as_str()), (2, 2, ""));
    assert_eq!(fmt_err, check_err);
    assert!(fmt_err.contains("bad.rvl:4:1"), "{fmt_err}");
}
