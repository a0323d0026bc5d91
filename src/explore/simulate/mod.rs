//! Random simulation: walks from the initial states, for models too big
//! to explore exhaustively.
//!
//! Run `i` of a simulation with seed `s` is a walk of at most `depth`
//! steps whose every choice comes from a generator seeded with `(s, i)`
//! alone: an initial state, then at each step one successor, uniformly.
//! Every state visited is checked against the invariants; a walk ends at
//! its depth, at a state without successors (a deadlock, unless a
//! `terminal` holds or deadlocks are off), at a state outside a
//! `constraint`, or at a finding. Runs go in batches over the threads, and
//! the finding reported is that of the lowest-numbered run that has one,
//! with the counts of the runs up to it: for a given seed the same trace
//! and the same numbers for any number of threads. The trace is then
//! shrunk (see [`shrink`]).

mod rng;
mod shrink;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use hashbrown::HashSet;
use rayon::prelude::*;

use crate::check::ir::{ActionId, Origin, PropertyId};
use crate::compile::Model;
use crate::value::Value;

use super::expand::{self, Finding, Properties};
use super::space::Space;
use super::store::hash_words;
use super::{NoInitialState, Outcome, Stats, Step, StopReason, Trace, Verdict, threads, trace};
use rng::Rng;
pub use shrink::Lane;

/// How to simulate.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// The seed every choice derives from.
    pub seed: u64,
    /// Steps per run, at most.
    pub depth: u32,
    /// Stop after this many runs.
    pub runs: Option<u64>,
    /// Start no batch of runs after this long.
    pub time: Option<Duration>,
    /// Worker threads.
    pub threads: usize,
    /// Report states with no successor (unless a `terminal` holds there).
    pub deadlock: bool,
    /// Set from elsewhere (e.g. on Ctrl-C) to stop between batches.
    pub interrupt: Option<Arc<AtomicBool>>,
}

/// What a simulation found.
#[derive(Clone, Debug)]
pub struct SimOutcome {
    /// The verdict (`Holds` when no run found anything) and the counts
    /// (`distinct`: states seen, by fingerprint; `transitions`: steps
    /// taken; `depth`: the longest run, in states).
    pub outcome: Outcome,
    /// Runs made (up to and including the one with the finding).
    pub runs: u64,
    /// The run with the finding, and the length of its trace before
    /// shrinking, in states.
    pub found: Option<(u64, usize)>,
    /// `reachable` properties true in no visited state.
    pub unseen: Vec<PropertyId>,
}

/// One walk: its states, packed one after another, and how it ended.
struct Walk {
    states: Vec<u64>,
    finding: Option<Finding>,
    /// `reachable` properties seen true.
    met: Vec<PropertyId>,
}

/// What every walk shares.
struct Ctx<'m, S: Space> {
    model: &'m S,
    options: &'m SimOptions,
    props: Properties,
    /// The initial states, packed.
    initial: Vec<u64>,
    width: usize,
}

/// Runs per batch: independent of the number of threads, so that the
/// same runs are made for any number.
const BATCH: u64 = 64;

/// Simulate `model` (see the module's header); `lane` names the process
/// (or other lifeline) an action instance belongs to, for shrinking.
pub fn simulate<S: Space>(
    model: &S,
    options: &SimOptions,
    lane: &(dyn Fn(ActionId, &[Value]) -> Lane + Sync),
) -> SimOutcome {
    let start = Instant::now();
    let props = Properties::of(model);
    let width = model.state_words();
    let mut initial = Vec::new();
    let finish = |verdict, runs, stats: Stats| SimOutcome {
        outcome: Outcome {
            verdict,
            stats: Stats {
                elapsed: start.elapsed(),
                ..stats
            },
            collision_probability: None,
            checkpointed: None,
            also: Vec::new(),
            coverage: super::Coverage::default(),
        },
        runs,
        found: None,
        unseen: Vec::new(),
    };
    if let Err(error) = model.initial_states(&mut |s| initial.extend_from_slice(s)) {
        return finish(
            Verdict::PropertyError(error, Trace::default()),
            0,
            Stats::default(),
        );
    }
    if initial.is_empty() {
        let verdict = Verdict::NoInitialState(NoInitialState::NoBranch);
        return finish(verdict, 0, Stats::default());
    }
    let ctx = Ctx {
        model,
        options,
        props,
        initial,
        width,
    };
    let pool = threads::pool(options.threads);
    let mut seen: HashSet<u64> = HashSet::new();
    let mut pending = ctx.props.reachables.clone();
    let mut stats = Stats::default();
    let mut runs = 0u64;
    let mut first: Option<(u64, Walk)> = None;
    let mut interrupted = false;
    while options.runs.is_none_or(|limit| runs < limit) {
        if options.time.is_some_and(|t| start.elapsed() >= t) {
            break;
        }
        if options
            .interrupt
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
        {
            interrupted = true;
            break;
        }
        let end = options
            .runs
            .map_or(runs + BATCH, |limit| limit.min(runs + BATCH));
        let batch = |range: std::ops::Range<u64>| -> Vec<Walk> {
            range
                .into_par_iter()
                .map_init(|| model.worker(), |worker, run| walk(&ctx, worker, run))
                .collect()
        };
        let walks = match &pool {
            Some(pool) => pool.install(|| batch(runs..end)),
            None => {
                let mut worker = model.worker();
                (runs..end)
                    .map(|run| walk(&ctx, &mut worker, run))
                    .collect()
            }
        };
        for (run, walk) in (runs..end).zip(walks) {
            runs = run + 1;
            let states = walk.states.len() / width;
            stats.transitions += states.saturating_sub(1) as u64;
            stats.depth = stats.depth.max(states as u32);
            for state in walk.states.chunks_exact(width) {
                seen.insert(hash_words(state));
            }
            pending.retain(|p| !walk.met.contains(p));
            if walk.finding.is_some() {
                first = Some((run, walk));
                break;
            }
        }
        if first.is_some() {
            break;
        }
    }
    stats.distinct = seen.len() as u64;
    let Some((run, walk)) = first else {
        let verdict = if interrupted {
            Verdict::Incomplete(StopReason::Interrupted)
        } else {
            Verdict::Holds
        };
        let mut out = finish(verdict, runs, stats);
        out.unseen = pending;
        return out;
    };
    let finding = walk.finding.clone().expect("a finding");
    let before = walk.states.len() / width;
    let shrunk = shrink::shrink(&ctx, lane, walk.states, &finding);
    let trace = trace_of(model, &shrunk, width);
    let verdict = match finding {
        Finding::Invariant(id) => Verdict::InvariantViolated(id, trace),
        Finding::Deadlock => Verdict::Deadlock(trace),
        Finding::PropertyError(error) => Verdict::PropertyError(error, trace),
        Finding::ActionError(error) => Verdict::ActionError(error, trace),
    };
    let mut out = finish(verdict, runs, stats);
    out.found = Some((run, before));
    out
}

