//! Liveness: `property Name: eventually P` and its siblings, under the
//! actions' fairness.
//!
//! Takes the model (after the safety search found nothing), gives a
//! [`Verdict`]: `Holds`, or the first violated property (in declaration
//! order) with a [`Lasso`]: a path from an initial state, then a loop
//! repeated forever, or a state where the behaviour stutters forever.
//!
//! The pass explores the state space again on its own, keeping every edge
//! (`graph.rs`), always exactly and without symmetry reduction, so it is
//! sound whatever the safety search's options. Then, per property:
//! evaluate its predicates on every state, reduce it to a question about
//! fair behaviours (`search.rs`), find strongly connected components
//! (`scc.rs`) and keep the fair ones (`fair.rs`), and build the lasso
//! (`paths.rs`).

mod fair;
mod graph;
mod paths;
mod scc;
mod search;

use std::time::Instant;

use hashbrown::HashMap;
use rayon::prelude::*;

use crate::check::ir::{LivenessId, LivenessKind};
use crate::compile::{Model, RuntimeError};
use crate::value::Value;

use super::{Options, Outcome, Step, StopReason, Trace, Verdict};
use fair::{Analysis, Conditions};
use graph::{BuildError, Graph};
use search::{Question, Witness};

/// A behaviour that violates a liveness property: a path, then forever
/// either a loop back to one of its states or stuttering in its last one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lasso {
    /// From an initial state. With [`LassoEnd::BackTo`], the last step
    /// returns to the state of an earlier step.
    pub trace: Trace,
    /// How the behaviour goes on forever.
    pub end: LassoEnd,
}

/// How a lasso goes on forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LassoEnd {
    /// The last step's state is that of step `k` (1-based): steps `k + 1`
    /// to the last repeat forever.
    BackTo(usize),
    /// No fair action is enabled in the last state: the behaviour may stay
    /// there forever.
    Stutters,
}

/// Check the liveness properties of `model` unless the safety search
/// already gave a verdict other than `Holds` (or there are none). Records
/// how long this took in `outcome.stats.liveness`.
pub fn after_safety(
    model: &Model,
    options: &Options,
    outcome: &mut Outcome,
    observer: &mut dyn crate::explore::Observer,
) {
    // With --continue, the safety search saw every state if all it found
    // are invariant violations, deadlocks and unreached `reachable`s.
    let whole = |v: &Verdict| {
        matches!(
            v,
            Verdict::InvariantViolated(..) | Verdict::Deadlock(_) | Verdict::Unreachable(_)
        )
    };
    let safety_done = outcome.verdict == Verdict::Holds
        || (options.keep_going && whole(&outcome.verdict) && outcome.also.iter().all(whole));
    if model.spec.liveness.is_empty() || !safety_done {
        return;
    }
    observer.on(crate::explore::Event::Phase(
        crate::explore::Phase::Liveness,
    ));
    let start = Instant::now();
    let mut found = check(model, options).into_iter();
    if outcome.verdict == Verdict::Holds {
        outcome.verdict = found.next().unwrap_or(Verdict::Holds);
    }
    outcome.also.extend(found);
    outcome.stats.liveness = Some(start.elapsed());
}

/// Every liveness property, in declaration order; the first violated one
/// gives the verdict (with `--continue`, every violated one, in order; an
/// error stops). No finding when they hold.
fn check(model: &Model, options: &Options) -> Vec<Verdict> {
    let limit = options.max_states.unwrap_or(u64::MAX);
    let pool = crate::explore::threads::pool(options.threads);
    let pool = pool.as_ref();
    let bounds = graph::Bounds {
        memory: options.memory,
        interrupt: options.interrupt.as_deref(),
    };
    let graph = match Graph::build(model, limit, bounds, pool) {
        Ok(graph) => graph,
        Err(error) => return vec![build_error(*error)],
    };
    let mut analysis = Analysis::new(&graph, conditions(model, &graph));
    let from_init = paths::reach(
        &graph,
        &graph.initial.iter().map(|&s| (s, 0)).collect::<Vec<_>>(),
        &|_| true,
        &[],
    );
    let mut found = Vec::new();
    for (k, def) in model.spec.liveness.iter().enumerate() {
        let labelled = if def.step {
            label_steps(model, &graph, k, pool).map(|cut| (Vec::new(), cut))
        } else {
            let labels = label(model, &graph, k, pool);
            labels
                .map(|labels| (labels, Vec::new()))
                .map_err(|(e, s)| (e, s, None))
        };
        let (labels, cut) = match labelled {
            Ok(labelled) => labelled,
            Err((error, s, step)) => {
                let path = from_init.path_to(s);
                let trace = to_trace(model, &graph, &path, step.as_slice());
                found.push(Verdict::PropertyError(error, trace));
                return found;
            }
        };
        analysis.cut = cut;
        if let Some(w) = violation(&mut analysis, &from_init, def, &labels) {
            let lasso = lasso(model, &graph, &w);
            found.push(Verdict::LivenessViolated(LivenessId(k as u32), lasso));
            if !options.keep_going {
                return found;
            }
        }
    }
    found
}

