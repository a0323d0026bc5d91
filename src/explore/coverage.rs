//! Coverage: how often each action was enabled, how many successors it
//! generated and how many of them were new states.
//!
//! Counted on the hot path at almost no cost: each chunk of a block keeps
//! its own [`Tally`] while it is expanded (no sharing between threads), and
//! the block adds the tallies of its chunks up to the one that stopped,
//! the same chunks whose transitions are counted. New states are counted
//! per store shard when they are inserted. Both follow the canonical order,
//! so the counts are the same for any number of threads.

use crate::check::ir::{ActionId, PropertyId};

/// One action's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionCount {
    /// States where it had at least one successor.
    pub enabled: u64,
    /// Successors it generated (inside the constraints or not).
    pub successors: u64,
    /// Distinct states it reached first (stored by it).
    pub new: u64,
}

/// What the search counted, for `--coverage` and the vacuity warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Distinct initial states stored.
    pub initial: u64,
    /// Counts by `ActionId` (actions past the end never fired).
    pub actions: Vec<ActionCount>,
    /// `reachable` properties already true in an initial state.
    pub reachable_initially: Vec<PropertyId>,
    /// The counts cover the whole search (false after `--resume`: the
    /// run before the checkpoint is not counted).
    pub whole: bool,
    /// The safety search expanded every reachable state (it did not stop
    /// at a finding or a limit).
    pub exhausted: bool,
    /// The premises (indices into the model's) that held in no state seen.
    pub vacuous: Vec<u32>,
    /// Under symmetry reduction, the states the stored representatives
    /// stand for (the sum of their orbits' sizes; 0 without reduction).
    pub stands_for: u128,
}

impl Coverage {
    /// The counts of `action` (zero if it never fired).
    pub fn of(&self, action: ActionId) -> ActionCount {
        self.actions
            .get(action.index())
            .copied()
            .unwrap_or_default()
    }

    /// Add enabled and successor counts.
    pub fn add(&mut self, tally: &Tally) {
        grow(&mut self.actions, tally.counts.len());
        for (total, count) in self.actions.iter_mut().zip(&tally.counts) {
            total.enabled += count.enabled;
            total.successors += count.successors;
        }
    }

    /// Add new-state counts, by action.
    pub fn add_new(&mut self, new: &[u64]) {
        grow(&mut self.actions, new.len());
        for (total, n) in self.actions.iter_mut().zip(new) {
            total.new += n;
        }
    }
}

fn grow<T: Default + Clone>(v: &mut Vec<T>, len: usize) {
    if v.len() < len {
        v.resize(len, T::default());
    }
}

/// One chunk's counts while it is expanded.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    counts: Vec<ActionCount>,
    /// By action: 1 + the position of the last state it fired from.
    last: Vec<u64>,
}

impl Tally {
    /// Forget the counts (for the next block).
    pub fn clear(&mut self) {
        self.counts
            .iter_mut()
            .for_each(|c| *c = ActionCount::default());
        self.last.iter_mut().for_each(|l| *l = 0);
    }

    /// `action` generated a successor of the state at `position`.
    #[inline]
    pub fn fired(&mut self, action: ActionId, position: usize) {
        let a = action.index();
        if a >= self.counts.len() {
            grow(&mut self.counts, a + 1);
            grow(&mut self.last, a + 1);
        }
        let count = &mut self.counts[a];
        count.successors += 1;
        let stamp = position as u64 + 1;
        if self.last[a] != stamp {
            self.last[a] = stamp;
            count.enabled += 1;
        }
    }
}

/// Count a new state reached by `action` into per-action counts.
#[inline]
pub fn count_new(new: &mut Vec<u64>, action: u32) {
    let a = action as usize;
    if a >= new.len() {
        grow(new, a + 1);
    }
    new[a] += 1;
}
