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
    let run = ravel(&["check", "specs/two_phase_commit/two_phase_commit.rvl"]);
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
