//! Level-synchronous breadth-first search.
//!
//! Takes a model and options, gives an [`Outcome`]. The initial states form
//! level 1; each level is then expanded in blocks (see [`super::block`]):
//! parallel expansion into per-shard outboxes, then parallel insertion, one
//! thread per store shard. The search stops at the end of the first block
//! with a finding, and reports the finding with the lowest canonical key
//! (position of the expanded state in its level, then successor index):
//! the same for any number of threads, and at the lowest level, so the
//! trace is a shortest one. Between blocks it reports progress, and stops
//! cleanly on an interrupt, at `--max-states` or at the memory budget.

use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::time::Instant;

use rayon::prelude::*;

use crate::check::ir::PropertyId;

use super::block::{self, Arrivals, BLOCK, Batch, Chunk, Ctx, Fill, Frontier};
use super::checkpoint::{self, Saved, Snapshot};
use super::coverage::Coverage;
use super::expand::{self, Found, Place, Properties, keep_first, key};
use super::space::Space;
use super::store::{self, Inserted, NO_PARENT, SHARDS, StateId, Store};
use super::{Event, NoInitialState, Observer, Options, Outcome, Stats, StopReason, Verdict, trace};

/// Frontier states per chunk (a unit of parallel work), at most.
const CHUNK: usize = 512;

/// Why the search stopped early.
enum Stop {
    /// A violation or error.
    Found(Found),
    /// `--max-states` reached, or a shard is full.
    Full,
    /// The memory budget would be exceeded.
    Memory,
    /// Interrupted (Ctrl-C).
    Interrupted,
    /// A checkpoint could not be written (why).
    Checkpoint(String),
}

/// The search in progress.
struct Search<'m, S: Space> {
    model: &'m S,
    options: &'m Options,
    props: Properties,
    store: Store,
    /// `reachable` properties not yet seen true.
    pending: Vec<PropertyId>,
    /// Implication premises not yet seen true.
    premises: Vec<u32>,
    /// Stop before storing more states than this.
    limit: u64,
    stats: Stats,
    start: Instant,
    last_progress: Instant,
    /// Worker threads; `None` runs everything on the calling thread.
    pool: Option<rayon::ThreadPool>,
    /// One worker per thread, by rayon thread index.
    workers: Vec<Mutex<S::Worker>>,
    /// Reused from block to block.
    chunks: Vec<Chunk>,
    arrivals: Vec<Arrivals>,
    /// When the last checkpoint was written (or the search started).
    last_checkpoint: Instant,
    /// The directory of the last checkpoint written, if any.
    checkpointed: Option<std::path::PathBuf>,
    /// Enabled and successor counts (new states are counted in `arrivals`).
    coverage: Coverage,
    /// With `--continue`: the first violation of each invariant, and the
    /// first deadlock, in the order found.
    findings: Vec<Found>,
    /// Per shard: the states stored before the level being expanded (for
    /// partial-order reduction's cycle proviso).
    level_start: Vec<u32>,
}

/// Explore breadth-first. See the module header.
pub fn run<S: Space>(model: &S, options: &Options, observer: &mut dyn Observer) -> Outcome {
    search(model, options, None, observer)
}

/// Continue the search of a checkpoint (see [`super::checkpoint`]).
pub fn resume<S: Space>(
    model: &S,
    options: &Options,
    saved: Saved,
    observer: &mut dyn Observer,
) -> Outcome {
    search(model, options, Some(saved), observer)
}