/// The fairness conditions on the graph's instances: one per instance of a
/// `fair` action, then one per `fair A or B` group (per instance of the
/// process for `fair Node`).
fn conditions(model: &Model, graph: &Graph) -> Conditions {
    let list = &graph.instances.list;
    let fairness: Vec<_> = (list.iter())
        .map(|(action, _)| model.spec.actions[action.index()].fairness)
        .collect();
    let mut conditions = Conditions::per_instance(&fairness);
    for group in &model.spec.fair_groups {
        let mut ids: HashMap<Option<&Value>, u32> = HashMap::new();
        for (i, (action, args)) in list.iter().enumerate() {
            if group.actions.binary_search(action).is_err() {
                continue;
            }
            let key = if group.per_instance {
                args.first()
            } else {
                None
            };
            let c = *ids
                .entry(key)
                .or_insert_with(|| conditions.add(group.fairness));
            conditions.join(i as u32, c);
        }
    }
    conditions
}

/// Per state, the value of each predicate of `def` (P, then Q), on the
/// pool's threads if given.
fn label(
    model: &Model,
    graph: &Graph,
    l: usize,
    pool: Option<&rayon::ThreadPool>,
) -> Result<Vec<[bool; 2]>, (RuntimeError, u32)> {
    let preds = crate::compile::fast::liveness_predicates(&model.spec.liveness[l].kind).len();
    let one = |w: &mut crate::compile::Worker, s: u32| {
        let state = graph.seen.get(s);
        let mut out = [false; 2];
        for (i, slot) in out.iter_mut().enumerate().take(preds) {
            *slot = model.liveness_holds(w, l, i, state).map_err(|e| (e, s))?;
        }
        Ok(out)
    };
    let states = 0..graph.state_count() as u32;
    match pool {
        // Gathered in state order first, so the error reported is the first
        // in that order, as sequentially.
        Some(pool) => {
            let each: Vec<_> = pool.install(|| {
                states
                    .into_par_iter()
                    .map_init(|| model.worker(), one)
                    .collect()
            });
            each.into_iter().collect()
        }
        None => {
            let mut w = model.worker();
            states.map(|s| one(&mut w, s)).collect()
        }
    }
}

/// A predicate failed: the error, the state, and the step (target,
/// instance) for a step formula.
type LabelError = (RuntimeError, u32, Option<(u32, u32)>);

/// Per edge (by position), whether the step formula of property `l` holds
/// on it: the steps a violating behaviour must avoid. An error names the
/// state and the step (target, instance) it happened on.
fn label_steps(
    model: &Model,
    graph: &Graph,
    l: usize,
    pool: Option<&rayon::ThreadPool>,
) -> Result<Vec<bool>, LabelError> {
    let one = |w: &mut crate::compile::Worker, s: u32| {
        let before = graph.seen.get(s);
        graph
            .edges(s)
            .map(|(t, i)| {
                let action = graph.instances.list[i as usize].0;
                let step = (before, graph.seen.get(t));
                (model.liveness_step_holds(w, l, step, action)).map_err(|e| (e, s, Some((t, i))))
            })
            .collect::<Result<Vec<bool>, _>>()
    };
    let states = 0..graph.state_count() as u32;
    let rows: Vec<_> = match pool {
        Some(pool) => pool.install(|| {
            states
                .into_par_iter()
                .map_init(|| model.worker(), one)
                .collect()
        }),
        None => {
            let mut w = model.worker();
            states.map(|s| one(&mut w, s)).collect()
        }
    };
    let mut cut = Vec::with_capacity(graph.edge_count());
    for row in rows {
        cut.extend(row?);
    }
    Ok(cut)
}

