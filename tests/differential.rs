//! Differential testing on random well-typed specs (`tests/specgen`): on every
//! reachable state the fast evaluator and the reference interpreter must
//! give the same successors (in order) and the same property values, and
//! the engine's counts and verdict must equal those of a deliberately
//! naive explicit-state search written only for this test (reference
//! values in a `BTreeSet`, no packing, no threads, no fingerprints).
//!
//! `cargo test --test differential` runs a fixed set of seeds; set
//! `RAVEL_DIFF_SEEDS=N` (and optionally `RAVEL_DIFF_FROM=S`) for a longer run.
//!
//! Reading a union field that the variants declare with different ranges
//! (`u.b` with `A { b: 0..1 } | B { b: 0..2 }`) was issue 13's item 1,
//! which this test found within its first seeds before the fix.

mod specgen;

use std::collections::BTreeSet;

use ravel::check::ir::PropertyId;
use ravel::compile::{Model, compile};
use ravel::explore::{self, Options, Verdict};
use ravel::source::Source;

/// What the naive search found: counts, and where it first went wrong:
/// the first level (1 = the initial states) with a state whose invariant
/// is false or fails, and the first level whose expansion fails.
#[derive(Debug, PartialEq)]
struct Naive {
    distinct: u64,
    transitions: u64,
    depth: u64,
    bad_state: Option<u64>,
    bad_step: Option<u64>,
}

fn key(model: &Model, state: &[u64]) -> String {
    format!("{:?}", model.decode(state))
}

/// Breadth-first over reference successors, one level at a time, until
/// the level where something first goes wrong.
fn naive(model: &Model) -> Naive {
    let mut seen = BTreeSet::new();
    let mut level: Vec<Vec<u64>> = Vec::new();
    let mut transitions = 0;
    let init = model.initial_states(&mut |s| {
        transitions += 1;
        if seen.insert(key(model, s)) {
            level.push(s.to_vec());
        }
    });
    let bad = |model: &Model, states: &[Vec<u64>]| {
        states.iter().any(|state| {
            (0..model.spec.properties.len())
                .any(|p| model.holds(PropertyId(p as u32), state) != Ok(true))
        })
    };
    let mut naive = Naive {
        distinct: 0,
        transitions: 0,
        depth: 0,
        bad_state: init.is_err().then_some(1),
        bad_step: None,
    };
    while naive.bad_state.is_none() && naive.bad_step.is_none() && !level.is_empty() {
        naive.depth += 1;
        if bad(model, &level) {
            naive.bad_state = Some(naive.depth);
            break;
        }
        let mut next = Vec::new();
        for state in &level {
            let r = model.successors(state, &mut |s| {
                transitions += 1;
                if seen.insert(key(model, s.state)) {
                    next.push(s.state.to_vec());
                }
            });
            if r.is_err() {
                naive.bad_step = Some(naive.depth);
            }
        }
        if naive.bad_step.is_some() && bad(model, &next) {
            naive.bad_state = Some(naive.depth + 1);
        }
        level = next;
    }
    naive.distinct = seen.len() as u64;
    naive.transitions = transitions;
    naive
}

/// The fast path against the reference on every reachable state.
fn compare_evaluators(model: &Model, text: &str) {
    let mut w = model.worker();
    let mut seen = BTreeSet::new();
    let mut queue = Vec::new();
    let _ = model.initial_states(&mut |s| {
        if seen.insert(s.to_vec()) {
            queue.push(s.to_vec());
        }
    });
    while let Some(state) = queue.pop() {
        for p in 0..model.spec.properties.len() {
            let p = PropertyId(p as u32);
            assert_eq!(
                model.check(&mut w, p, &state),
                model.holds(p, &state),
                "property {} in {:?}\n{text}",
                model.spec.properties[p.index()].name,
                model.decode(&state)
            );
        }
        let mut reference = Vec::new();
        let mut instances = Vec::new();
        let r = model.successors(&state, &mut |s| {
            reference.push((s.action, s.state.to_vec()));
            instances.push((s.action, s.args.to_vec(), s.state.to_vec()));
        });
        // The liveness graph's expansion: the same successors with the
        // same action instances.
        let mut fast_instances = Vec::new();
        let fi = model.instances(&mut w, &state, &mut |a, codes, s| {
            fast_instances.push((a, model.instance_args(a, codes), s.to_vec()))
        });
        assert_eq!(
            fi.is_ok(),
            r.is_ok(),
            "instance errors in {:?}\n{text}",
            model.decode(&state)
        );
        if r.is_ok() {
            assert_eq!(
                fast_instances,
                instances,
                "instances of {:?}\n{text}",
                model.decode(&state)
            );
        }
        let mut fast = Vec::new();
        let f = model.step(&mut w, &state, &mut |a, s| fast.push((a, s.to_vec())));
        assert_eq!(
            f.is_ok(),
            r.is_ok(),
            "errors in {:?}\n{text}",
            model.decode(&state)
        );
        assert_eq!(
            fast,
            reference,
            "successors of {:?}\n{text}",
            model.decode(&state)
        );
        if r.is_ok() {
            for (_, s) in reference {
                if seen.insert(s.clone()) {
                    queue.push(s);
                }
            }
        }
    }
}

