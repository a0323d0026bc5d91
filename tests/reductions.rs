//! Reductions on random well-typed specs (`tests/specgen`): with and
//! without each reduction the verdict is the same and the reduced count
//! never exceeds the unreduced one; where the search is complete the
//! reduced count is exactly the number of classes of the unreduced
//! reachable states (orbits under symmetry, views under a view that
//! Ravel does not warn about).
//!
//! `cargo test --test reductions` runs a fixed set of seeds; set
//! `RAVEL_REDUCTION_SEEDS=N` for a longer run.

mod common;
mod specgen;

use std::collections::HashSet;

use common::{Reductions, options, reachable, run_with};
use ravel::explore::{Outcome, Verdict};

/// The kind of a verdict and the length of its trace (a shortest one, so
/// the same with and without a reduction).
fn shape(outcome: &Outcome) -> (&'static str, Option<usize>) {
    match &outcome.verdict {
        Verdict::Holds => ("holds", None),
        Verdict::InvariantViolated(_, t) => ("violated", Some(t.steps.len())),
        Verdict::Deadlock(t) => ("deadlock", Some(t.steps.len())),
        Verdict::PropertyError(_, t) | Verdict::ActionError(_, t) => ("error", Some(t.steps.len())),
        Verdict::Unreachable(_) => ("unreachable", None),
        Verdict::NoInitialState(_) => ("no initial state", None),
        Verdict::Incomplete(_) => ("incomplete", None),
        Verdict::LivenessViolated(..) => ("liveness", None),
    }
}

fn seeds() -> std::ops::Range<u64> {
    let n = std::env::var("RAVEL_REDUCTION_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    0..n
}

#[test]
fn symmetry_keeps_the_verdict_and_counts_the_orbits() {
    let (mut reduced_specs, mut smaller) = (0, 0);
    for seed in seeds() {
        let mut g = specgen::Gen::seeded(seed);
        g.symmetric = true;
        let text = specgen::spec(&mut g);
        let opts = options(true);
        let (model, reduced) =
            run_with("sym.rvl", &text, &[], &opts, Reductions::ALL).expect("runs");
        let (full, whole) = run_with(
            "sym.rvl",
            &text,
            &[],
            &opts,
            Reductions {
                symmetry: false,
                ..Reductions::ALL
            },
        )
        .expect("runs");
        let context = format!("seed {seed}\n{text}");
        assert_eq!(shape(&reduced), shape(&whole), "{context}");
        assert!(reduced.stats.distinct <= whole.stats.distinct, "{context}");
        if model.symmetry().is_none() {
            assert_eq!(reduced.stats.distinct, whole.stats.distinct, "{context}");
            continue;
        }
        reduced_specs += 1;
        if std::env::var_os("RAVEL_REDUCTION_VERBOSE").is_some() {
            eprintln!(
                "seed {seed}: {:?} {} of {}\n{text}",
                shape(&reduced),
                reduced.stats.distinct,
                whole.stats.distinct
            );
        }
        if reduced.verdict != Verdict::Holds {
            continue;
        }
        let orbits: HashSet<Vec<u64>> = reachable(&full)
            .iter()
            .map(|s| model.representative(s).into_owned())
            .collect();
        assert_eq!(reduced.stats.distinct, orbits.len() as u64, "{context}");
        assert_eq!(
            reduced.coverage.stands_for,
            u128::from(whole.stats.distinct),
            "{context}"
        );
        smaller += u32::from(reduced.stats.distinct < whole.stats.distinct);
    }
    // The test means something only if many specs are reduced, and some
    // of them to fewer states.
    if std::env::var_os("RAVEL_REDUCTION_VERBOSE").is_some() {
        eprintln!("{reduced_specs} specs reduced, {smaller} to fewer states");
    }
    assert!(
        reduced_specs >= seeds().count() / 4,
        "only {reduced_specs} specs reduced"
    );
    assert!(smaller >= 10, "only {smaller} specs had fewer states");
}

#[test]
fn a_view_without_warnings_counts_the_views_of_the_reachable_states() {
    let (mut clean, mut merged) = (0, 0);
    for seed in seeds() {
        let mut g = specgen::Gen::seeded(seed);
        let text = specgen::spec(&mut g);
        let vars: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("var "))
            .filter_map(|l| l.split(':').next())
            .map(str::to_string)
            .collect();
        // A view of some of the variables, the first always.
        let shown: Vec<&String> = vars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i == 0 || (seed >> i) & 1 == 1)
            .map(|(_, v)| v)
            .collect();
        let viewed_text = format!(
            "{text}view: {}\n",
            shown
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let opts = options(true);
        let run = |view| {
            run_with(
                "view.rvl",
                &viewed_text,
                &[],
                &opts,
                Reductions {
                    view,
                    ..Reductions::ALL
                },
            )
            .expect("runs")
        };
        let ((model, viewed), (full, whole)) = (run(true), run(false));
        let context = format!("seed {seed}\n{viewed_text}");
        assert!(viewed.stats.distinct <= whole.stats.distinct, "{context}");
        let hazards = ravel::check::view::hazards(&model.spec);
        // Only a complete search of the whole spec says what the view
        // should have found; a runtime error may hide in a hidden value.
        if !hazards.is_empty() || whole.verdict != Verdict::Holds {
            continue;
        }
        clean += 1;
        assert_eq!(shape(&viewed), shape(&whole), "{context}");
        let mut worker = model.worker();
        let mut view = Vec::new();
        let views: HashSet<Vec<u64>> = reachable(&full)
            .iter()
            .map(|s| {
                model.view_of(&mut worker, s, &mut view).expect("view");
                view.clone()
            })
            .collect();
        assert_eq!(viewed.stats.distinct, views.len() as u64, "{context}");
        merged += u32::from(viewed.stats.distinct < whole.stats.distinct);
    }
    if std::env::var_os("RAVEL_REDUCTION_VERBOSE").is_some() {
        eprintln!("{clean} views without warnings, {merged} merged states");
    }
    assert!(
        clean >= 20,
        "only {clean} specs had a view without warnings"
    );
    assert!(merged >= 5, "only {merged} views merged states");
}

