//! Symmetry reduction: one representative per class of states that differ
//! only by a renaming of the values of `symmetric` sets.
//!
//! The representative of a state is the least (as words) of its renamed
//! images over a set of candidate renamings that depends only on the
//! state's class, so two states get the same one exactly when a renaming
//! takes one to the other: the store then holds one state per orbit, as
//! TLC's SYMMETRY does. The candidates come from partition refinement
//! (as in graph canonisation): the values are sorted into cells by an
//! invariant signature of how the state uses each (`shape.rs`), refined
//! until stable; a cell left with several values is split by trying each
//! value first in turn, unless every swap of neighbours in it leaves the
//! state unchanged, in which case any order gives the same image. So a
//! state costs a few walks, not one per permutation (`n!`), unless it is
//! both highly regular and not symmetric itself.
//!
//! The number of candidates that give the least image is the size of the
//! state's stabiliser; the group's order over it is the orbit's size
//! ([`Scratch::orbit`]), which `--stats` sums into the number of states
//! the reduced ones stand for.
//!
//! Input: the layout and the symmetric types to reduce. Output:
//! [`Symmetry::canonical`], and [`Symmetry::rename`] for tests.

mod shape;
#[cfg(test)]
mod tests;

use crate::check::ir::{Spec, Type, TypeId, VarId};
pub use crate::check::symmetry::{Breach, BreachKind, Group, groups};
use crate::compile::bits;
use crate::compile::layout::Layout;
use shape::{Colours, Groups, Perm, Shape, mix};

/// Which `symmetric` sets a search reduces by, and why not the others.
#[derive(Clone, Debug, Default)]
pub struct Reduction {
    /// The sets reduced by.
    pub reduced: Vec<Group>,
    /// The sets not reduced by, and why.
    pub skipped: Vec<(Group, Skip)>,
}

/// Why a `symmetric` set is not reduced by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The spec tells its values apart here.
    Breach(Breach),
    /// The spec has liveness properties: they are checked on every state
    /// (fairness of one value's actions does not survive the quotient).
    Liveness,
    /// The spec has transition properties, which compare a state with its
    /// successor as generated (not with a renamed representative).
    Transitions,
    /// The spec declares a `view`: the view of a state's representative
    /// need not be the same for every state with the same view.
    View,
}

impl Reduction {
    /// The decision for a spec: every symmetric set without a breach,
    /// unless the spec has liveness properties.
    pub fn of(spec: &Spec) -> Reduction {
        let mut out = Reduction::default();
        let transitions = spec
            .properties
            .iter()
            .any(|p| p.kind == crate::check::ir::PropertyKind::Transition);
        for group in groups(spec) {
            let skip = match &group.breach {
                Some(b) => Some(Skip::Breach(b.clone())),
                None if !spec.liveness.is_empty() => Some(Skip::Liveness),
                None if transitions => Some(Skip::Transitions),
                None if spec.view.is_some() => Some(Skip::View),
                None => None,
            };
            match skip {
                Some(skip) => out.skipped.push((group, skip)),
                None => out.reduced.push(group),
            }
        }
        out
    }
}

/// What symmetry reduction needs of a spec's state layout.
#[derive(Debug)]
pub struct Symmetry {
    /// The variables a renaming changes: first bit and shape.
    vars: Vec<(u64, Shape)>,
    /// The bits a renaming leaves alone.
    plain: Vec<u64>,
    /// Per symmetric set: first global atom number and size.
    sets: Vec<(u32, u32)>,
    /// Each global atom's index within its set.
    identity: Vec<u32>,
    /// Each global atom's set.
    set_of: Vec<u32>,
    /// The group's order, `∏ n!`; `None` beyond `u128`.
    order: Option<u128>,
}

/// Per-thread scratch space for [`Symmetry::canonical`].
#[derive(Debug, Default)]
pub struct Scratch {
    best: Vec<u64>,
    candidate: Vec<u64>,
    perm: Vec<u32>,
    colours: Vec<u64>,
    sig: Vec<u64>,
    cells: Cells,
    ends: Vec<u32>,
    next: Vec<u32>,
    /// Swaps of two values already tried on this state: whether each
    /// leaves it unchanged.
    swaps: Vec<(u32, u32, bool)>,
    /// Renamings that give the representative, for the last state.
    stabiliser: u128,
}

