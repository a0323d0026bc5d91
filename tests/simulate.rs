//! `ravel simulate`: random walks that find violations, the same for any
//! number of threads, and traces shrunk to the needed steps with the
//! processes' steps kept together.

use std::process::Command;

use ravel::SimulateArgs;
use ravel::explore::Verdict;
use ravel::explore::simulate::SimOptions;
use ravel::source::Source;

fn options(seed: u64, runs: u64, depth: u32, threads: usize) -> SimOptions {
    SimOptions {
        seed,
        depth,
        runs: Some(runs),
        time: None,
        threads,
        deadlock: true,
        interrupt: None,
    }
}

fn simulate(spec: &str, options: SimOptions) -> ravel::Simulated {
    let args = SimulateArgs {
        source: Source::new("spec.rvl", spec),
        consts: Vec::new(),
        options,
        style: ravel::report::Style {
            timing: false,
            colour: false,
        },
    };
    ravel::simulate(&args).expect("the spec is well-formed")
}

/// The action names of a report's trace, in order.
fn steps(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (n, rest) = l.split_once(". ")?;
            n.parse::<u32>().ok()?;
            Some(rest.to_string())
        })
        .collect()
}

/// A walk wanders: x goes up and down and y flips, but x == 4 needs only
/// four increments.
const WANDER: &str = "
var x: 0..4 = 0
var y: bool = false
action Up {
    require x < 4
    x = x + 1
}
action Down {
    require x > 0
    x = x - 1
}
action Flip { y = not y }
invariant BelowFour: x < 4
";

#[test]
fn a_wandering_trace_shrinks_to_the_needed_steps() {
    let sim = simulate(WANDER, options(3, 1000, 200, 1));
    let Verdict::InvariantViolated(_, trace) = &sim.outcome.outcome.verdict else {
        panic!("expected a violation:\n{}", sim.report);
    };
    assert_eq!(trace.steps.len(), 5, "{}", sim.report);
    assert_eq!(steps(&sim.report)[1..], ["Up", "Up", "Up", "Up"]);
    let (_, before) = sim.outcome.found.expect("a run found it");
    assert!(before > 5, "the walk itself wandered ({before} states)");
    assert!(
        sim.report
            .contains(&format!("its {before} states shrunk to 5"))
    );
}

/// Two processes each take three steps; the invariant fails when both
/// are done. A walk interleaves them; the shrunk trace does not.
const TWO_WORKERS: &str = "
type W = {a, b}
process Worker[w in W] {
    var done: 0..3 = 0
    action Work {
        require done < 3
        done = done + 1
    }
}
action Idle { require true }
invariant NotBothDone: not (a.done == 3 and b.done == 3)
";

#[test]
fn the_shrunk_trace_keeps_each_process_together() {
    let sim = simulate(TWO_WORKERS, options(11, 1000, 60, 1));
    let names = steps(&sim.report);
    assert_eq!(
        names[1..],
        [
            "a: Work", "a: Work", "a: Work", "b: Work", "b: Work", "b: Work"
        ],
        "{}",
        sim.report
    );
}

#[test]
fn the_same_seed_gives_the_same_report_for_any_number_of_threads() {
    for spec in [WANDER, TWO_WORKERS] {
        let one = simulate(spec, options(42, 500, 100, 1)).report;
        let two = simulate(spec, options(42, 500, 100, 2)).report;
        let four = simulate(spec, options(42, 500, 100, 4)).report;
        assert_eq!(one, two);
        assert_eq!(one, four);
    }
    let holds = "var x: 0..9 = 0\naction Inc { x = (x + 1) % 10 }\ninvariant Small: x < 10\n";
    let one = simulate(holds, options(5, 300, 50, 1));
    let two = simulate(holds, options(5, 300, 50, 2));
    assert_eq!(one.report, two.report);
    assert_eq!(one.outcome.runs, 300);
    assert_eq!(one.outcome.outcome.stats.transitions, 300 * 50);
    assert_eq!(one.outcome.outcome.stats.distinct, 10);
    assert!(
        one.report
            .starts_with("✓ no violation in 300 runs of up to 50 steps (seed 5)\n")
    );
}

#[test]
fn a_deadlock_is_found_and_can_be_switched_off() {
    let spec = "var x: 0..3 = 0\naction Inc {\n    require x < 3\n    x = x + 1\n}\n";
    let sim = simulate(spec, options(1, 10, 20, 1));
    assert!(matches!(sim.outcome.outcome.verdict, Verdict::Deadlock(ref t) if t.steps.len() == 4));
    assert_eq!(sim.outcome.runs, 1);
    let mut quiet = options(1, 10, 20, 1);
    quiet.deadlock = false;
    let sim = simulate(spec, quiet);
    assert_eq!(sim.outcome.outcome.verdict, Verdict::Holds);
    assert_eq!(sim.outcome.outcome.stats.transitions, 30);
}

#[test]
fn unseen_reachables_and_unchecked_liveness_are_named() {
    let spec = "
var x: 0..3 = 0
fair action Inc {
    require x < 2
    x = x + 1
}
terminal Done: x == 2
reachable Three: x == 3
property Ends: eventually x == 2
";
    let sim = simulate(spec, options(1, 5, 10, 1));
    assert!(
        sim.report
            .contains("note: reachable Three was true in no state visited"),
        "{}",
        sim.report
    );
    assert!(
        sim.report
            .contains("note: liveness is not checked by simulation (Ends)")
    );
}

fn ravel(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ravel"))
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .output()
        .expect("ravel runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_exits_as_check_does() {
    let dir = std::env::temp_dir().join(format!("ravel-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wander = dir.join("wander.rvl");
    std::fs::write(&wander, WANDER).unwrap();
    let path = wander.to_str().unwrap();
    let (code, out, _) = ravel(&["simulate", path, "--seed", "3", "--depth", "200"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("✗ invariant BelowFour is violated\n  found by run "),
        "{out}"
    );
    let (code, again, _) = ravel(&[
        "simulate",
        path,
        "--seed",
        "3",
        "--depth",
        "200",
        "--threads",
        "2",
    ]);
    assert_eq!((code, &again), (1, &out));
    let (code, _, err) = ravel(&["simulate", path, "--runs", "0"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = ravel(&["simulate", path, "--seed", "3", "--depth", "2"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("simulated 1,000 runs of up to 2 steps (seed 3)"));
    let (code, out, _) = ravel(&[
        "simulate",
        path,
        "--seed",
        "3",
        "--diagram",
        "text",
        "--depth",
        "200",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("BelowFour"), "{out}");
    std::fs::write(dir.join("bad.rvl"), "var x: 0..3 = 0\naction A { x = y }\n").unwrap();
    let (code, _, err) = ravel(&["simulate", dir.join("bad.rvl").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown name `y`"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