/// Check one generated spec; `None` if it did not get past `check` (which
/// the generator should never produce).
fn differential(seed: u64) -> Result<(), String> {
    let text = specgen::spec(&mut specgen::Gen::seeded(seed));
    let source = Source::new("gen.rvl", text.clone());
    let ast =
        ravel::syntax::parse(&source).map_err(|e| format!("seed {seed}: syntax: {e:?}\n{text}"))?;
    let ir = ravel::check::check(&ast, &[]).map_err(|e| {
        let m: Vec<String> = e.iter().map(|e| e.kind.details().message).collect();
        format!("seed {seed}: check: {}\n{text}", m.join("; "))
    })?;
    let model = compile(ir);
    compare_evaluators(&model, &text);
    let naive = naive(&model);
    for threads in [1, 2] {
        let options = Options {
            deadlock: false,
            threads,
            ..Options::default()
        };
        let outcome = explore::explore(&model, &options, &mut ());
        let stats = &outcome.stats;
        let fail = |what: String| {
            Err(format!(
                "seed {seed}, {threads} threads: {what}, naive {naive:?}\n{text}"
            ))
        };
        match &outcome.verdict {
            Verdict::Holds if naive.bad_state.is_none() && naive.bad_step.is_none() => {
                let got = (stats.distinct, stats.transitions, stats.depth as u64);
                if got != (naive.distinct, naive.transitions, naive.depth) {
                    return fail(format!("engine {got:?}"));
                }
            }
            Verdict::InvariantViolated(_, t) | Verdict::PropertyError(_, t) => {
                let at = (t.steps.len() as u64).max(1);
                let earlier_step = naive.bad_step.is_some_and(|s| s + 1 < at);
                if naive.bad_state != Some(at) || earlier_step {
                    return fail(format!("a bad state at level {at}"));
                }
            }
            Verdict::ActionError(_, t) => {
                let at = t.steps.len() as u64;
                if naive.bad_step != Some(at) || naive.bad_state.is_some_and(|s| s <= at) {
                    return fail(format!("a failing step from level {at}"));
                }
            }
            verdict => return fail(format!("engine {verdict:?}")),
        }
    }
    Ok(())
}

/// Enum widening rewrites values in `check`; both evaluators must read
/// the rewritten expressions alike.
#[test]
fn widened_enums_agree_everywhere() {
    for text in [
        include_str!("widening/store.rvl"),
        include_str!("widening/copy.rvl"),
    ] {
        let source = Source::new("widening.rvl", text);
        let ast = ravel::syntax::parse(&source).expect("parses");
        let model = compile(ravel::check::check(&ast, &[]).expect("checks"));
        compare_evaluators(&model, text);
        assert!(naive(&model).distinct > 90);
    }
}

#[test]
fn generated_specs_agree_everywhere() {
    let count: u64 = std::env::var("RAVEL_DIFF_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let from: u64 = std::env::var("RAVEL_DIFF_FROM")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let mut failures = Vec::new();
    if std::env::var_os("RAVEL_DIFF_VERBOSE").is_some() {
        for seed in from..from + count {
            let text = specgen::spec(&mut specgen::Gen::seeded(seed));
            let mut args = ravel::CheckArgs::new(Source::new("gen.rvl", text));
            args.options.deadlock = false;
            if let Ok(c) = ravel::run(&args, &mut ()) {
                eprintln!(
                    "seed {seed}: {} states, {:?}",
                    c.outcome.stats.distinct,
                    std::mem::discriminant(&c.outcome.verdict)
                );
            }
        }
    }
    for seed in from..from + count {
        if let Err(why) = differential(seed) {
            failures.push(why);
        }
    }
    if std::env::var_os("RAVEL_DIFF_VERBOSE").is_some() {
        for f in &failures {
            eprintln!("{}", f.lines().next().unwrap_or(""));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} specs disagree; first:\n{}",
        failures.len(),
        failures[0]
    );
}