impl Scratch {
    /// The size of the last canonicalised state's orbit (`None` when the
    /// group's order does not fit `u128`).
    pub fn orbit(&self, symmetry: &Symmetry) -> Option<u128> {
        Some(symmetry.order? / self.stabiliser.max(1))
    }
}

/// Cells of values, in order: an ordered partition of the global atoms,
/// cell `i` being `order[ends[i - 1]..ends[i]]`.
#[derive(Clone, Debug, Default)]
struct Cells {
    order: Vec<u32>,
    ends: Vec<u32>,
}

impl Cells {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn bounds(&self, i: usize) -> (usize, usize) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (start, self.ends[i] as usize)
    }

    fn cell(&self, i: usize) -> &[u32] {
        let (start, end) = self.bounds(i);
        &self.order[start..end]
    }

    /// Every cell a single value.
    fn discrete(&self) -> bool {
        self.ends.len() == self.order.len()
    }
}

impl Symmetry {
    /// Symmetry over the values of `types` (each a symmetric enum).
    pub fn new(types: &[Type], var_types: &[TypeId], layout: &Layout, sym: &[TypeId]) -> Self {
        let mut sets = Vec::new();
        let mut groups = Groups { sets: Vec::new() };
        let mut identity = Vec::new();
        let mut set_of = Vec::new();
        let mut order: Option<u128> = Some(1);
        for &ty in sym {
            let Type::Enum { atoms, .. } = &types[ty.index()] else {
                continue;
            };
            let first = identity.len() as u32;
            let n = atoms.len() as u32;
            groups.sets.push((ty, first));
            sets.push((first, n));
            identity.extend(0..n);
            set_of.extend(std::iter::repeat_n(sets.len() as u32 - 1, n as usize));
            order = order.and_then(|o| (1..=u128::from(n)).try_fold(o, |o, k| o.checked_mul(k)));
        }
        let mut plain = vec![u64::MAX; layout.words()];
        let mut vars = Vec::new();
        for (i, &ty) in var_types.iter().enumerate() {
            let (offset, codec) = layout.slot(VarId(i as u32));
            let shape = Shape::new(types, &groups, ty, codec);
            if !shape.is_plain() {
                let zero = vec![0; layout.words()];
                bits::copy(&zero, 0, &mut plain, offset, codec.width);
                vars.push((offset, shape));
            }
        }
        Symmetry {
            vars,
            plain,
            sets,
            identity,
            set_of,
            order,
        }
    }

    /// The order of the group (`∏ n!` over the sets), if it fits `u128`.
    pub fn order(&self) -> Option<u128> {
        self.order
    }

    /// Write the image of `state` under a renaming (`perm[a]`: the new
    /// index of global atom `a` within its set) to `out`.
    pub fn rename(&self, state: &[u64], perm: &[u32], out: &mut [u64]) {
        for ((o, s), m) in out.iter_mut().zip(state).zip(&self.plain) {
            *o = s & m;
        }
        let p = Perm { to: perm };
        for (offset, shape) in &self.vars {
            shape.rename(state, *offset, out, *offset, &p);
        }
    }

    /// Write the representative of `state`'s class to `out`.
    pub fn canonical(&self, sc: &mut Scratch, state: &[u64], out: &mut [u64]) {
        let words = state.len();
        sc.best.clear();
        sc.candidate.resize(words, 0);
        sc.colours.resize(self.identity.len(), 0);
        sc.swaps.clear();
        sc.stabiliser = 0;
        let mut cells = std::mem::take(&mut sc.cells);
        cells.order.clear();
        cells.ends.clear();
        for &(first, n) in &self.sets {
            cells.order.extend(first..first + n);
            cells.ends.push(first + n);
        }
        self.search(sc, state, &mut cells);
        sc.cells = cells;
        out.copy_from_slice(&sc.best);
    }

    fn search(&self, sc: &mut Scratch, state: &[u64], cells: &mut Cells) {
        self.refine(sc, state, cells);
        let branch = (0..cells.len()).find(|&i| {
            let cell = cells.cell(i);
            cell.len() > 1 && !self.interchangeable(sc, state, cell)
        });
        let Some(at) = branch else {
            return self.leaf(sc, state, cells);
        };
        let (start, end) = cells.bounds(at);
        for k in start..end {
            let mut next = cells.clone();
            next.order.swap(start, k);
            next.ends.insert(at, start as u32 + 1);
            self.search(sc, state, &mut next);
        }
    }

