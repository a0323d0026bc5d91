//! The parallel engine end to end: the same counts, verdicts and trace text
//! for any number of threads; fingerprint mode agrees with exact mode on
//! every bundled spec; the memory budget and `--max-states` stop cleanly.

mod common;

use ravel::check::ConstOverride;
use ravel::explore::{Mode, Options, StopReason, Verdict};
use ravel::source::Source;
use ravel::{CheckArgs, Checked};

use common::{Expectation, ravel_command as ravel, spec_files};

/// Check a spec file's text with these overrides and options; the report
/// has no timing, so equal runs give equal text.
fn check(path: &std::path::Path, consts: &[ConstOverride], options: Options) -> Checked {
    check_with(path, consts, options, true)
}

/// [`check`] with symmetry reduction on or off.
fn check_with(
    path: &std::path::Path,
    consts: &[ConstOverride],
    options: Options,
    symmetry: bool,
) -> Checked {
    let text = std::fs::read_to_string(path).expect("spec file is readable");
    let mut args = CheckArgs::new(Source::new(path.display().to_string(), text));
    args.consts = consts.to_vec();
    args.options = options;
    args.symmetry = symmetry;
    ravel::run(&args, &mut ()).unwrap_or_else(|_| panic!("{} is well-formed", path.display()))
}

/// Every bundled spec with each of its (fast) expectation's settings.
fn configurations() -> Vec<(std::path::PathBuf, Vec<ConstOverride>, bool, bool)> {
    let mut out = Vec::new();
    for path in spec_files() {
        let text = std::fs::read_to_string(&path).expect("spec file is readable");
        for e in Expectation::parse_all(&text, false) {
            out.push((path.clone(), e.overrides, !e.no_deadlock, !e.no_symmetry));
        }
    }
    assert!(out.len() >= 5, "too few bundled configurations");
    out
}

fn options(threads: usize, mode: Mode, deadlock: bool) -> Options {
    Options {
        threads,
        mode,
        deadlock,
        ..Options::default()
    }
}

/// The report minus the line that only fingerprint mode prints.
fn report_without_odds(report: &str) -> String {
    report
        .lines()
        .filter(|l| !l.starts_with("fingerprints:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_thread_count_gives_the_same_report() {
    for (path, consts, deadlock, sym) in configurations() {
        let one = check_with(&path, &consts, options(1, Mode::Exact, deadlock), sym);
        for threads in [2, 4] {
            let many = check_with(&path, &consts, options(threads, Mode::Exact, deadlock), sym);
            let name = format!("{} {consts:?} with {threads} threads", path.display());
            assert_eq!(many.outcome.verdict, one.outcome.verdict, "{name}");
            assert_eq!(
                many.outcome.stats.distinct, one.outcome.stats.distinct,
                "{name}"
            );
            assert_eq!(
                many.outcome.stats.transitions, one.outcome.stats.transitions,
                "{name}"
            );
            assert_eq!(many.outcome.stats.depth, one.outcome.stats.depth, "{name}");
            assert_eq!(many.report, one.report, "{name}");
        }
    }
}

#[test]
fn a_violation_has_the_same_trace_text_for_any_thread_count() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/paxos/no_value_rule.rvl"
    ));
    let one = check(path, &[], options(1, Mode::Exact, true));
    assert!(matches!(
        one.outcome.verdict,
        Verdict::InvariantViolated(..)
    ));
    assert!(one.report.contains("Trace:"), "{}", one.report);
    for threads in [2, 3, 4] {
        for mode in [Mode::Exact, Mode::Fingerprint] {
            let many = check(path, &[], options(threads, mode, true));
            assert_eq!(
                report_without_odds(&many.report),
                report_without_odds(&one.report),
                "{threads} threads, {mode:?}"
            );
        }
    }
}

#[test]
fn fingerprint_mode_gives_the_exact_counts_on_every_bundled_spec() {
    for (path, consts, deadlock, sym) in configurations() {
        let exact = check_with(&path, &consts, options(2, Mode::Exact, deadlock), sym);
        let fingerprint = check_with(&path, &consts, options(2, Mode::Fingerprint, deadlock), sym);
        let name = format!("{} {consts:?}", path.display());
        assert_eq!(fingerprint.outcome.verdict, exact.outcome.verdict, "{name}");
        let counts = |c: &Checked| {
            let s = c.outcome.stats;
            (s.distinct, s.transitions, s.depth)
        };
        assert_eq!(counts(&fingerprint), counts(&exact), "{name}");
        let odds = fingerprint
            .outcome
            .collision_probability
            .expect("fingerprint mode gives odds");
        assert!((0.0..1e-6).contains(&odds), "{name}: {odds}");
        assert!(
            fingerprint.report.contains("fingerprints: the probability"),
            "{name}"
        );
        assert_eq!(exact.outcome.collision_probability, None);
    }
}

