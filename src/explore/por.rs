//! Partial-order reduction: at each state, expand the successors of a
//! *stubborn* set of units instead of all of them (Valmari's strong
//! stubborn sets, over the units and relations of
//! [`Interleavings`]).
//!
//! The set is closed from one enabled unit: with an enabled unit, every
//! unit it depends on (see [`Interleavings::dependent`]); with a disabled
//! one, every unit that may enable it (a put on a queue enables a take
//! from it only when the queue is empty, so not while another take from
//! it is enabled); with an enabled *visible* unit
//! (one that may change what an invariant or a `reachable` reads), every
//! visible unit, enabled or not (Valmari's condition V: the visible steps
//! keep their order, so every sequence of the values properties read
//! stays reachable; a unit that changes what a constraint reads is
//! dependent on every unit). Its enabled units are *ample* when:
//! - they are not all the enabled units (else nothing is saved);
//! - none of their successors was stored before this level (the cycle
//!   proviso: a state that closes a cycle is expanded fully, so no step is
//!   postponed forever). The store before the level is the same for any
//!   number of threads, so the reduced search is too.
//!
//! Of the seeds that give ample units, the one with the fewest successors
//! wins (the first in unit order on a tie). Deadlocks, invariant and
//! `reachable` verdicts and runtime errors are those of the full search;
//! a counterexample is a real execution, not always a shortest one.

use crate::check::ir::Interleavings;

/// What the reduction did, for `--stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PorStats {
    /// States expanded.
    pub states: u64,
    /// States where only ample units were expanded.
    pub reduced: u64,
    /// States whose ample units were refused by the cycle proviso.
    pub proviso: u64,
    /// Successors of the expanded states, before the reduction.
    pub enabled: u64,
    /// Successors left out.
    pub pruned: u64,
    /// Nanoseconds spent choosing (closures and the proviso's lookups).
    pub nanos: u64,
}

impl PorStats {
    /// Add another chunk's counts.
    pub fn add(&mut self, other: &PorStats) {
        self.states += other.states;
        self.reduced += other.reduced;
        self.proviso += other.proviso;
        self.enabled += other.enabled;
        self.pruned += other.pruned;
        self.nanos += other.nanos;
    }
}

/// Per-thread scratch space for [`choose`].
#[derive(Debug, Default)]
pub struct Scratch {
    /// Successors per unit at this state.
    counts: Vec<u32>,
    enabled: Vec<u64>,
    set: Vec<u64>,
    stack: Vec<u32>,
    /// By set of enabled units: the enabled units of each stubborn set
    /// that is not all of them, in seed order, without repeats. A closure
    /// depends on the enabled units only, and states share few of those.
    candidates: hashbrown::HashMap<Units, Box<[Units]>>,
    /// The best ample units so far.
    pub ample: Vec<u64>,
}

/// A set of units, one bit each.
type Units = Box<[u64]>;

/// At most this many sets of enabled units are remembered per thread.
const MAX_REMEMBERED: usize = 1 << 16;

/// Whether bit `i` is set.
#[inline]
pub fn has(bits: &[u64], i: u32) -> bool {
    bits[i as usize / 64] >> (i % 64) & 1 == 1
}

/// Choose the units to expand at a state whose successors have the units
/// `units` (one per successor). `Some(n)`: expand only the successors
/// whose unit is in `scratch.ample`, `n` of them; `None`: expand all.
pub fn choose(il: &Interleavings, units: &[u32], scratch: &mut Scratch) -> Option<usize> {
    let n = il.units.len();
    let words = il.dependent.words();
    let Scratch {
        counts,
        enabled,
        set,
        stack,
        candidates,
        ample,
    } = scratch;
    // `counts` stays zero between calls: only the entries set here are
    // cleared again (a state has few units of many).
    counts.resize(n, 0);
    enabled.clear();
    enabled.resize(words, 0);
    if units.iter().any(|&u| u as usize >= n) {
        return None;
    }
    for &u in units {
        counts[u as usize] += 1;
        enabled[u as usize / 64] |= 1 << (u % 64);
    }
    // One lookup on a hit (the common case); the closures on a miss.
    let best = match candidates.get(&enabled[..]) {
        Some(found) => best_ample(found, counts, ample),
        None => {
            if candidates.len() >= MAX_REMEMBERED {
                candidates.clear();
            }
            let found = stubborn_sets(il, enabled, set, stack);
            let best = best_ample(&found, counts, ample);
            candidates.insert(enabled[..].into(), found);
            best
        }
    };
    for &u in units {
        counts[u as usize] = 0;
    }
    best
}

