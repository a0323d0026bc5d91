//! One block of a level: a run of at most [`BLOCK`] frontier states,
//! expanded and stored in two parallel phases.
//!
//! 1. *expand*: the block is cut into chunks; each thread expands whole
//!    chunks (with its own [`Space::Worker`]) and sorts the successors
//!    inside the constraints into one [`Outbox`] per store shard, each
//!    with its canonical key. Successors outside a constraint are checked
//!    against the invariants right away, never stored.
//! 2. *store*: each shard is filled by one thread, reading its outboxes in
//!    chunk order, that is in canonical order; new states are checked
//!    (invariants, pending `reachable`s) by the same thread and become
//!    that shard's [`Arrivals`].
//!
//! The next frontier is the arrivals of shard 0, 1, … of each block in
//! turn: which thread did what never shows, so ids, counts and the first
//! finding (by key) are the same for any number of threads. The block
//! bounds the memory of the outboxes, whatever the level's size.

use std::ops::Range;

use crate::check::ir::{ActionId, Interleavings, PropertyId};

use super::coverage::{self, Tally};
use super::expand::{self, Finding, Found, Place, Properties, keep_first, key};
use super::por::{self, PorStats};
use super::space::Space;
use super::store::{Inserted, SHARDS, Shard, StateId, Store};

/// Frontier states per block.
pub const BLOCK: usize = 1 << 15;

/// Outbox entries to look ahead when prefetching table slots.
const PREFETCH: usize = 8;

/// A level's states waiting to be expanded, in canonical order.
#[derive(Debug, Default)]
pub struct Frontier {
    /// The states' words, one after another.
    pub words: Vec<u64>,
    /// Their ids (for the parent links of their successors).
    pub ids: Vec<u32>,
}

impl Frontier {
    /// States in the frontier.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no state is left.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The words of the state at `position`.
    pub fn state(&self, position: usize, width: usize) -> &[u64] {
        &self.words[position * width..(position + 1) * width]
    }

    /// Bytes held.
    pub fn bytes(&self) -> u64 {
        (self.words.capacity() * 8 + self.ids.capacity() * 4) as u64
    }

    fn push(&mut self, words: &[u64], id: StateId) {
        push_words(&mut self.words, words, words.len());
        self.ids.push(id.0);
    }
}

/// Append a state's words; one-word states (the common case for packed
/// states) without a call to `memmove`.
#[inline]
fn push_words(to: &mut Vec<u64>, words: &[u64], width: usize) {
    if width == 1 {
        to.push(words[0]);
    } else {
        to.extend_from_slice(words);
    }
}

/// Successors bound for one shard, in canonical order.
#[derive(Debug, Default)]
pub struct Outbox {
    hashes: Vec<u64>,
    keys: Vec<u64>,
    /// What the store keeps for each successor (the state, or its view).
    words: Vec<u64>,
    /// With a view: the successors themselves.
    states: Vec<u64>,
    /// The action that generated each successor (for coverage).
    actions: Vec<u32>,
}

impl Outbox {
    fn clear(&mut self) {
        self.hashes.clear();
        self.keys.clear();
        self.words.clear();
        self.states.clear();
        self.actions.clear();
    }

    fn bytes(&self) -> u64 {
        ((self.hashes.capacity()
            + self.keys.capacity()
            + self.words.capacity()
            + self.states.capacity())
            * 8
            + self.actions.capacity() * 4) as u64
    }
}

/// What expanding one chunk gave.
#[derive(Debug, Default)]
pub struct Chunk {
    /// One outbox per shard.
    outboxes: Vec<Outbox>,
    /// Successors generated (up to and including the state that stopped).
    generated: u64,
    /// An error or deadlock that ends the expansion of this chunk.
    stop: Option<Found>,
    /// The first invariant violation among successors outside a constraint.
    found: Option<Found>,
    /// With `--continue`: every invariant violation and deadlock, in order.
    more: Vec<Found>,
    /// The current state's successors (reused from state to state).
    successors: Vec<u64>,
    /// The action of each of them.
    actions: Vec<u32>,
    /// Scratch space for a successor's view.
    view: Vec<u64>,
    /// With partial-order reduction: the unit of each successor.
    units: Vec<u32>,
    /// Scratch space for choosing ample units.
    ample: por::Scratch,
    /// What the reduction did in this chunk.
    pub por: PorStats,
    /// Enabled and successor counts per action.
    tally: Tally,
}

