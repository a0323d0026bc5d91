//! Differential testing on random well-typed specs (`tests/specgen`): on every
//! reachable state the fast evaluator and the reference interpreter must
//! give the same successors (in order) and the same property values, and
//! the engine's counts and verdict must equal those of a deliberately
//! naive explicit-state search written only for this test (reference
//! values in a `BTreeSet`, no packing, no threads, no fingerprints).
//!
//! `cargo test --test differential` runs a fixed set of seeds; set
//! `RAVEL_DIFF_SEEDS=N` (and optionally `RAVEL_DIFF_FROM=S`) for a longer run.

mod specgen;

use std::collections::BTreeSet;

use ravel::check::ir::PropertyId;
use ravel::compile::{Model, compile};
use ravel::explore::{self, Options, Verdict};
use ravel::source::Source;

/// What the naive search found: counts, and the first level with a
/// violated invariant or a runtime error (1 = the initial states).
#[derive(Debug, PartialEq)]
struct Naive {
    distinct: u64,
    transitions: u64,
    depth: u64,
    failure_at: Option<u64>,
}

fn key(model: &Model, state: &[u64]) -> String {
    format!("{:?}", model.decode(state))
}

/// Breadth-first over reference successors, one level at a time.
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
    let mut depth = 0;
    let mut result = |failure_at| Naive {
        distinct: seen.len() as u64,
        transitions,
        depth,
        failure_at,
    };
    if init.is_err() {
        return result(Some(1));
    }
    let _ = &mut result;
    while !level.is_empty() {
        depth += 1;
        let mut next = Vec::new();
        let mut failed = false;
        for state in &level {
            for p in 0..model.spec.properties.len() {
                if model.holds(PropertyId(p as u32), state) != Ok(true) {
                    failed = true;
                }
            }
        }
        if failed {
            return Naive {
                distinct: seen.len() as u64,
                transitions,
                depth,
                failure_at: Some(depth),
            };
        }
        for state in &level {
            let r = model.successors(state, &mut |s| {
                transitions += 1;
                if seen.insert(key(model, s.state)) {
                    next.push(s.state.to_vec());
                }
            });
            if r.is_err() {
                failed = true;
            }
        }
        if failed {
            return Naive {
                distinct: seen.len() as u64,
                transitions,
                depth: depth + 1,
                failure_at: Some(depth + 1),
            };
        }
        level = next;
    }
    Naive {
        distinct: seen.len() as u64,
        transitions,
        depth,
        failure_at: None,
    }
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
        let r = model.successors(&state, &mut |s| reference.push((s.action, s.state.to_vec())));
        let mut fast = Vec::new();
        let f = model.step(&mut w, &state, &mut |a, s| fast.push((a, s.to_vec())));
        assert_eq!(f.is_ok(), r.is_ok(), "errors in {:?}\n{text}", model.decode(&state));
        assert_eq!(fast, reference, "successors of {:?}\n{text}", model.decode(&state));
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
    let ast = ravel::syntax::parse(&source).map_err(|e| format!("seed {seed}: syntax: {e:?}\n{text}"))?;
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
        match (&outcome.verdict, naive.failure_at) {
            (Verdict::Holds, None) => {
                let got = (stats.distinct, stats.transitions, stats.depth as u64);
                let want = (naive.distinct, naive.transitions, naive.depth);
                if got != want {
                    return Err(format!("seed {seed}, {threads} threads: engine {got:?}, naive {want:?}\n{text}"));
                }
            }
            (verdict, Some(at)) if verdict.is_failure() => {
                if stats.depth as u64 != at {
                    return Err(format!(
                        "seed {seed}, {threads} threads: failure at depth {}, naive at {at}\n{text}",
                        stats.depth
                    ));
                }
            }
            (verdict, at) => {
                return Err(format!("seed {seed}, {threads} threads: engine {verdict:?}, naive failure at {at:?}\n{text}"));
            }
        }
    }
    Ok(())
}

#[test]
fn generated_specs_agree_everywhere() {
    let count: u64 = std::env::var("RAVEL_DIFF_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(300);
    let from: u64 = std::env::var("RAVEL_DIFF_FROM").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    let mut failures = Vec::new();
    for seed in from..from + count {
        if let Err(why) = differential(seed) {
            failures.push(why);
        }
    }
    assert!(failures.is_empty(), "{} of {count} specs disagree; first:\n{}", failures.len(), failures[0]);
}
