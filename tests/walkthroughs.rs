//! The documents show what Ravel prints, and this test keeps them honest.
//!
//! In `README.md` and every `docs/**/*.md`, a fenced code block whose first
//! line is `$ ravel check ARGS` or `$ ravel simulate ARGS` (or the same
//! after `$ cargo run --release --`) is run from the repository root, and the rest of the block must be its
//! output, stdout then stderr. Two allowances keep documents readable:
//! timings in the summary line (`, 0.01 s`, `(liveness 0.12 s)`) are not
//! compared, and a line holding only `...` stands for any number of lines.
//!
//! After an intended change of output, `RAVEL_BLESS=1 cargo test --test
//! walkthroughs` rewrites every block without `...` with what Ravel prints
//! now (review the diff); a block with `...` is reported, to mend by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every Markdown file the test reads.
fn documents() -> Vec<PathBuf> {
    let mut out = vec![Path::new(ROOT).join("README.md")];
    let mut stack = vec![Path::new(ROOT).join("docs")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A command block: where it is, the arguments, the expected output lines.
struct Block {
    /// Line index of the command in the document.
    command_line: usize,
    /// Line index of the closing fence.
    end_line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// The command blocks of a document.
fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("```") {
            let start = i + 1;
            let end = (start..lines.len())
                .find(|&j| lines[j].trim_start().starts_with("```"))
                .unwrap_or(lines.len());
            if let Some(args) = lines.get(start).and_then(|l| command(l)) {
                out.push(Block {
                    command_line: start,
                    end_line: end,
                    args,
                    expected: lines[start + 1..end]
                        .iter()
                        .map(|l| l.to_string())
                        .collect(),
                });
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The arguments after `ravel` of a `$ ravel check ...` or `$ ravel
/// simulate ...` line.
fn command(line: &str) -> Option<Vec<String>> {
    let rest = line
        .strip_prefix("$ ravel ")
        .or_else(|| line.strip_prefix("$ cargo run --release -- "))?;
    let words = shell_words(rest);
    matches!(
        words.first().map(String::as_str),
        Some("check" | "simulate")
    )
    .then_some(words)
}

/// Words split as a shell would for these simple commands: spaces, and
/// single quotes around a word.
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// What `ravel ARGS` prints.
fn run(args: &[String]) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the ravel binary runs");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text.lines().map(str::to_string).collect()
}

/// A line with its timings taken out.
fn untimed(line: &str) -> String {
    let mut out = line.trim_end().to_string();
    if let Some(i) = out.find(" (liveness ") {
        out.truncate(i);
    }
    // A simulation's `..., 0.02 s, 499,641 steps/s`: the rate goes first.
    if out.starts_with("simulated ")
        && out.ends_with(" steps/s")
        && let Some(i) = out.rfind(", ")
    {
        out.truncate(i);
    }
    // `..., depth 11, 0.01 s` → `..., depth 11`
    if let Some(i) = out.rfind(", ")
        && out.ends_with(" s")
        && out[i + 2..out.len() - 2].parse::<f64>().is_ok()
    {
        out.truncate(i);
    }
    out
}

/// Whether the actual lines fit the expected ones (`...` matching any run).
fn fits(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.iter().all(|l| l.trim().is_empty()),
        Some((e, rest)) if e.trim() == "..." => {
            (0..=actual.len()).any(|k| fits(rest, &actual[k..]))
        }
        Some((e, rest)) => match actual.split_first() {
            Some((a, more)) => untimed(e) == untimed(a) && fits(rest, more),
            None => false,
        },
    }
}

#[test]
fn documents_show_what_ravel_prints() {
    let bless = std::env::var_os("RAVEL_BLESS").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in documents() {
        let text = std::fs::read_to_string(&path).expect("document is readable");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut rewritten = false;
        // Last block first, so that rewriting one keeps earlier line numbers.
        for block in blocks(&text).into_iter().rev() {
            checked += 1;
            let actual = run(&block.args);
            if fits(&block.expected, &actual) {
                continue;
            }
            let elided = block.expected.iter().any(|l| l.trim() == "...");
            if bless && !elided {
                let mut actual = actual;
                while actual.last().is_some_and(|l| l.trim().is_empty()) {
                    actual.pop();
                }
                lines.splice(block.command_line + 1..block.end_line, actual);
                rewritten = true;
                continue;
            }
            failures.push(format!(
                "{}:{}: `{}` prints something else{}\n--- the document\n{}\n--- ravel\n{}",
                path.display(),
                block.command_line + 1,
                lines[block.command_line],
                if elided {
                    " (a block with `...`: mend it by hand)"
                } else {
                    ""
                },
                block.expected.join("\n"),
                actual.join("\n")
            ));
        }
        if rewritten {
            let mut out = lines.join("\n");
            out.push('\n');
            std::fs::write(&path, out).expect("document is writable");
        }
    }
    assert!(checked > 0, "no command block found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn elision_and_timings_are_the_only_allowances() {
    let doc = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    let out = doc("a\nb\nc\n288 distinct states, 1,146 transitions, depth 11, 0.00 s");
    assert!(fits(
        &doc("a\n...\n288 distinct states, 1,146 transitions, depth 11, 0.05 s"),
        &out
    ));
    assert!(fits(
        &doc("a\nb\nc\n288 distinct states, 1,146 transitions, depth 11"),
        &out
    ));
    assert!(!fits(
        &doc("a\nc\n288 distinct states, 1,146 transitions, depth 11"),
        &out
    ));
    assert!(!fits(
        &doc("a\n...\n289 distinct states, 1,146 transitions, depth 11"),
        &out
    ));
    assert_eq!(
        untimed(
            "simulated 3 runs of up to 9 steps (seed 1): 20 steps, 7 distinct states, 0.02 s, 1,000 steps/s"
        ),
        "simulated 3 runs of up to 9 steps (seed 1): 20 steps, 7 distinct states"
    );
    assert_eq!(command("$ ravel fmt x.rvl"), None);
    assert_eq!(
        command("$ ravel simulate x.rvl --seed 1"),
        Some(vec![
            "simulate".into(),
            "x.rvl".into(),
            "--seed".into(),
            "1".into()
        ])
    );
    assert_eq!(
        shell_words("specs/x.rvl --const 'RM={r1, r2}'"),
        ["specs/x.rvl", "--const", "RM={r1, r2}"]
    );
}
