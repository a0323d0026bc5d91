//! Stage 4: model → verdict.
//!
//! Breadth-first search over packed states, in parallel: every distinct
//! state stored once (exactly, or as a 64-bit fingerprint), parent links
//! for the shortest trace, invariants on every state, deadlock detection,
//! `reachable` checked at the end. The same result for any number of
//! threads. The engine never prints; it reports through an [`Observer`].
//!
//! Inside: `bfs` runs levels, `block` expands and stores one block of a
//! level in two parallel phases, `store` (with `table`) holds the states,
//! `expand` has the per-state work, `trace` rebuilds traces, `memory`
//! sizes the budget.

mod bfs;
mod block;
pub mod checkpoint;
mod coverage;
mod expand;
pub mod graph;
pub mod liveness;
pub mod memory;
mod observer;
pub mod por;
pub mod simulate;
mod space;
mod store;
mod table;
#[cfg(test)]
mod tests;
mod threads;
mod trace;

pub use coverage::{ActionCount, Coverage};
pub use liveness::{Lasso, LassoEnd};
pub use observer::{Event, Observer, Phase};
pub use space::Space;
pub use store::{Mode, collision_probability};
pub use threads::{MAX_THREADS, clamp_threads};
pub use trace::action_between;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::check::ir::{ActionId, LivenessId, PropertyId};
use crate::compile::{ActionError, Model, RuntimeError};
use crate::value::Value;

/// How to explore.
#[derive(Clone, Debug)]
pub struct Options {
    /// Report states with no successor (unless a `terminal` holds there).
    pub deadlock: bool,
    /// Stop after storing this many distinct states.
    pub max_states: Option<u64>,
    /// Worker threads; 1 runs the search on the calling thread. The result
    /// is the same for any number.
    pub threads: usize,
    /// Exact states or 64-bit fingerprints.
    pub mode: Mode,
    /// Stop cleanly (verdict incomplete) before the store would use more
    /// bytes than this.
    pub memory: Option<u64>,
    /// Set from elsewhere (e.g. on Ctrl-C) to stop cleanly between blocks.
    pub interrupt: Option<Arc<AtomicBool>>,
    /// Write the search's state to a directory from time to time and when
    /// interrupted (see [`checkpoint`]).
    pub checkpoint: Option<checkpoint::Checkpoint>,
    /// `--continue`: after a violation keep exploring, and report the first
    /// (shortest) violation of every property.
    pub keep_going: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            deadlock: true,
            max_states: None,
            threads: 1,
            mode: Mode::Exact,
            memory: None,
            interrupt: None,
            checkpoint: None,
            keep_going: false,
        }
    }
}

/// Counts as TLC gives them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct states stored.
    pub distinct: u64,
    /// Initial states plus every successor generated (TLC's "states generated").
    pub transitions: u64,
    /// BFS levels; the initial states are level 1.
    pub depth: u32,
    /// States waiting to be expanded.
    pub queued: u64,
    /// Wall time so far.
    pub elapsed: Duration,
    /// Bytes held by the store (and, in progress events, the frontier).
    pub memory: u64,
    /// How long the liveness phase took, when it ran.
    pub liveness: Option<Duration>,
    /// What partial-order reduction did, when on.
    pub por: Option<por::PorStats>,
    /// Under symmetry reduction: the time spent canonicalising (summed
    /// over threads).
    pub canonical: Option<Duration>,
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The action instance taken to reach this state; `None` for the initial state.
    pub action: Option<(ActionId, Vec<Value>)>,
    /// Every variable's value in this state, by `VarId`.
    pub state: Vec<Value>,
}

/// A path from an initial state; the last step is where the finding is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// The steps, the initial state first.
    pub steps: Vec<Step>,
}