/// What a search with `--continue` found: each violated property and
/// whether a deadlock or an error was reached (not where: with the
/// partial-order reduction a trace need not be a shortest one).
fn findings(model: &ravel::compile::Model, outcome: &Outcome) -> Vec<String> {
    let name = |p: &ravel::check::ir::PropertyId| model.spec.properties[p.index()].name.clone();
    let mut out: Vec<String> = std::iter::once(&outcome.verdict)
        .chain(&outcome.also)
        .flat_map(|v| match v {
            Verdict::Holds => Vec::new(),
            Verdict::InvariantViolated(p, _) => vec![format!("violated {}", name(p))],
            Verdict::Unreachable(ps) => ps
                .iter()
                .map(|p| format!("unreachable {}", name(p)))
                .collect(),
            Verdict::Deadlock(_) => vec!["deadlock".into()],
            Verdict::PropertyError(..) | Verdict::ActionError(..) => vec!["error".into()],
            Verdict::NoInitialState(_) => vec!["no initial state".into()],
            Verdict::Incomplete(_) => vec!["incomplete".into()],
            Verdict::LivenessViolated(..) => vec!["liveness".into()],
        })
        .collect();
    out.sort();
    out
}

/// Check `text` with `--continue`, with and without partial-order
/// reduction, and compare what each found: the two outcomes, or `None`
/// when an error stopped either search (which error comes first, and what
/// was found before it, may differ).
fn compare_por(file: &str, text: &str, seed: u64) -> Option<(Outcome, Outcome)> {
    let opts = ravel::explore::Options {
        keep_going: true,
        ..options(true)
    };
    let without = Reductions {
        por: false,
        ..Reductions::ALL
    };
    let context = format!("seed {seed}\n{text}");
    let (model, reduced) = run_with(file, text, &[], &opts, Reductions::ALL)
        .unwrap_or_else(|e| panic!("{e}\n{context}"));
    let (full, whole) = run_with(file, text, &[], &opts, without).expect("runs");
    assert!(model.por().is_some(), "{context}");
    let (found, all) = (findings(&model, &reduced), findings(&full, &whole));
    let error = |f: &[String]| f.iter().any(|k| k == "error");
    if error(&found) || error(&all) {
        assert_eq!(error(&found), error(&all), "{context}");
        return None;
    }
    assert_eq!(found, all, "{context}");
    assert!(reduced.stats.distinct <= whole.stats.distinct, "{context}");
    Some((reduced, whole))
}

#[test]
fn partial_order_reduction_keeps_every_verdict() {
    let (mut reduced_specs, mut smaller) = (0, 0);
    for seed in seeds() {
        let mut g = specgen::Gen::seeded(seed);
        g.por = true;
        let text = specgen::spec(&mut g);
        let Some((reduced, whole)) = compare_por("por.rvl", &text, seed) else {
            continue;
        };
        let context = format!("seed {seed}\n{text}");
        let ample = reduced.stats.por.map_or(0, |p| p.reduced);
        reduced_specs += u32::from(ample > 0);
        if ample > 0 && seed % 4 == 0 {
            // The same reduced search on two threads.
            let two = ravel::explore::Options {
                threads: 2,
                keep_going: true,
                ..options(true)
            };
            let (_, parallel) =
                run_with("por.rvl", &text, &[], &two, Reductions::ALL).expect("runs");
            assert_eq!(parallel.stats.distinct, reduced.stats.distinct, "{context}");
            assert_eq!(
                parallel.stats.transitions, reduced.stats.transitions,
                "{context}"
            );
        }
        smaller += u32::from(reduced.stats.distinct < whole.stats.distinct);
    }
    if std::env::var_os("RAVEL_REDUCTION_VERBOSE").is_some() {
        eprintln!("{reduced_specs} specs with ample states, {smaller} with fewer states");
    }
    assert!(
        smaller >= seeds().count() as u32 / 10,
        "only {smaller} specs had fewer states"
    );
}

/// The same comparison on specs with processes and a channel (a queue, a
/// bag or a set): puts and takes on one link are related by how the
/// channel keeps its messages, and the reduction must keep every verdict.
#[test]
fn partial_order_reduction_keeps_every_verdict_with_channels() {
    let (mut reduced_specs, mut smaller) = (0, 0);
    for seed in seeds() {
        let mut g = specgen::Gen::seeded(seed);
        let text = specgen::channels::channel_spec(&mut g);
        let Some((reduced, whole)) = compare_por("wire.rvl", &text, seed) else {
            continue;
        };
        let ample = reduced.stats.por.map_or(0, |p| p.reduced);
        reduced_specs += u32::from(ample > 0);
        smaller += u32::from(reduced.stats.distinct < whole.stats.distinct);
    }
    if std::env::var_os("RAVEL_REDUCTION_VERBOSE").is_some() {
        eprintln!("{reduced_specs} specs with ample states, {smaller} with fewer states");
    }
    assert!(
        smaller >= seeds().count() as u32 / 40,
        "only {smaller} specs had fewer states"
    );
}