/// The enabled units of the stubborn set closed from each enabled unit,
/// in order, when they are not all the enabled units (repeats left out).
fn stubborn_sets(
    il: &Interleavings,
    enabled: &[u64],
    set: &mut Vec<u64>,
    stack: &mut Vec<u32>,
) -> Box<[Units]> {
    let live: u32 = enabled.iter().map(|w| w.count_ones()).sum();
    let mut out: Vec<Units> = Vec::new();
    if live < 2 {
        return out.into();
    }
    let seeds = enabled.iter().enumerate().flat_map(|(w, &bits)| {
        let mut rest = bits;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let seed = (w * 64) as u32 + rest.trailing_zeros();
                rest &= rest - 1;
                seed
            })
        })
    });
    for seed in seeds {
        if close(il, seed, enabled, live, set, stack) {
            let units: Units = set.iter().zip(enabled).map(|(s, e)| s & e).collect();
            if !out.contains(&units) {
                out.push(units);
            }
        }
    }
    out.into()
}

/// Of the candidate sets, the one whose units have the fewest successors
/// here (the first on a tie) into `ample`, and that number.
fn best_ample(candidates: &[Units], counts: &[u32], ample: &mut Vec<u64>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, units) in candidates.iter().enumerate() {
        let mut size = 0usize;
        for (w, &bits) in units.iter().enumerate() {
            let mut rest = bits;
            while rest != 0 {
                size += counts[w * 64 + rest.trailing_zeros() as usize] as usize;
                rest &= rest - 1;
            }
        }
        if best.is_none_or(|(_, b)| size < b) {
            best = Some((i, size));
            if size == 1 {
                break;
            }
        }
    }
    let (i, size) = best?;
    ample.clear();
    ample.extend_from_slice(&candidates[i]);
    Some(size)
}

/// The stubborn set closed from `seed` into `set`; false when it holds
/// every enabled unit.
fn close(
    il: &Interleavings,
    seed: u32,
    enabled: &[u64],
    live: u32,
    set: &mut Vec<u64>,
    stack: &mut Vec<u32>,
) -> bool {
    set.clear();
    set.resize(enabled.len(), 0);
    stack.clear();
    set[seed as usize / 64] |= 1 << (seed % 64);
    stack.push(seed);
    let mut ample = 1u32;
    let mut visible_in = false;
    while let Some(u) = stack.pop() {
        let enabled_u = has(enabled, u);
        let mut rows = [None, None];
        rows[0] = Some(match enabled_u {
            true => il.dependent.row(u as usize),
            false => il.enablers.row(u as usize),
        });
        if enabled_u && !visible_in && il.is_visible(u as usize) {
            visible_in = true;
            rows[1] = Some(&il.visible[..]);
        }
        // A put can enable a take only on an empty queue, and the queue
        // is not empty while another take from it is enabled.
        let mates = il.queue_mates.row(u as usize);
        if !enabled_u && mates.iter().zip(enabled).all(|(m, e)| m & e == 0) {
            rows[1] = Some(il.fillers.row(u as usize));
        }
        for row in rows.into_iter().flatten() {
            for (w, (&r, s)) in row.iter().zip(set.iter_mut()).enumerate() {
                let mut new = r & !*s;
                *s |= new;
                while new != 0 {
                    let v = (w * 64) as u32 + new.trailing_zeros();
                    new &= new - 1;
                    if has(enabled, v) {
                        ample += 1;
                        if ample == live {
                            return false;
                        }
                    }
                    stack.push(v);
                }
            }
        }
    }
    true
}