impl Chunk {
    fn clear(&mut self) {
        self.outboxes.resize_with(SHARDS, Outbox::default);
        self.outboxes.iter_mut().for_each(Outbox::clear);
        self.generated = 0;
        self.stop = None;
        self.found = None;
        self.more.clear();
        self.por = PorStats::default();
        self.tally.clear();
    }

    /// Bytes held by the outboxes.
    pub fn bytes(&self) -> u64 {
        self.outboxes.iter().map(Outbox::bytes).sum()
    }
}

/// The new states of one shard in one block, and what checking them found.
#[derive(Debug, Default)]
pub struct Arrivals {
    /// The new states, in insertion order.
    pub frontier: Frontier,
    /// Their canonical keys (increasing).
    pub keys: Vec<u64>,
    /// The first finding among them.
    pub found: Option<Found>,
    /// With `--continue`: every invariant violation among them.
    pub more: Vec<Found>,
    /// Implication premises that hold in one of them.
    pub premises_met: Vec<u32>,
    /// `reachable`s that hold in one of them.
    pub met: Vec<PropertyId>,
    /// The shard (or the `--max-states` limit) had no room for a new state.
    pub full: bool,
    /// New states stored, by the action that reached them (for coverage;
    /// kept from block to block).
    pub new: Vec<u64>,
    /// Under symmetry reduction, the states the new ones stand for (kept
    /// from block to block).
    pub orbits: u128,
}

/// One expanded state: its position in the level, its id, and its
/// successors' words.
#[derive(Clone, Copy)]
struct Expanded<'a> {
    position: usize,
    id: StateId,
    successors: &'a [u64],
    actions: &'a [u32],
    generated: u32,
}

/// What phase 2 reads for every shard: the block's chunks, the key of the
/// first stop (states from it on are not stored) and the `reachable`s not
/// yet met.
pub struct Batch<'a> {
    /// The block's chunks, in order.
    pub chunks: &'a [Chunk],
    /// The canonical key of the first stop (`u64::MAX`: none).
    pub stop_key: u64,
    /// `reachable` properties not yet seen true.
    pub pending: &'a [PropertyId],
    /// Implication premises not yet seen true.
    pub premises: &'a [u32],
}

/// One shard's part of phase 2.
pub struct Fill<'a> {
    /// The shard's index.
    pub index: usize,
    /// Its store.
    pub shard: &'a mut Shard,
    /// Where its new states go.
    pub arrivals: &'a mut Arrivals,
    /// At most this many new states (near `--max-states`).
    pub room: Option<&'a mut u64>,
}

/// What both phases read.
pub struct Ctx<'a, S: Space> {
    /// The model.
    pub model: &'a S,
    /// Its properties.
    pub props: &'a Properties,
    /// Report deadlocks.
    pub deadlock: bool,
    /// `--continue`: record invariant violations and deadlocks in `more`
    /// and go on; only errors stop.
    pub keep_going: bool,
    /// The level being expanded.
    pub frontier: &'a Frontier,
    /// Words per state.
    pub width: usize,
    /// With a `view`: the words of a view, which the store keeps.
    pub view_width: Option<usize>,
    /// With partial-order reduction: the units and the store's size per
    /// shard before this level.
    pub por: Option<(&'a Interleavings, &'a [u32])>,
}