/// What the exploration found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every property holds on the whole reachable state space.
    Holds,
    /// An invariant fails in the last state of the trace.
    InvariantViolated(PropertyId, Trace),
    /// The last state of the trace has no successor and no `terminal` holds.
    Deadlock(Trace),
    /// These `reachable` properties hold in no reachable state.
    Unreachable(Vec<PropertyId>),
    /// A runtime error while evaluating a property or the initial states;
    /// the trace leads to the state where it happened (empty for init).
    PropertyError(RuntimeError, Trace),
    /// A runtime error while taking an action from the last state of the trace.
    ActionError(ActionError, Trace),
    /// The spec has no initial state to explore (nothing was checked).
    NoInitialState(NoInitialState),
    /// Stopped early (`--max-states`, the memory budget, an interrupt);
    /// nothing was violated so far.
    Incomplete(StopReason),
    /// A fair behaviour violates this liveness property.
    LivenessViolated(LivenessId, Lasso),
}

impl Verdict {
    /// True when something is wrong with the spec: a violated property, a
    /// deadlock, an unreached `reachable` or a runtime error. `Holds` and
    /// `Incomplete` are not failures.
    pub fn is_failure(&self) -> bool {
        !matches!(self, Verdict::Holds | Verdict::Incomplete(_))
    }
}

/// Why a search stopped before it was complete (worded by `report`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// `--max-states` distinct states are stored.
    MaxStates,
    /// A shard of the state store is full.
    StoreFull,
    /// Storing more states would exceed the memory budget (`--memory`),
    /// of so many bytes.
    Memory(u64),
    /// Interrupted (Ctrl-C).
    Interrupted,
    /// The liveness graph reached this limit of states.
    LivenessLimit(u64),
    /// The liveness graph would exceed the memory budget of so many bytes.
    LivenessMemory(u64),
    /// Interrupted while the liveness graph was built.
    LivenessInterrupted,
    /// A checkpoint could not be written (the file and the system's error).
    CheckpointFailed(String),
}

impl StopReason {
    /// Whether the run was interrupted (Ctrl-C), in either phase.
    pub fn interrupted(&self) -> bool {
        matches!(
            self,
            StopReason::Interrupted | StopReason::LivenessInterrupted
        )
    }
}

/// Why a spec has no initial state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoInitialState {
    /// Every branch of `init` is dropped (a `require` that is false, a
    /// `choose` over an empty set).
    NoBranch,
    /// Initial states exist, but every one is outside a `constraint`; the
    /// first initial state is outside this one.
    OutsideConstraint(PropertyId),
}

/// The verdict with the statistics of the run.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// What was found.
    pub verdict: Verdict,
    /// With `--continue`: the other findings, each the first (shortest)
    /// violation of another property, in the order found.
    pub also: Vec<Verdict>,
    /// How much was explored.
    pub stats: Stats,
    /// In fingerprint mode: TLC's estimate of the probability that a
    /// fingerprint collision hid a state.
    pub collision_probability: Option<f64>,
    /// The directory of the last checkpoint this run wrote, if any.
    pub checkpointed: Option<std::path::PathBuf>,
    /// How often each action fired (counted by the safety search).
    pub coverage: Coverage,
}

/// Explore the model's state space breadth-first, stopping at the first
/// finding (in canonical order: lowest level, then generation order).
pub fn explore(model: &Model, options: &Options, observer: &mut dyn Observer) -> Outcome {
    observer.on(Event::Phase(Phase::Safety));
    let mut outcome = bfs::run(model, options, observer);
    liveness::after_safety(model, options, &mut outcome, observer);
    outcome
}

/// Continue the search saved in a checkpoint (read with
/// [`checkpoint::read`]), then check liveness as [`explore`] does.
pub fn resume(
    model: &Model,
    options: &Options,
    saved: checkpoint::Saved,
    observer: &mut dyn Observer,
) -> Outcome {
    observer.on(Event::Phase(Phase::Safety));
    let mut outcome = bfs::resume(model, options, saved, observer);
    liveness::after_safety(model, options, &mut outcome, observer);
    outcome
}

/// The safety search alone ([`explore`] without the liveness phase) over
/// any [`Space`]; generic so the hot path is monomorphised (used by the
/// engine benchmark).
pub fn explore_space<S: Space>(
    model: &S,
    options: &Options,
    observer: &mut dyn Observer,
) -> Outcome {
    bfs::run(model, options, observer)
}

/// A count with thousands separators: `1146` → `1,146`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
