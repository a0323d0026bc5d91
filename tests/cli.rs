//! The `ravel` binary end to end: exit codes, verdicts, counts and traces as
//! a user reads them. Small fixture specs live in `tests/cli/`.

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What one run printed and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `ravel ARGS...` from the repository root, without timings or colour.
fn ravel(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("the ravel binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_contains(text: &str, fragment: &str) {
    assert!(text.contains(fragment), "`{fragment}` not in:\n{text}");
}

#[test]
fn two_phase_commit_holds_with_tlc_counts() {
    let spec = "specs/two_phase_commit/two_phase_commit.rvl";
    let run = ravel(&["check", spec]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // RM is symmetric: TLC's count with SYMMETRY Permutations(RM).
    assert_contains(
        &run.stdout,
        "80 distinct states, 318 transitions, depth 11\n",
    );
    let run = ravel(&["check", spec, "--no-symmetry"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stdout,
        "✓ all properties hold (Consistent, SomeoneCommits)",
    );
    assert_contains(
        &run.stdout,
        "288 distinct states, 1,146 transitions, depth 11\n",
    );
}

#[test]
fn two_phase_commit_with_five_rms() {
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--const",
        "RM={r1,r2,r3,r4,r5}",
        "--no-symmetry",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stdout,
        "8,832 distinct states, 58,146 transitions, depth 17\n",
    );
}

#[test]
fn the_output_is_the_same_for_any_thread_count() {
    let file = "tests/cli/counter_violated.rvl";
    let one = ravel(&["check", file, "--threads", "1"]);
    let four = ravel(&["check", file, "--threads", "4"]);
    assert_eq!(one.stdout, four.stdout);
    let one = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--threads",
        "1",
    ]);
    let three = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--threads",
        "3",
    ]);
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn an_invariant_violation_prints_the_shortest_trace() {
    let run = ravel(&["check", "tests/cli/counter_violated.rvl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert_contains(out, "✗ invariant Small is violated");
    assert_contains(out, "`Small` is false in state 4");
    assert_contains(out, "x < 3");
    assert_contains(out, "  1. initial state\n       x: 0\n       log: {}\n");
    assert_contains(out, "  2. Inc\n       x: 0 → 1\n       log: + {1}\n");
    assert_contains(out, "  4. Inc\n       x: 2 → 3\n       log: + {3}\n");
    assert!(
        !out.contains("  5."),
        "the trace stops at the violation:\n{out}"
    );
    assert_contains(out, "4 distinct states, 4 transitions, depth 4\n");
}

#[test]
fn a_deadlock_is_a_violation() {
    let run = ravel(&["check", "tests/cli/counter_deadlock.rvl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "✗ deadlock reached");
    assert_contains(&run.stdout, "state 4 has no successor");
    assert_contains(&run.stdout, "  4. Inc\n       x: 2 → 3\n");
    let run = ravel(&["check", "tests/cli/counter_deadlock.rvl", "--no-deadlock"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "4 distinct states, 4 transitions, depth 4");
}

#[test]
fn an_unreached_reachable_is_a_violation() {
    let run = ravel(&["check", "tests/cli/counter_unreachable.rvl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "✗ reachable Three is never reached");
    assert_contains(&run.stdout, "x == 3");
}

#[test]
fn a_runtime_error_names_the_action_instance() {
    let run = ravel(&["check", "tests/cli/counter_assert.rvl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "✗ runtime error in action Inc(by = 2)");
    assert_contains(&run.stdout, "the counter overflows");
    assert_contains(&run.stdout, "  2. Inc(by = 2)\n       x: 0 → 2\n");
    assert_contains(&run.stdout, "  3. Inc(by = 2) fails");
}

#[test]
fn a_runtime_error_in_a_property_names_it() {
    let run = ravel(&["check", "tests/cli/counter_property_error.rvl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stdout,
        "✗ runtime error in invariant Lookup: 2 is outside the domain 0..1",
    );
    assert_contains(&run.stdout, "no such key (in state 3)");
    assert_contains(&run.stdout, "  3. Inc\n       x: 1 → 2\n\n");
}

#[test]
fn max_states_stops_early_and_says_so() {
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--max-states",
        "100",
        "--no-symmetry",
    ]);
    // Nothing is proven: a distinct exit code, neither "holds" nor "violated".
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stdout,
        "? incomplete: stopped after 100 distinct states (--max-states)",
    );
    assert_contains(&run.stdout, "100 distinct states");
    // A limit above the state count changes nothing.
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--max-states",
        "288",
        "--no-symmetry",
    ]);
    assert_eq!(run.code, 0);
    assert_contains(&run.stdout, "✓ all properties hold");
}

#[test]
fn bad_usage_exits_with_2() {
    let run = ravel(&[]);
    assert_eq!(run.code, 2);
    let run = ravel(&["check"]);
    assert_eq!(run.code, 2);
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--const",
        "RM",
    ]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "NAME=VALUE");
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--threads",
        "0",
    ]);
    assert_eq!(run.code, 2);
    let run = ravel(&["check", "tests/cli/no_such_file.rvl"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "cannot read tests/cli/no_such_file.rvl");
}

#[test]
fn a_spec_error_exits_with_2_and_points_at_the_source() {
    let run = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--const",
        "RMX={r1}",
    ]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "diagnostics go to stderr");
    assert!(!run.stderr.is_empty());
}