impl<S: Space> Ctx<'_, S> {
    /// Phase 1: expand the states at `range` (level positions) into `chunk`.
    pub fn expand(
        &self,
        worker: &mut S::Worker,
        store: &Store,
        range: Range<usize>,
        chunk: &mut Chunk,
    ) {
        chunk.clear();
        for position in range {
            let state = self.frontier.state(position, self.width);
            let id = StateId(self.frontier.ids[position]);
            let mut successors = std::mem::take(&mut chunk.successors);
            let mut actions = std::mem::take(&mut chunk.actions);
            successors.clear();
            actions.clear();
            let width = self.width;
            let result = match self.por {
                None => self.model.step(worker, state, &mut |action, succ| {
                    actions.push(action.0);
                    push_words(&mut successors, succ, width);
                }),
                Some((il, level_start)) => {
                    let units = &mut chunk.units;
                    units.clear();
                    let result = self
                        .model
                        .unit_steps(worker, state, &mut |action, unit, succ| {
                            actions.push(action.0);
                            units.push(unit);
                            push_words(&mut successors, succ, width);
                        });
                    if result.is_ok() {
                        let reduction = Reduction {
                            il,
                            level_start,
                            store,
                            width,
                        };
                        reduction.apply(&mut successors, &mut actions, chunk);
                    }
                    result
                }
            };
            let generated = actions.len() as u32;
            for &action in &actions {
                chunk.tally.fired(ActionId(action), position);
            }
            chunk.generated += u64::from(generated);
            let stop = match result {
                Err(error) => Some(Found {
                    key: key(position, 0),
                    place: Place::Stored(id),
                    finding: expand::Finding::ActionError(error),
                }),
                Ok(()) if generated == 0 && self.deadlock => {
                    let found =
                        expand::deadlock_at(self.model, worker, self.props, state).map(|finding| {
                            Found {
                                key: key(position, u32::MAX),
                                place: Place::Stored(id),
                                finding,
                            }
                        });
                    match found {
                        Some(f) if self.keep_going && matches!(f.finding, Finding::Deadlock) => {
                            chunk.more.push(f);
                            None
                        }
                        found => found,
                    }
                }
                Ok(()) => {
                    let expanded = Expanded {
                        position,
                        id,
                        successors: &successors,
                        actions: &actions,
                        generated,
                    };
                    self.sort(worker, store, &expanded, chunk)
                }
            };
            chunk.successors = successors;
            chunk.actions = actions;
            if stop.is_some() {
                chunk.stop = stop;
                break;
            }
        }
    }

    /// Put a state's successors in their outboxes, checking those outside
    /// a constraint; an error evaluating a constraint stops the chunk.
    fn sort(
        &self,
        worker: &mut S::Worker,
        store: &Store,
        expanded: &Expanded<'_>,
        chunk: &mut Chunk,
    ) -> Option<Found> {
        let width = self.width;
        let Expanded {
            position,
            id: parent,
            successors,
            actions,
            generated,
        } = *expanded;
        let mut step = Vec::new();
        let mut view = std::mem::take(&mut chunk.view);
        for index in 0..generated {
            let succ = &successors[index as usize * width..(index as usize + 1) * width];
            let action = ActionId(actions[index as usize]);
            let outside = |finding| Found {
                key: key(position, index),
                place: Place::Outside {
                    parent: Some(parent),
                    words: succ.to_vec(),
                    action: Some(action),
                },
                finding,
            };
            if !self.props.transitions.is_empty() {
                let before = self.frontier.state(position, width);
                let props = self.props;
                match expand::check_step(
                    self.model,
                    worker,
                    props,
                    (before, succ),
                    action,
                    &mut step,
                ) {
                    Some(Finding::PropertyError(error)) => {
                        return Some(outside(Finding::PropertyError(error)));
                    }
                    Some(finding) if self.keep_going => chunk.more.push(outside(finding)),
                    Some(finding) => keep_first(&mut chunk.found, Some(outside(finding))),
                    None => {}
                }
            }
            match expand::satisfies_all(self.model, worker, &self.props.constraints, succ) {
                Ok(true) => {
                    let stored = match self.model.stored(worker, succ, &mut view) {
                        Ok(stored) => stored,
                        Err(error) => return Some(outside(expand::Finding::PropertyError(error))),
                    };
                    let hash = store.hash(stored);
                    let outbox = &mut chunk.outboxes[Store::shard_of(hash)];
                    outbox.hashes.push(hash);
                    outbox.keys.push(key(position, index));
                    outbox.actions.push(actions[index as usize]);
                    match self.view_width {
                        None => push_words(&mut outbox.words, succ, width),
                        Some(w) => {
                            push_words(&mut outbox.words, stored, w);
                            push_words(&mut outbox.states, succ, width);
                        }
                    }
                }
                Ok(false) if self.keep_going => {
                    let mut violated = Vec::new();
                    let finding = expand::check_state_all(
                        self.model,
                        worker,
                        self.props,
                        &mut Vec::new(),
                        succ,
                        &mut Vec::new(),
                        &mut violated,
                    );
                    chunk
                        .more
                        .extend(violated.into_iter().map(|p| outside(Finding::Invariant(p))));
                    if let Some(finding) = finding {
                        return Some(outside(finding));
                    }
                }
                Ok(false) if chunk.found.is_none() => {
                    let finding = expand::check_state(
                        self.model,
                        worker,
                        self.props,
                        &mut Vec::new(),
                        succ,
                        &mut Vec::new(),
                    );
                    chunk.found = finding.map(outside);
                }
                Ok(false) => {}
                Err(error) => return Some(outside(expand::Finding::PropertyError(error))),
            }
        }
        chunk.view = view;
        None
    }

    /// Phase 2: store one shard's successors from every chunk of the
    /// batch, in order, up to (not including) its stop key. With `room`,
    /// store at most that many new states, then mark the arrivals full.
    pub fn fill(&self, worker: &mut S::Worker, batch: &Batch<'_>, job: Fill<'_>) {
        let Fill {
            index: s,
            shard,
            arrivals,
            mut room,
        } = job;
        let width = self.width;
        let stored_width = self.view_width.unwrap_or(width);
        let mut pending = batch.pending.to_vec();
        let mut premises = batch.premises.to_vec();
        let stop_key = batch.stop_key;
        for chunk in batch.chunks {
            let outbox = &chunk.outboxes[s];
            for (i, (&hash, &key)) in outbox.hashes.iter().zip(&outbox.keys).enumerate() {
                if let Some(&ahead) = outbox.hashes.get(i + PREFETCH) {
                    shard.prefetch(ahead);
                }
                if key >= stop_key {
                    break;
                }
                let words = &outbox.words[i * stored_width..(i + 1) * stored_width];
                let state = match self.view_width {
                    None => words,
                    Some(_) => &outbox.states[i * width..(i + 1) * width],
                };
                if room.as_deref().is_some_and(|&room| room == 0) {
                    if !shard.contains(hash, words) {
                        arrivals.full = true;
                        return;
                    }
                    continue;
                }
                let parent = self.frontier.ids[(key >> 32) as usize];
                let id = match shard.insert(hash, words, parent) {
                    Inserted::Old => continue,
                    Inserted::New(local) => StateId::new(local, s),
                    Inserted::Full => {
                        arrivals.full = true;
                        return;
                    }
                };
                if let Some(room) = room.as_deref_mut() {
                    *room -= 1;
                }
                coverage::count_new(&mut arrivals.new, outbox.actions[i]);
                if let Some(n) = self.model.orbit(worker, state) {
                    arrivals.orbits = arrivals.orbits.saturating_add(n);
                }
                if !premises.is_empty() {
                    expand::check_premises(
                        self.model,
                        worker,
                        &mut premises,
                        state,
                        &mut arrivals.premises_met,
                    );
                }
                arrivals.frontier.push(state, id);
                arrivals.keys.push(key);
                if self.keep_going && arrivals.found.is_none() {
                    let mut violated = Vec::new();
                    let finding = expand::check_state_all(
                        self.model,
                        worker,
                        self.props,
                        &mut pending,
                        state,
                        &mut arrivals.met,
                        &mut violated,
                    );
                    arrivals.more.extend(violated.into_iter().map(|p| Found {
                        key,
                        place: Place::Stored(id),
                        finding: Finding::Invariant(p),
                    }));
                    arrivals.found = finding.map(|finding| Found {
                        key,
                        place: Place::Stored(id),
                        finding,
                    });
                } else if arrivals.found.is_none() {
                    let finding = expand::check_state(
                        self.model,
                        worker,
                        self.props,
                        &mut pending,
                        state,
                        &mut arrivals.met,
                    );
                    keep_first(
                        &mut arrivals.found,
                        finding.map(|finding| Found {
                            key,
                            place: Place::Stored(id),
                            finding,
                        }),
                    );
                }
            }
        }
    }
}

