//! Level-synchronous breadth-first search.
//!
//! Takes a model and options, gives an [`Outcome`]. Each level runs in
//! three phases:
//! 1. *expand* (parallel): the frontier is cut into runs of states; each run
//!    becomes a [`Batch`] of successors not stored in earlier levels, with
//!    their constraint verdicts, and any error or deadlock found;
//! 2. *store* (sequential, in frontier order): successors go into the store;
//!    the new ones form the next frontier and the list of states to check;
//! 3. *check* (parallel): invariants on every new state and on every
//!    successor outside a constraint, pending `reachable`s on new states;
//!    the first finding in list order wins.
//!
//! Because phase 2 follows the frontier order and phase 3 picks the first
//! finding by position, ids, counts and the reported trace are the same for
//! any number of threads.

use std::time::Instant;

use rayon::prelude::*;

use crate::check::ir::PropertyId;

use super::expand::{self, Batch, Finding, Place, Properties};
use super::seen::{self, SeenSet, StateId};
use super::space::Space;
use super::{Event, Observer, Options, Outcome, Stats, Verdict, group_digits, trace};

/// States expanded (or checked) per parallel work item, at most.
const RUN: usize = 256;

/// Why a level ended the search.
enum Stop {
    /// A violation or error, and where.
    Found(Place, Finding),
    /// The store reached its limit.
    Full,
}

/// A state to check in phase 3.
enum Check {
    /// A new stored state.
    Stored(StateId),
    /// A successor outside a constraint: batch `batch`, slot `slot`.
    Outside {
        parent: Option<StateId>,
        batch: usize,
        slot: usize,
    },
}

/// The search in progress.
struct Search<'m> {
    model: &'m dyn Space,
    options: &'m Options,
    props: Properties,
    seen: SeenSet,
    /// `reachable` properties not yet seen true.
    pending: Vec<PropertyId>,
    /// Stop before storing more states than this.
    limit: u64,
    stats: Stats,
    start: Instant,
    last_progress: Instant,
    /// Worker threads; `None` runs everything on the calling thread.
    pool: Option<rayon::ThreadPool>,
}

/// Explore breadth-first. See the module header.
pub fn run(model: &dyn Space, options: &Options, observer: &mut dyn Observer) -> Outcome {
    let props = Properties::of(model);
    let pending = props.reachables.clone();
    let pool = (options.threads > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(options.threads)
                .build()
                .ok()
        })
        .flatten();
    let start = Instant::now();
    let mut search = Search {
        model,
        options,
        props,
        seen: SeenSet::new(model.state_words()),
        pending,
        limit: options.max_states.unwrap_or(u64::MAX).min(seen::CAPACITY),
        stats: Stats::default(),
        start,
        last_progress: start,
        pool,
    };
    let verdict = search.levels(observer);
    search.stats.elapsed = search.start.elapsed();
    Outcome {
        verdict,
        stats: search.stats,
    }
}