/// A new search, or the rest of a saved one.
fn search<S: Space>(
    model: &S,
    options: &Options,
    saved: Option<Saved>,
    observer: &mut dyn Observer,
) -> Outcome {
    let props = Properties::of(model);
    let pending = props.reachables.clone();
    let threads = options.threads.max(1);
    let threads = threads.min(super::MAX_THREADS);
    let pool = super::threads::pool(threads);
    let start = Instant::now();
    let mut search = Search {
        model,
        options,
        props,
        store: Store::new(
            model.view_words().unwrap_or(model.state_words()),
            options.mode,
            model.interleavings().is_some(),
        ),
        level_start: Vec::new(),
        pending,
        premises: (0..model.premises() as u32).collect(),
        limit: options.max_states.unwrap_or(u64::MAX),
        stats: Stats::default(),
        start,
        last_progress: start,
        pool,
        workers: (0..threads).map(|_| Mutex::new(model.worker())).collect(),
        chunks: Vec::new(),
        arrivals: (0..SHARDS).map(|_| Arrivals::default()).collect(),
        last_checkpoint: start,
        checkpointed: None,
        coverage: Coverage {
            whole: saved.is_none(),
            ..Coverage::default()
        },
        findings: Vec::new(),
    };
    let verdict = match saved {
        None => search.levels(observer),
        Some(saved) => {
            search.store = saved.store;
            search.pending = saved.pending;
            search.stats = saved.stats;
            search.start = start.checked_sub(saved.stats.elapsed).unwrap_or(start);
            search.from(None, saved.frontier, saved.position, saved.next, observer)
        }
    };
    search.stats.elapsed = search.start.elapsed();
    search.stats.memory = search.store.bytes();
    search.stats.canonical = search
        .workers
        .iter()
        .map(|w| model.canonical_nanos(&w.lock().unwrap_or_else(|e| e.into_inner())))
        .sum::<Option<u64>>()
        .map(std::time::Duration::from_nanos);
    for arrivals in &search.arrivals {
        search.coverage.add_new(&arrivals.new);
        search.coverage.stands_for = search.coverage.stands_for.saturating_add(arrivals.orbits);
    }
    let collision_probability = (options.mode == store::Mode::Fingerprint)
        .then(|| store::collision_probability(search.stats.distinct, search.stats.transitions));
    let (verdict, also) = search.with_findings(verdict);
    Outcome {
        verdict,
        also,
        stats: search.stats,
        collision_probability,
        checkpointed: search.checkpointed,
        coverage: search.coverage,
    }
}

/// Run `f` on each item with the calling thread's worker, in parallel when
/// a pool exists.
fn par_each<T: Send, W: Send>(
    pool: &Option<rayon::ThreadPool>,
    workers: &[Mutex<W>],
    items: &mut [T],
    f: impl Fn(&mut W, usize, &mut T) + Sync,
) {
    let with_worker = |i: usize, item: &mut T| {
        let index = rayon::current_thread_index().unwrap_or(0) % workers.len();
        let mut worker = workers[index].lock().unwrap_or_else(|e| e.into_inner());
        f(&mut worker, i, item);
    };
    match pool {
        Some(pool) => pool.install(|| {
            items
                .par_iter_mut()
                .with_max_len(1)
                .enumerate()
                .for_each(|(i, item)| with_worker(i, item))
        }),
        None => items
            .iter_mut()
            .enumerate()
            .for_each(|(i, item)| with_worker(i, item)),
    }
}