/// The shortest violating behaviour of one property (see `search.rs`); a
/// step formula's steps are [`Analysis::cut`] already.
fn violation(
    analysis: &mut Analysis,
    from_init: &paths::Reach,
    def: &crate::check::ir::LivenessDef,
    labels: &[[bool; 2]],
) -> Option<Witness> {
    let p = |s: u32| labels[s as usize][0];
    let q = |s: u32| labels[s as usize][1];
    let not_p = |s: u32| !p(s);
    let not_q = |s: u32| !q(s);
    let anything = |_: u32| true;
    let states = || 0..analysis.graph.state_count() as u32;
    let initial = analysis.graph.initial.clone();
    let question = match &def.kind {
        // The behaviour must avoid every step of the formula: from an
        // initial state, or from some state on.
        LivenessKind::Eventually(_) if def.step => Question {
            allowed: &anything,
            sources: initial,
            accept: None,
        },
        LivenessKind::AlwaysEventually(_) if def.step => Question {
            allowed: &anything,
            sources: states().collect(),
            accept: None,
        },
        LivenessKind::Eventually(_) => Question {
            allowed: &not_p,
            sources: initial.into_iter().filter(|&s| not_p(s)).collect(),
            accept: None,
        },
        LivenessKind::AlwaysEventually(_) => Question {
            allowed: &not_p,
            sources: states().filter(|&s| not_p(s)).collect(),
            accept: None,
        },
        LivenessKind::EventuallyAlways(_) => Question {
            allowed: &anything,
            sources: initial,
            accept: Some(&not_p),
        },
        LivenessKind::LeadsTo(..) => Question {
            allowed: &not_q,
            sources: states().filter(|&s| p(s) && not_q(s)).collect(),
            accept: None,
        },
        LivenessKind::EventuallyFrom(..) => Question {
            allowed: &not_q,
            sources: initial.into_iter().filter(|&s| p(s) && not_q(s)).collect(),
            accept: None,
        },
        LivenessKind::EventuallyAlwaysFrom(..) => Question {
            allowed: &anything,
            sources: initial.into_iter().filter(|&s| p(s)).collect(),
            accept: Some(&not_q),
        },
    };
    search::find(analysis, from_init, &question)
}

/// A witness as a lasso of decoded states.
fn lasso(model: &Model, graph: &Graph, w: &Witness) -> Lasso {
    let trace = to_trace(model, graph, &w.prefix, &w.cycle);
    let end = if w.cycle.is_empty() {
        LassoEnd::Stutters
    } else {
        LassoEnd::BackTo(w.prefix.len())
    };
    Lasso { trace, end }
}

/// A path of state ids, then steps with their instances, as a trace.
fn to_trace(model: &Model, graph: &Graph, path: &[u32], then: &[(u32, u32)]) -> Trace {
    let state = |s: u32| model.decode(graph.seen.get(s));
    let instance = |i: u32| graph.instances.list[i as usize].clone();
    let mut steps = Vec::with_capacity(path.len() + then.len());
    for (k, &s) in path.iter().enumerate() {
        let action = k
            .checked_sub(1)
            .and_then(|j| graph.instance_between(path[j], s))
            .map(instance);
        steps.push(Step {
            action,
            state: state(s),
        });
    }
    for &(s, i) in then {
        steps.push(Step {
            action: Some(instance(i)),
            state: state(s),
        });
    }
    Trace { steps }
}

/// The verdict when the graph could not be built (the safety search passed
/// over the same states, so this is rare: a limit, or an error it met too).
fn build_error(error: BuildError) -> Verdict {
    match error {
        BuildError::Full(limit) => Verdict::Incomplete(StopReason::LivenessLimit(limit)),
        BuildError::Memory(budget) => Verdict::Incomplete(StopReason::LivenessMemory(budget)),
        BuildError::Interrupted => Verdict::Incomplete(StopReason::LivenessInterrupted),
        BuildError::Property(error, trace) => Verdict::PropertyError(error, trace),
        BuildError::Action(error, trace) => Verdict::ActionError(error, trace),
    }
}