/// Append the arrivals of every shard to `next` in canonical order (by
/// key: the position of the parent in `range`, then successor index), so
/// the next level's order is the order the states were first generated
/// in, whatever the shards. A counting sort by parent position, then an
/// insertion sort within each parent's few new successors. Empties the
/// arrivals' frontiers and keys.
pub fn gather(arrivals: &mut [Arrivals], range: Range<usize>, width: usize, next: &mut Frontier) {
    let mut starts = vec![0usize; range.len() + 1];
    for a in arrivals.iter() {
        for &key in &a.keys {
            starts[(key >> 32) as usize - range.start + 1] += 1;
        }
    }
    for p in 1..starts.len() {
        starts[p] += starts[p - 1];
    }
    let total = starts[range.len()];
    let base = next.len();
    next.ids.resize(base + total, 0);
    next.words.resize((base + total) * width, 0);
    let mut keys = vec![0u64; total];
    for a in arrivals.iter_mut() {
        for (i, &key) in a.keys.iter().enumerate() {
            let slot = &mut starts[(key >> 32) as usize - range.start];
            keys[*slot] = key;
            next.ids[base + *slot] = a.frontier.ids[i];
            let to = (base + *slot) * width;
            next.words[to..to + width].copy_from_slice(a.frontier.state(i, width));
            *slot += 1;
        }
        a.keys.clear();
        a.frontier.ids.clear();
        a.frontier.words.clear();
    }
    for j in 1..total {
        let mut k = j;
        while k > 0 && keys[k - 1] > keys[k] {
            keys.swap(k - 1, k);
            next.ids.swap(base + k - 1, base + k);
            for w in 0..width {
                next.words
                    .swap((base + k - 1) * width + w, (base + k) * width + w);
            }
            k -= 1;
        }
    }
}