/// Run `run`: a walk from a random initial state.
fn walk<S: Space>(ctx: &Ctx<'_, S>, worker: &mut S::Worker, run: u64) -> Walk {
    let (model, props, width) = (ctx.model, &ctx.props, ctx.width);
    let mut rng = Rng::for_run(ctx.options.seed, run);
    let count = ctx.initial.len() / width;
    let pick = rng.below(count);
    let mut states = ctx.initial[pick * width..(pick + 1) * width].to_vec();
    let mut pending = props.reachables.clone();
    let mut met = Vec::new();
    let mut successors = Vec::new();
    let mut step = Vec::new();
    let mut actions = Vec::new();
    let mut at = 0;
    let finding = loop {
        let state = &states[at..at + width];
        let check = if at == 0 {
            expand::check_initial
        } else {
            expand::check_state
        };
        if let Some(finding) = check(model, worker, props, &mut pending, state, &mut met) {
            break Some(finding);
        }
        match expand::satisfies_all(model, worker, &props.constraints, state) {
            Err(error) => break Some(Finding::PropertyError(error)),
            Ok(false) => break None,
            Ok(true) => {}
        }
        if (states.len() / width) as u64 > u64::from(ctx.options.depth) {
            break None;
        }
        successors.clear();
        actions.clear();
        if let Err(error) = model.step(worker, state, &mut |a, s| {
            actions.push(a);
            successors.extend_from_slice(s);
        }) {
            break Some(Finding::ActionError(error));
        }
        if successors.is_empty() {
            break if ctx.options.deadlock {
                expand::deadlock_at(model, worker, props, state)
            } else {
                None
            };
        }
        let next = rng.below(successors.len() / width);
        let after = &successors[next * width..(next + 1) * width];
        let action = actions[next];
        let stepped = expand::check_step(model, worker, props, (state, after), action, &mut step);
        states.extend_from_slice(after);
        at += width;
        if stepped.is_some() {
            break stepped;
        }
    };
    Walk {
        states,
        finding,
        met,
    }
}

/// The trace through packed states, each step's action found again.
fn trace_of<S: Space>(model: &S, states: &[u64], width: usize) -> Trace {
    let mut steps = Vec::new();
    let mut prev: Option<&[u64]> = None;
    for state in states.chunks_exact(width) {
        let action = prev.and_then(|p| trace::action_between(model, p, state));
        steps.push(Step {
            action,
            state: model.decode(state),
        });
        prev = Some(state);
    }
    Trace { steps }
}

/// The lifeline of an action instance of `model`: the process instance
/// it runs in (its first parameter), or for a spec without processes the
/// value of its first parameter; `None` for the network and for time.
pub fn lane_of(model: &Model, action: ActionId, args: &[Value]) -> Lane {
    let def = &model.spec.actions[action.index()];
    match def.origin {
        Origin::Spec(Some(p))
        | Origin::Resume(p)
        | Origin::Crash(p)
        | Origin::Restart(p)
        | Origin::ClockTick(p) => Some((p.0 + 1, args.first().cloned())),
        Origin::Spec(None) => args.first().map(|v| (0, Some(v.clone()))),
        Origin::Drop(_) | Origin::Tick | Origin::Partition | Origin::Heal => None,
    }
}
