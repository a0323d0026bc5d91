//! Golden tests: what a user sees, byte for byte.
//!
//! `tests/bad/NAME.rvl` are specs a user could get wrong. Each starts with
//! header lines: `// exit: N` (the exit code), optionally `// args: ...`
//! (extra command-line arguments), and `// expect-output: TEXT` lines (key
//! words the output must contain, written by hand). The whole output is kept
//! in `tests/bad/NAME.out`, after the source, and compared exactly.
//! `tests/golden/NAME.args` runs a bundled spec with those arguments and
//! keeps its output in `tests/golden/NAME.out` (counterexample traces).
//!
//! After an intended change of output, refresh the files with
//! `RAVEL_BLESS=1 cargo test --test golden` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Run `ravel check FILE ARGS...` from the repository root.
fn ravel(file: &str, args: &[String]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .arg("check")
        .arg(file)
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("the ravel binary runs");
    let code = output.status.code().unwrap_or(-1);
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (code, text)
}

fn header<'a>(source: &'a str, key: &str) -> impl Iterator<Item = &'a str> {
    let prefix = format!("// {key}: ");
    source
        .lines()
        .filter_map(move |l| l.strip_prefix(prefix.as_str()))
        .map(str::trim)
}

/// Compare with the golden file, or rewrite it under `RAVEL_BLESS=1`.
fn compare(golden: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("RAVEL_BLESS").is_some() {
        std::fs::write(golden, actual).expect("golden file is writable");
        return;
    }
    match std::fs::read_to_string(golden) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs.\n--- expected\n{expected}\n--- actual\n{actual}",
            golden.display()
        )),
        Err(_) => failures.push(format!(
            "{} is missing (bless with RAVEL_BLESS=1)",
            golden.display()
        )),
    }
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .expect("test folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

#[test]
fn bad_specs_give_clear_errors() {
    let cases = files("tests/bad", "rvl");
    assert!(
        cases.len() >= 25,
        "the corpus has {} bad specs",
        cases.len()
    );
    let mut failures = Vec::new();
    for path in cases {
        let source = std::fs::read_to_string(&path).expect("bad spec is readable");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        let args: Vec<String> = header(&source, "args")
            .flat_map(|a| a.split_whitespace().map(String::from).collect::<Vec<_>>())
            .collect();
        let (code, output) = ravel(&format!("tests/bad/{name}"), &args);
        let expected_code: i32 = header(&source, "exit")
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("{name}: no `// exit: N` header"));
        if code != expected_code {
            failures.push(format!(
                "{name}: exit code {code}, expected {expected_code}\n{output}"
            ));
        }
        if output.contains("panicked") {
            failures.push(format!("{name}: panicked\n{output}"));
        }
        for key in header(&source, "expect-output") {
            if !output.contains(key) {
                failures.push(format!("{name}: output lacks `{key}`\n{output}"));
            }
        }
        let golden = format!("----- SOURCE\n{source}----- OUTPUT (exit {code})\n{output}");
        compare(&path.with_extension("out"), &golden, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn counterexample_traces_read_as_before() {
    let mut failures = Vec::new();
    for path in files("tests/golden", "args") {
        let line = std::fs::read_to_string(&path).expect("args file is readable");
        let mut words = line.split_whitespace().map(String::from);
        let file = words.next().expect("args file names a spec");
        let args: Vec<String> = words.collect();
        let (code, output) = ravel(&file, &args);
        let golden = format!("$ ravel check {}\n(exit {code})\n{output}", line.trim());
        compare(&path.with_extension("out"), &golden, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