#[test]
fn a_medium_model_is_the_same_with_one_two_and_four_threads() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/two_phase_commit/two_phase_commit.rvl"
    ));
    let rms = [ConstOverride {
        name: "RM".into(),
        value: "6".into(),
    }];
    let one = check_with(path, &rms, options(1, Mode::Exact, true), false);
    assert_eq!(one.outcome.stats.distinct, 50_816);
    for threads in [2, 4] {
        for mode in [Mode::Exact, Mode::Fingerprint] {
            let many = check_with(path, &rms, options(threads, mode, true), false);
            assert_eq!(
                report_without_odds(&many.report),
                report_without_odds(&one.report)
            );
        }
    }
}

#[test]
fn the_memory_budget_stops_a_medium_model_cleanly() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/two_phase_commit/two_phase_commit.rvl"
    ));
    let rms = [ConstOverride {
        name: "RM".into(),
        value: "6".into(),
    }];
    for threads in [1, 2] {
        let budget = Options {
            memory: Some(1 << 20),
            ..options(threads, Mode::Exact, true)
        };
        let run = check_with(path, &rms, budget, false);
        let stats = run.outcome.stats;
        match &run.outcome.verdict {
            Verdict::Incomplete(why) => assert_eq!(*why, StopReason::Memory(1 << 20)),
            other => panic!("expected an incomplete run, got {other:?}"),
        }
        assert!(
            stats.distinct > 1_000 && stats.distinct < 50_816,
            "{stats:?}"
        );
        assert!(stats.memory <= 1 << 20, "{stats:?}");
        assert!(
            run.report
                .contains("distinct states: the memory budget (1.0 MiB) is used up (--memory)"),
            "{}",
            run.report
        );
    }
}

#[test]
fn max_states_stops_at_exactly_the_limit_for_any_thread_count() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/two_phase_commit/two_phase_commit.rvl"
    ));
    let rms = [ConstOverride {
        name: "RM".into(),
        value: "5".into(),
    }];
    let limited = |threads| Options {
        max_states: Some(5_000),
        ..options(threads, Mode::Exact, true)
    };
    let one = check_with(path, &rms, limited(1), false);
    assert_eq!(one.outcome.stats.distinct, 5_000);
    assert!(matches!(one.outcome.verdict, Verdict::Incomplete(_)));
    for threads in [2, 4] {
        assert_eq!(
            check_with(path, &rms, limited(threads), false).report,
            one.report
        );
    }
}

#[test]
fn the_cli_exits_3_at_the_memory_budget_and_prints_stats() {
    let output = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--const",
        "RM=6",
    ])
    .args(["--memory", "1MiB", "--stats", "--no-symmetry"])
    .output()
    .expect("the ravel binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("the memory budget (1.0 MiB) is used up"),
        "{stdout}"
    );
    assert!(stdout.contains("stats: peak memory"), "{stdout}");
    let bad = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--memory",
        "lots",
    ])
    .output()
    .expect("the ravel binary runs");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn ctrl_c_prints_the_statistics_so_far_and_exits_130() {
    let child = ravel(&[
        "check",
        "specs/two_phase_commit/two_phase_commit.rvl",
        "--const",
        "RM=9",
    ])
    .args(["--threads", "1", "--no-symmetry"])
    .stdout(std::process::Stdio::piped())
    .spawn()
    .expect("the ravel binary runs");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let pid = libc::pid_t::try_from(child.id()).expect("a pid fits");
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let output = child.wait_with_output().expect("ravel ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(130), "{stdout}");
    assert!(
        stdout.contains("? incomplete: interrupted after"),
        "{stdout}"
    );
    assert!(stdout.contains("distinct states,"), "{stdout}");
}

#[test]
fn a_transition_violation_is_the_shortest_and_the_same_for_any_thread_count() {
    // Counters that only a full enough system may lower: the first bad
    // step is the seventh (six raises, then a drop), reached many ways.
    let src = "const Node = {n1, n2, n3, n4}
        var c: Node -> 0..3 = [n in Node: 0]
        action Raise(n: Node) { require c[n] < 3
            c[n] = c[n] + 1 }
        action Drop(n: Node) { require c[n] > 0 and c[n1] + c[n2] + c[n3] + c[n4] >= 6
            c[n] = c[n] - 1 }
        transition NeverLower: forall n in Node: next(c[n]) >= c[n]";
    let path = std::env::temp_dir().join(format!("ravel_transition_{}.rvl", std::process::id()));
    std::fs::write(&path, src).expect("temp file is writable");
    let one = check(&path, &[], options(1, Mode::Exact, true));
    assert!(
        one.report
            .starts_with("✗ transition NeverLower is violated"),
        "{}",
        one.report
    );
    let Verdict::InvariantViolated(_, trace) = &one.outcome.verdict else {
        panic!("{}", one.report)
    };
    assert_eq!(trace.steps.len(), 8, "{}", one.report);
    assert!(one.report.contains("8. Drop(n = n1)"), "{}", one.report);
    for threads in [2, 3, 4] {
        for mode in [Mode::Exact, Mode::Fingerprint] {
            let many = check(&path, &[], options(threads, mode, true));
            assert_eq!(
                report_without_odds(&many.report),
                report_without_odds(&one.report),
                "{threads} threads, {mode:?}"
            );
        }
    }
    std::fs::remove_file(&path).ok();
}