impl<S: Space> Search<'_, S> {
    /// Run level after level until a finding, a limit, or no new state.
    fn levels(&mut self, observer: &mut dyn Observer) -> Verdict {
        let mut frontier = Frontier::default();
        let stop = self.initial(&mut frontier);
        if stop.is_none() && self.stats.distinct == 0 {
            return Verdict::NoInitialState(self.why_no_initial_state());
        }
        self.from(stop, frontier, 0, Frontier::default(), observer)
    }

    /// Go on from `position` in the level `frontier`, the next level so far
    /// being `next`, until a finding, a limit, or no new state.
    fn from(
        &mut self,
        mut stop: Option<Stop>,
        mut frontier: Frontier,
        mut position: usize,
        mut next: Frontier,
        observer: &mut dyn Observer,
    ) -> Verdict {
        while stop.is_none() && !frontier.is_empty() {
            self.stats.elapsed = self.start.elapsed();
            observer.on(Event::Level(self.stats));
            self.level_start = self.level_start(&next);
            stop = self.level(&frontier, position, &mut next, observer);
            position = 0;
            if !next.is_empty() {
                self.stats.depth += 1;
            }
            frontier = std::mem::take(&mut next);
        }
        self.stats.queued = frontier.len() as u64;
        self.coverage.exhausted = stop.is_none();
        self.coverage.vacuous = self.premises.clone();
        match stop {
            Some(Stop::Found(found)) => self.verdict(found),
            Some(Stop::Full) => Verdict::Incomplete(self.full_reason()),
            Some(Stop::Memory) => {
                Verdict::Incomplete(StopReason::Memory(self.options.memory.unwrap_or(0)))
            }
            Some(Stop::Interrupted) => Verdict::Incomplete(StopReason::Interrupted),
            Some(Stop::Checkpoint(why)) => Verdict::Incomplete(StopReason::CheckpointFailed(why)),
            None if self.pending.is_empty() => Verdict::Holds,
            None => Verdict::Unreachable(self.pending.clone()),
        }
    }

    /// Per shard: the states stored before the level being expanded, the
    /// next level so far being `next`.
    fn level_start(&self, next: &Frontier) -> Vec<u32> {
        let mut start: Vec<u32> = self.store.shards().iter().map(|s| s.len() as u32).collect();
        for &id in &next.ids {
            start[StateId(id).shard()] -= 1;
        }
        start
    }

    /// Level 1: the initial states, stored and checked in order.
    fn initial(&mut self, frontier: &mut Frontier) -> Option<Stop> {
        let width = self.model.state_words();
        let mut view = Vec::new();
        let mut states = Vec::new();
        let mut generated = 0usize;
        let mut initial = || {
            self.model.initial_states(&mut |s| {
                generated += 1;
                states.extend_from_slice(s);
            })
        };
        // On the pool, the model may give them from several threads.
        let found = match &self.pool {
            Some(pool) => pool.install(initial),
            None => initial(),
        };
        if let Err(error) = found {
            return Some(Stop::Found(Found {
                key: 0,
                place: Place::Start,
                finding: expand::Finding::PropertyError(error),
            }));
        }
        self.stats.transitions = generated as u64;
        let mut worker = self.model.worker();
        let (model, props) = (self.model, &self.props);
        let mut found = None;
        let mut stop = None;
        for index in 0..generated {
            let state = &states[index * width..(index + 1) * width];
            let at = |place, finding| Found {
                key: key(0, index as u32),
                place,
                finding,
            };
            let outside = || Place::Outside {
                parent: None,
                words: state.to_vec(),
                action: None,
            };
            match expand::satisfies_all(model, &mut worker, &props.constraints, state) {
                Err(error) => {
                    keep_first(
                        &mut found,
                        Some(at(outside(), expand::Finding::PropertyError(error))),
                    );
                    break;
                }
                Ok(false) if found.is_none() => {
                    let finding = expand::check_initial(
                        model,
                        &mut worker,
                        props,
                        &mut Vec::new(),
                        state,
                        &mut Vec::new(),
                    );
                    found = finding.map(|f| at(outside(), f));
                }
                Ok(false) => {}
                Ok(true) => {
                    let stored = match model.stored(&mut worker, state, &mut view) {
                        Ok(stored) => stored,
                        Err(error) => {
                            let finding = expand::Finding::PropertyError(error);
                            keep_first(&mut found, Some(at(outside(), finding)));
                            break;
                        }
                    };
                    let hash = self.store.hash(stored);
                    let s = Store::shard_of(hash);
                    let shard = &mut self.store.shards_mut()[s];
                    if self.stats.distinct >= self.limit && !shard.contains(hash, stored) {
                        stop = Some(Stop::Full);
                        break;
                    }
                    let id = match shard.insert(hash, stored, NO_PARENT) {
                        Inserted::New(local) => StateId::new(local, s),
                        Inserted::Old => continue,
                        Inserted::Full => {
                            stop = Some(Stop::Full);
                            break;
                        }
                    };
                    self.stats.distinct += 1;
                    if let Some(n) = model.orbit(&mut worker, state) {
                        self.coverage.stands_for = self.coverage.stands_for.saturating_add(n);
                    }
                    let premises = &mut self.premises;
                    expand::check_premises(model, &mut worker, premises, state, &mut Vec::new());
                    frontier.words.extend_from_slice(state);
                    frontier.ids.push(id.0);
                    if found.is_none() {
                        let mut met = Vec::new();
                        let finding = expand::check_initial(
                            model,
                            &mut worker,
                            props,
                            &mut self.pending,
                            state,
                            &mut met,
                        );
                        self.coverage.reachable_initially.extend(met);
                        found = finding.map(|f| at(Place::Stored(id), f));
                    }
                }
            }
        }
        if !frontier.is_empty() {
            self.stats.depth = 1;
        }
        self.coverage.initial = self.stats.distinct;
        found.map(Stop::Found).or(stop)
    }

    /// Why no initial state was stored: `init` gave none, or the first one
    /// is outside this constraint.
    fn why_no_initial_state(&self) -> NoInitialState {
        let mut first = None;
        // Computing the initial states succeeded a moment ago.
        let _ = self.model.initial_states(&mut |s| {
            if first.is_none() {
                first = Some(s.to_vec());
            }
        });
        let Some(first) = first else {
            return NoInitialState::NoBranch;
        };
        let mut worker = self.model.worker();
        let constraints = &self.props.constraints;
        let outside = constraints
            .iter()
            .copied()
            .find(|&c| self.model.check(&mut worker, c, &first) == Ok(false));
        match outside.or(constraints.first().copied()) {
            Some(c) => NoInitialState::OutsideConstraint(c),
            None => NoInitialState::NoBranch,
        }
    }

    /// Expand one level, block by block, into `next`.
    fn level(
        &mut self,
        frontier: &Frontier,
        from: usize,
        next: &mut Frontier,
        observer: &mut dyn Observer,
    ) -> Option<Stop> {
        for start in (from..frontier.len()).step_by(BLOCK) {
            let end = (start + BLOCK).min(frontier.len());
            self.stats.queued = (frontier.len() - start + next.len()) as u64;
            self.progress(observer, frontier, next);
            let interrupted = self
                .options
                .interrupt
                .as_ref()
                .is_some_and(|flag| flag.load(Ordering::Relaxed));
            if let Some(checkpoint) = &self.options.checkpoint
                && (interrupted || self.last_checkpoint.elapsed() >= checkpoint.every)
            {
                self.stats.elapsed = self.start.elapsed();
                let snapshot = Snapshot {
                    stats: &self.stats,
                    pending: &self.pending,
                    frontier,
                    position: start,
                    next,
                    store: &self.store,
                };
                if let Err(error) = checkpoint::write(checkpoint, &snapshot) {
                    return Some(Stop::Checkpoint(format!(
                        "cannot write {}: {error}",
                        checkpoint.file().display()
                    )));
                }
                self.last_checkpoint = Instant::now();
                self.checkpointed = Some(checkpoint.dir.clone());
            }
            if interrupted {
                return Some(Stop::Interrupted);
            }
            if let Some(stop) = self.block(frontier, start..end, next) {
                return Some(stop);
            }
        }
        None
    }

    /// A progress event, about once a second.
    fn progress(&mut self, observer: &mut dyn Observer, frontier: &Frontier, next: &Frontier) {
        if self.last_progress.elapsed().as_secs_f64() >= 1.0 {
            self.last_progress = Instant::now();
            self.stats.elapsed = self.start.elapsed();
            self.stats.memory = self.store.bytes() + frontier.bytes() + next.bytes();
            observer.on(Event::Progress(self.stats));
        }
    }

    /// One block: expand, check the budget, store. See [`super::block`].
    fn block(
        &mut self,
        frontier: &Frontier,
        range: std::ops::Range<usize>,
        next: &mut Frontier,
    ) -> Option<Stop> {
        let deadlocked = self
            .findings
            .iter()
            .any(|f| matches!(f.finding, expand::Finding::Deadlock));
        let ctx = Ctx {
            model: self.model,
            props: &self.props,
            deadlock: self.options.deadlock && !deadlocked,
            keep_going: self.options.keep_going,
            frontier,
            width: self.model.state_words(),
            view_width: self.model.view_words(),
            por: self
                .model
                .interleavings()
                .map(|il| (il, &self.level_start[..])),
        };
        let threads = self.options.threads.max(1);
        let chunk_len = range.len().div_ceil(threads * 8).clamp(1, CHUNK);
        let n_chunks = range.len().div_ceil(chunk_len);
        if self.chunks.len() < n_chunks {
            self.chunks.resize_with(n_chunks, Chunk::default);
        }
        let chunks = &mut self.chunks[..n_chunks];
        let store = &self.store;
        par_each(&self.pool, &self.workers, chunks, |worker, i, chunk| {
            let from = range.start + i * chunk_len;
            ctx.expand(
                worker,
                store,
                from..(from + chunk_len).min(range.end),
                chunk,
            );
        });
        let chunks = &self.chunks[..n_chunks];
        let (stop, generated, mut found) = block::first_stop(chunks);
        self.stats.transitions += generated;
        if self.model.interleavings().is_some() {
            let por = self.stats.por.get_or_insert_with(Default::default);
            chunks.iter().for_each(|c| por.add(&c.por));
        }
        block::tally(chunks, &mut self.coverage);
        let stop_key = stop.as_ref().map_or(u64::MAX, |s| s.key);
        let wanted = block::candidates(chunks);
        if self.over_budget(&wanted, frontier, next) {
            return Some(Stop::Memory);
        }
        let total: u64 = wanted.iter().map(|&n| n as u64).sum();
        let mut room = (self.store.len() + total > self.limit)
            .then(|| self.limit.saturating_sub(self.store.len()));
        let batch = Batch {
            chunks,
            stop_key,
            pending: &self.pending,
            premises: &self.premises,
        };
        let shards = self.store.shards_mut();
        let mut pairs: Vec<_> = shards.iter_mut().zip(self.arrivals.iter_mut()).collect();
        match room.as_mut() {
            // Near the limit: one shard after the other, so the states kept
            // do not depend on the threads.
            Some(room) => {
                let mut worker = self.workers[0].lock().unwrap_or_else(|e| e.into_inner());
                for (index, (shard, arrivals)) in pairs.iter_mut().enumerate() {
                    let job = Fill {
                        index,
                        shard,
                        arrivals,
                        room: Some(&mut *room),
                    };
                    ctx.fill(&mut worker, &batch, job);
                }
            }
            None => par_each(
                &self.pool,
                &self.workers,
                &mut pairs,
                |worker, index, (shard, arrivals)| {
                    let job = Fill {
                        index,
                        shard,
                        arrivals,
                        room: None,
                    };
                    ctx.fill(worker, &batch, job);
                },
            ),
        }
        block::gather(&mut self.arrivals, range, self.model.state_words(), next);
        let mut more = block::more(chunks);
        let mut full = false;
        for arrivals in &mut self.arrivals {
            more.append(&mut arrivals.more);
            self.premises.retain(|p| !arrivals.premises_met.contains(p));
            arrivals.premises_met.clear();
            self.pending.retain(|p| !arrivals.met.contains(p));
            arrivals.met.clear();
            keep_first(&mut found, arrivals.found.take());
            full |= std::mem::take(&mut arrivals.full);
        }
        self.stats.distinct = self.store.len();
        self.record(more);
        keep_first(&mut found, stop);
        match found {
            Some(found) => Some(Stop::Found(found)),
            None if full => Some(Stop::Full),
            None => None,
        }
    }

    /// Whether storing `wanted` more states per shard could break the
    /// memory budget (counting table growth and the next frontier).
    fn over_budget(&self, wanted: &[usize], frontier: &Frontier, next: &Frontier) -> bool {
        let Some(limit) = self.options.memory else {
            return false;
        };
        let per_state = (self.store.bytes_per_state() + self.model.state_words() * 8 + 4) as u64;
        let growth: u64 = wanted
            .iter()
            .enumerate()
            .map(|(s, &n)| n as u64 * per_state + self.store.growth_bytes(s, n) as u64)
            .sum();
        let buffers: u64 = self.chunks.iter().map(Chunk::bytes).sum();
        self.store.bytes() + frontier.bytes() + next.bytes() + buffers + growth > limit
    }

    /// With `--continue`: keep the first of this block's findings for each
    /// invariant not violated before (and the first deadlock), and check
    /// that invariant no more.
    fn record(&mut self, mut more: Vec<Found>) {
        more.sort_by_key(|f| f.key);
        for found in more {
            let new = match &found.finding {
                expand::Finding::Invariant(id) => {
                    let active =
                        self.props.invariants.contains(id) || self.props.transitions.contains(id);
                    self.props.invariants.retain(|i| i != id);
                    self.props.transitions.retain(|i| i != id);
                    active
                }
                expand::Finding::Deadlock => !self
                    .findings
                    .iter()
                    .any(|f| matches!(f.finding, expand::Finding::Deadlock)),
                _ => true,
            };
            if new {
                self.findings.push(found);
            }
        }
    }

    /// The verdict with the `--continue` findings: the first one found is
    /// the verdict, the others (and the search's own verdict, unless it
    /// held) follow, in the order found.
    fn with_findings(&self, verdict: Verdict) -> (Verdict, Vec<Verdict>) {
        let mut all: Vec<Verdict> = self
            .findings
            .iter()
            .map(|f| self.verdict(f.clone()))
            .collect();
        if all.is_empty() {
            return (verdict, Vec::new());
        }
        if verdict != Verdict::Holds {
            all.push(verdict);
        }
        let first = all.remove(0);
        (first, all)
    }

    /// The verdict for a finding, with its trace.
    fn verdict(&self, found: Found) -> Verdict {
        let trace = trace::rebuild(self.model, &self.store, &found.place);
        match found.finding {
            expand::Finding::Invariant(id) => Verdict::InvariantViolated(id, trace),
            expand::Finding::Deadlock => Verdict::Deadlock(trace),
            expand::Finding::PropertyError(error) => Verdict::PropertyError(error, trace),
            expand::Finding::ActionError(error) => Verdict::ActionError(error, trace),
        }
    }

    /// Why the search stopped at the limit.
    fn full_reason(&self) -> StopReason {
        if self
            .options
            .max_states
            .is_some_and(|max| self.store.len() >= max)
        {
            StopReason::MaxStates
        } else {
            StopReason::StoreFull
        }
    }
}