    /// Split cells by signature until no cell splits.
    fn refine(&self, sc: &mut Scratch, state: &[u64], cells: &mut Cells) {
        while !cells.discrete() {
            for i in 0..cells.len() {
                for &a in cells.cell(i) {
                    sc.colours[a as usize] = mix(i as u64 + 1);
                }
            }
            let mut sig = std::mem::take(&mut sc.sig);
            self.signatures(state, &sc.colours, &mut sig);
            let mut ends = std::mem::take(&mut sc.ends);
            ends.clear();
            let mut start = 0;
            for &end in &cells.ends {
                let (s, e) = (start, end as usize);
                if e - s > 1 {
                    let cell = &mut cells.order[s..e];
                    cell.sort_unstable_by_key(|&a| (sig[a as usize], a));
                    for i in s + 1..e {
                        if sig[cells.order[i] as usize] != sig[cells.order[i - 1] as usize] {
                            ends.push(i as u32);
                        }
                    }
                }
                ends.push(end);
                start = e;
            }
            let split = ends.len() > cells.ends.len();
            std::mem::swap(&mut cells.ends, &mut ends);
            sc.ends = ends;
            sc.sig = sig;
            if !split {
                break;
            }
        }
    }

    /// How the state uses each value, given every value's colour: one
    /// walk over the state for all of them (`Shape::occurrences`).
    fn signatures(&self, state: &[u64], colours: &[u64], sig: &mut Vec<u64>) {
        sig.clear();
        sig.resize(colours.len(), 0);
        let c = Colours { of: colours };
        for (k, (at, shape)) in self.vars.iter().enumerate() {
            shape.occurrences(state, *at, mix(k as u64 + 100), &c, sig);
        }
        for (s, colour) in sig.iter_mut().zip(colours) {
            *s = mix(s.rotate_left(11) ^ colour);
        }
    }

    /// Whether every swap of neighbours in `cell` leaves `state` unchanged
    /// (then so does every permutation of the cell).
    fn interchangeable(&self, sc: &mut Scratch, state: &[u64], cell: &[u32]) -> bool {
        cell.windows(2).all(|pair| {
            let (a, b) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
            if let Some(&(_, _, same)) = sc.swaps.iter().find(|s| s.0 == a && s.1 == b) {
                return same;
            }
            sc.perm.clear();
            sc.perm.extend_from_slice(&self.identity);
            sc.perm.swap(a as usize, b as usize);
            let mut image = std::mem::take(&mut sc.candidate);
            self.rename(state, &sc.perm, &mut image);
            let same = image == state;
            sc.candidate = image;
            sc.swaps.push((a, b, same));
            same
        })
    }

    /// One candidate: number the values in cell order, rename, keep the
    /// least image.
    fn leaf(&self, sc: &mut Scratch, state: &[u64], cells: &Cells) {
        sc.next.clear();
        sc.next.resize(self.sets.len(), 0);
        sc.perm.clear();
        sc.perm.resize(self.identity.len(), 0);
        let mut ways: u128 = 1;
        for i in 0..cells.len() {
            let cell = cells.cell(i);
            for &a in cell {
                let set = self.set_of[a as usize] as usize;
                sc.perm[a as usize] = sc.next[set];
                sc.next[set] += 1;
            }
            ways = (1..=cell.len() as u128).fold(ways, |w, k| w.saturating_mul(k));
        }
        let mut image = std::mem::take(&mut sc.candidate);
        if sc.perm == self.identity {
            image.copy_from_slice(state);
        } else {
            self.rename(state, &sc.perm, &mut image);
        }
        if sc.best.is_empty() || image < sc.best {
            std::mem::swap(&mut sc.best, &mut image);
            if image.len() != state.len() {
                image.resize(state.len(), 0);
            }
            sc.stabiliser = ways;
        } else if image == sc.best {
            sc.stabiliser = sc.stabiliser.saturating_add(ways);
        }
        sc.candidate = image;
    }
}