#[test]
fn help_explains_the_tool() {
    let run = ravel(&["--help"]);
    assert_eq!(run.code, 0);
    assert_contains(&run.stdout, "model checker");
    assert_contains(
        &run.stdout,
        "ravel check specs/two_phase_commit/two_phase_commit.rvl",
    );
    assert_contains(&run.stdout, "Exit codes");
}

/// Write `text` to a fresh file under the target directory and check it.
fn check_text(name: &str, text: &str, args: &[&str]) -> Run {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the spec is writable");
    let path = path.to_str().expect("a UTF-8 path").to_string();
    let mut all = vec!["check", path.as_str()];
    all.extend_from_slice(args);
    ravel(&all)
}

#[test]
fn a_span_past_column_65535_is_drawn_clipped() {
    let pad = " ".repeat(70_000);
    // A check error near the end of a 70,000-column line.
    let run = check_text(
        "long_error.rvl",
        &format!("var x: 0..1 = 0 {pad}action A {{ x = y }}\n"),
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "unknown name `y`");
    assert_contains(&run.stderr, "long_error.rvl:1:70032]");
    assert_contains(
        &run.stderr,
        " 1 │ …                         action A { x = y }\n",
    );
    // A real violation: the verdict and the trace survive.
    let text = format!(
        "var x: 0..1 = 0 {pad}action A {{ x = 1 }} terminal T: x == 1 invariant I: x == 0\n"
    );
    let run = check_text("long_violation.rvl", &text, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "✗ invariant I is violated");
    assert_contains(&run.stdout, "long_violation.rvl:1:70068]");
    assert_contains(&run.stdout, "  2. A\n       x: 0 → 1\n");
}