impl Search<'_> {
    /// Run level after level until a finding, the limit, or no new state.
    fn levels(&mut self, observer: &mut dyn Observer) -> Verdict {
        let mut frontier = Vec::new();
        let initial = vec![expand::initial_batch(self.model, &self.props)];
        let mut stop = self.absorb(&initial, &mut frontier);
        while stop.is_none() && !frontier.is_empty() {
            self.stats.elapsed = self.start.elapsed();
            observer.on(Event::Level(self.stats));
            if self.last_progress.elapsed().as_secs() >= 1 {
                self.last_progress = Instant::now();
                observer.on(Event::Progress(self.stats));
            }
            let batches = self.expand(&frontier);
            let mut next = Vec::new();
            stop = self.absorb(&batches, &mut next);
            frontier = next;
        }
        match stop {
            Some(Stop::Found(place, finding)) => self.verdict(&place, finding),
            Some(Stop::Full) => Verdict::Incomplete(self.full_reason()),
            None if self.pending.is_empty() => Verdict::Holds,
            None => Verdict::Unreachable(self.pending.clone()),
        }
    }

    /// Phase 1: expand the frontier, in runs, in parallel when allowed.
    fn expand(&self, frontier: &[StateId]) -> Vec<Batch> {
        let (model, props, seen) = (self.model, &self.props, &self.seen);
        let deadlock = self.options.deadlock;
        self.par_runs(frontier, |ids| {
            expand::expand_run(model, props, seen, ids, deadlock)
        })
    }

    /// Phases 2 and 3: store the batches' successors in order, then check
    /// the new states. New ids go to `next`.
    fn absorb(&mut self, batches: &[Batch], next: &mut Vec<StateId>) -> Option<Stop> {
        let mut checks = Vec::new();
        let stop = self.store(batches, next, &mut checks);
        if !next.is_empty() {
            self.stats.depth += 1;
        }
        self.stats.distinct = self.seen.len() as u64;
        self.stats.queued = next.len() as u64;
        match self.check(batches, &checks) {
            Some(found) => Some(found),
            None => stop,
        }
    }

    /// Phase 2: walk the batches in order, storing successors inside the
    /// constraints and listing what phase 3 must check.
    fn store(
        &mut self,
        batches: &[Batch],
        next: &mut Vec<StateId>,
        checks: &mut Vec<Check>,
    ) -> Option<Stop> {
        let width = self.seen.width();
        for (b, batch) in batches.iter().enumerate() {
            let mut slot = 0;
            for expanded in &batch.states {
                self.stats.transitions += expanded.generated;
                for k in slot..slot + expanded.kept {
                    let words = &batch.words[k * width..(k + 1) * width];
                    if !batch.in_model[k] {
                        let parent = expanded.id;
                        checks.push(Check::Outside {
                            parent,
                            batch: b,
                            slot: k,
                        });
                        continue;
                    }
                    if self.seen.len() as u64 >= self.limit && self.seen.find(words).is_none() {
                        return Some(Stop::Full);
                    }
                    let (id, new) = self.seen.insert(words, expanded.id);
                    if new {
                        checks.push(Check::Stored(id));
                        next.push(id);
                    }
                }
                slot += expanded.kept;
                if let Some((place, finding)) = &expanded.finding {
                    return Some(Stop::Found(place.clone(), finding.clone()));
                }
            }
        }
        None
    }

    /// Phase 3: check the listed states; the first finding in list order.
    fn check(&mut self, batches: &[Batch], checks: &[Check]) -> Option<Stop> {
        let (model, props, seen) = (self.model, &self.props, &self.seen);
        let pending = &self.pending;
        let width = seen.width();
        let results = self.par_runs(checks, |run| {
            let mut met = Vec::new();
            for (i, check) in run.iter().enumerate() {
                let (words, reachables) = match check {
                    Check::Stored(id) => (seen.get(*id), pending.as_slice()),
                    Check::Outside { batch, slot, .. } => (
                        &batches[*batch].words[slot * width..(slot + 1) * width],
                        &[][..],
                    ),
                };
                if let Some(finding) =
                    expand::check_state(model, props, reachables, words, &mut met)
                {
                    return (met, Some((i, finding)));
                }
            }
            (met, None)
        });
        for (run, (met, found)) in results.into_iter().enumerate() {
            self.pending.retain(|p| !met.contains(p));
            if let Some((i, finding)) = found {
                let place = match &checks[run * self.run_len(checks.len()) + i] {
                    Check::Stored(id) => Place::Stored(*id),
                    Check::Outside {
                        parent,
                        batch,
                        slot,
                    } => Place::Outside {
                        parent: *parent,
                        words: batches[*batch].words[slot * width..(slot + 1) * width].to_vec(),
                    },
                };
                return Some(Stop::Found(place, finding));
            }
        }
        None
    }

    /// Apply `f` to consecutive runs of `items`, in parallel when a pool
    /// exists; the results come back in order.
    fn par_runs<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
        let len = self.run_len(items.len());
        match &self.pool {
            Some(pool) => pool.install(|| items.par_chunks(len).map(&f).collect()),
            None => items.chunks(len).map(f).collect(),
        }
    }

    /// The run length for `n` items: a few runs per thread, at most [`RUN`].
    fn run_len(&self, n: usize) -> usize {
        let threads = self.options.threads.max(1);
        n.div_ceil(threads * 4).clamp(1, RUN)
    }

    /// The verdict for a finding, with its trace.
    fn verdict(&self, place: &Place, finding: Finding) -> Verdict {
        let trace = trace::rebuild(self.model, &self.seen, place);
        match finding {
            Finding::Invariant(id) => Verdict::InvariantViolated(id, trace),
            Finding::Deadlock => Verdict::Deadlock(trace),
            Finding::PropertyError(error) => Verdict::PropertyError(error, trace),
            Finding::ActionError(error) => Verdict::ActionError(error, trace),
        }
    }

    /// Why the search stopped at the limit.
    fn full_reason(&self) -> String {
        let stored = group_digits(self.seen.len() as u64);
        if self
            .options
            .max_states
            .is_some_and(|max| max <= seen::CAPACITY)
        {
            format!("stopped after {stored} distinct states (--max-states)")
        } else {
            format!("stopped after {stored} distinct states: the state store is full")
        }
    }
}