/// The first stop among the chunks (they are in order), the transitions
/// generated up to it, and the first outside-constraint finding before it.
pub fn first_stop(chunks: &[Chunk]) -> (Option<Found>, u64, Option<Found>) {
    let mut generated = 0;
    let mut found = None;
    for chunk in chunks {
        generated += chunk.generated;
        keep_first(&mut found, chunk.found.clone());
        if let Some(stop) = &chunk.stop {
            let found = found.filter(|f: &Found| f.key < stop.key);
            return (Some(stop.clone()), generated, found);
        }
    }
    (None, generated, found)
}

/// Add the enabled and successor counts of `chunks` up to the first that
/// stopped (the chunks [`first_stop`] counts the transitions of).
pub fn tally(chunks: &[Chunk], coverage: &mut coverage::Coverage) {
    for chunk in chunks {
        coverage.add(&chunk.tally);
        if chunk.stop.is_some() {
            return;
        }
    }
}

/// With `--continue`: the invariant violations and deadlocks recorded by
/// `chunks` up to the first that stopped, before its stop.
pub fn more(chunks: &[Chunk]) -> Vec<Found> {
    let mut out = Vec::new();
    for chunk in chunks {
        match &chunk.stop {
            None => out.extend(chunk.more.iter().cloned()),
            Some(stop) => {
                out.extend(chunk.more.iter().filter(|f| f.key < stop.key).cloned());
                break;
            }
        }
    }
    out
}

/// How many successors each shard receives from `chunks`.
pub fn candidates(chunks: &[Chunk]) -> Vec<usize> {
    (0..SHARDS)
        .map(|s| chunks.iter().map(|c| c.outboxes[s].keys.len()).sum())
        .collect()
}

/// Partial-order reduction at one state (see [`super::por`]).
struct Reduction<'a> {
    il: &'a Interleavings,
    level_start: &'a [u32],
    store: &'a Store,
    width: usize,
}

impl Reduction<'_> {
    /// Keep only the ample units' successors (with their actions), unless
    /// there are none or one was stored before this level.
    fn apply(&self, successors: &mut Vec<u64>, actions: &mut Vec<u32>, chunk: &mut Chunk) {
        let started = std::time::Instant::now();
        let Chunk {
            units, ample, por, ..
        } = chunk;
        let width = self.width;
        por.states += 1;
        por.enabled += units.len() as u64;
        let succ = |i: usize| &successors[i * width..(i + 1) * width];
        if por::choose(self.il, units, ample).is_some() {
            let ample = &ample.ample;
            let old = (0..units.len())
                .filter(|&i| por::has(ample, units[i]))
                .any(|i| {
                    let hash = self.store.hash(succ(i));
                    self.store
                        .index_of(hash, succ(i))
                        .is_some_and(|local| local < self.level_start[Store::shard_of(hash)])
                });
            if old {
                por.proviso += 1;
            } else {
                let mut kept = 0;
                for i in 0..units.len() {
                    if por::has(ample, units[i]) {
                        successors.copy_within(i * width..(i + 1) * width, kept * width);
                        actions[kept] = actions[i];
                        kept += 1;
                    }
                }
                successors.truncate(kept * width);
                actions.truncate(kept);
                por.reduced += 1;
                por.pruned += (units.len() - kept) as u64;
            }
        }
        por.nanos += started.elapsed().as_nanos() as u64;
    }
}