#[test]
fn control_characters_are_not_echoed_and_a_bom_is_skipped() {
    let run = check_text(
        "nul.rvl",
        "var x: 0..1 = 0 \u{0}\u{1b}[31m\naction A { x = 1 }\n",
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        !run.stderr.contains('\u{0}') && !run.stderr.contains('\u{1b}'),
        "{:?}",
        run.stderr
    );
    assert_contains(&run.stderr, "unexpected `␀`");
    assert_contains(&run.stderr, "var x: 0..1 = 0 ␀␛[31m");
    let run = check_text(
        "bom.rvl",
        "\u{feff}var x: 0..1 = 0\naction A { x = 1 }\nterminal T: x == 1\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "2 distinct states, 3 transitions, depth 2\n");
}

#[test]
fn long_flat_input_runs_and_deeper_input_is_refused() {
    let spec = |body: String| {
        format!("var x: 0..1 = 0\naction A {{\n{body}\n x = 1 }}\nterminal T: x == 1\n")
    };
    let plus = spec(format!("require x == 0 + {}", vec!["0"; 3_800].join(" + ")));
    let or = spec(format!(
        "require {} or x == 0",
        vec!["x == 1"; 4_300].join(" or ")
    ));
    let requires = spec("require x == 0\n".repeat(10_000));
    for (name, text) in [
        ("plus.rvl", plus),
        ("or.rvl", or),
        ("requires.rvl", requires),
    ] {
        let run = check_text(name, &text, &[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_contains(&run.stdout, "2 distinct states");
    }
    let deep = [
        spec(format!(
            "require x == 0 + {}",
            vec!["0"; 30_000].join(" + ")
        )),
        spec(format!(
            "require x == {}0{}",
            "(".repeat(50_000),
            ")".repeat(50_000)
        )),
        spec(format!("require {}x == 0", "not not ".repeat(20_000))),
        spec(format!("require {}x == 0", "let a = 1; ".repeat(3_000))),
    ];
    for (i, text) in deep.iter().enumerate() {
        let run = check_text(&format!("deep{i}.rvl"), text, &[]);
        assert_eq!(run.code, 2, "deep {i}: {}", run.stderr);
        assert_contains(&run.stderr, "nested too deeply");
    }
}

#[test]
fn function_chains_and_call_trees_check_quickly() {
    // 3,000 unused functions in a chain took 13 s in the recursion check;
    // a call tree of depth 23 took 790 MB to inline.
    let mut chain = String::from("var x: 0..1 = 0\nfn f0(a: 0..1) -> int = a\n");
    for i in 1..3_000 {
        chain.push_str(&format!("fn f{i}(a: 0..1) -> int = f{}(a)\n", i - 1));
    }
    chain.push_str("action A { x = 1 }\nterminal T: x == 1\n");
    let run = check_text("chain.rvl", &chain, &["--stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut tree = String::from("var x: 0..1 = 0\nfn f0(a: 0..1) -> int = a\n");
    for i in 1..18 {
        tree.push_str(&format!(
            "fn f{i}(a: 0..1) -> int = f{p}(a) + f{p}(a)\n",
            p = i - 1
        ));
    }
    tree.push_str("action A { require f17(0) == 0\n x = 1 }\nterminal T: x == 1\n");
    let run = check_text("tree.rvl", &tree, &["--stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "2 distinct states, 3 transitions, depth 2\n");
    let peak = run
        .stdout
        .split("peak memory ")
        .nth(1)
        .and_then(|s| s.split(" MiB").next())
        .and_then(|s| s.parse::<f64>().ok());
    assert!(peak.is_some_and(|mib| mib < 200.0), "{}", run.stdout);
}

#[test]
fn threads_and_memory_sizes_are_bounded() {
    let spec = "specs/two_phase_commit/two_phase_commit.rvl";
    let run = ravel(&["check", spec, "--threads", "100"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "note: --threads 100 is more than four times the",
    );
    assert_contains(
        &run.stdout,
        "80 distinct states, 318 transitions, depth 11\n",
    );
    let run = ravel(&["check", spec, "--threads", "10000"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "10000 is not in 1..=256");
    let run = ravel(&["check", spec, "--memory", "1"]);
    assert_eq!(run.code, 0, "a bare number is MiB: {}", run.stderr);
    for (size, why) in [
        ("0", "the budget must be at least 1 MiB"),
        ("512KB", "the budget must be at least 1 MiB"),
        ("5000TiB", "is too large (at most 1 PiB)"),
        ("9e99", "unknown size unit `e99`"),
        ("lots", "expected a size such as 400MB"),
    ] {
        let run = ravel(&["check", spec, "--memory", size]);
        assert_eq!(run.code, 2, "{size}");
        assert_contains(&run.stderr, why);
    }
}

#[test]
fn progress_into_a_log_is_plain_lines() {
    // About 2 s on one thread: long enough for progress, once a second.
    let run = ravel(&[
        "check",
        "specs/bench/fifo_clocks.rvl",
        "--threads",
        "1",
        "--progress",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains('\x1b'),
        "{:?}",
        run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(!lines.is_empty(), "no progress line in {:?}", run.stderr);
    for line in lines {
        assert!(
            line.starts_with("progress: ")
                && line.contains(" distinct states (")
                && line.ends_with(" s"),
            "{line:?}"
        );
    }
}

/// A reader that stops early (`ravel check x.rvl | head -1`) ends the run
/// as it ends any Unix filter, by SIGPIPE: no panic, no backtrace.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .current_dir(ROOT)
        .args(["check", "specs/raft/raft.rvl", "--stats"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ravel binary runs");
    // Close the read end before anything is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ravel ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.signal(), Some(libc::SIGPIPE), "{stderr}");
}
