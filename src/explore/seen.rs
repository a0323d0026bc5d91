//! The exact store of distinct states.
//!
//! Takes packed states (`&[u64]`, all of one width), gives each distinct one
//! a [`StateId`]: its index in one arena of fixed-width states. A hash table
//! of ids finds a state by its words (compared exactly: no fingerprints, so
//! no collisions), and `parents` remembers how each state was first reached.
//! The hash is a fixed function of the words (no random seed), so runs are
//! reproducible.

use hashbrown::HashTable;

/// A stored state: its index in the arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(pub u32);

impl StateId {
    /// The index into the arena.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The parent of an initial state.
const NO_PARENT: u32 = u32::MAX;

/// The most states the store can hold (ids are `u32`, one value is reserved).
pub const CAPACITY: u64 = NO_PARENT as u64;

/// Every distinct state seen so far, with its parent.
#[derive(Debug)]
pub struct SeenSet {
    /// Words per state.
    width: usize,
    /// State `i` is `arena[i * width..(i + 1) * width]`.
    arena: Vec<u64>,
    /// Ids, found by the hash of their words.
    table: HashTable<u32>,
    /// The state each was first reached from (`NO_PARENT` for initial ones).
    parents: Vec<u32>,
}

impl SeenSet {
    /// An empty store of states `width` words wide.
    pub fn new(width: usize) -> SeenSet {
        SeenSet {
            width,
            arena: Vec::new(),
            table: HashTable::new(),
            parents: Vec::new(),
        }
    }

    /// The number of states stored.
    pub fn len(&self) -> usize {
        self.parents.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.parents.is_empty()
    }

    /// Words per state.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The words of a stored state.
    pub fn get(&self, id: StateId) -> &[u64] {
        let start = id.index() * self.width;
        &self.arena[start..start + self.width]
    }

    /// The state `id` was first reached from; `None` for an initial state.
    pub fn parent(&self, id: StateId) -> Option<StateId> {
        let parent = self.parents[id.index()];
        (parent != NO_PARENT).then_some(StateId(parent))
    }

    /// The id of `state` if it is stored.
    pub fn find(&self, state: &[u64]) -> Option<StateId> {
        debug_assert_eq!(state.len(), self.width);
        let hash = hash_words(state);
        self.table
            .find(hash, |&id| self.get(StateId(id)) == state)
            .map(|&id| StateId(id))
    }

    /// Store `state` (reached from `parent`) unless it is already stored.
    /// Gives its id and whether it is new. The caller keeps the count below
    /// [`CAPACITY`].
    pub fn insert(&mut self, state: &[u64], parent: Option<StateId>) -> (StateId, bool) {
        debug_assert_eq!(state.len(), self.width);
        let hash = hash_words(state);
        let (arena, width) = (&self.arena, self.width);
        let words = |id: u32| {
            let start = id as usize * width;
            &arena[start..start + width]
        };
        let entry = self
            .table
            .entry(hash, |&id| words(id) == state, |&id| hash_words(words(id)));
        match entry {
            hashbrown::hash_table::Entry::Occupied(found) => (StateId(*found.get()), false),
            hashbrown::hash_table::Entry::Vacant(vacant) => {
                let id = u32::try_from(self.parents.len())
                    .ok()
                    .filter(|&id| id != NO_PARENT)
                    .expect("the explorer stops before the store is full");
                vacant.insert(id);
                self.arena.extend_from_slice(state);
                self.parents.push(parent.map_or(NO_PARENT, |p| p.0));
                (StateId(id), true)
            }
        }
    }
}

/// A fixed, fast hash of a state's words: a multiply-rotate step per word
/// (as FxHash) and a final avalanche (as MurmurHash3's `fmix64`), so both
/// the low bits (bucket) and the high bits (hashbrown's tag) vary.
pub fn hash_words(words: &[u64]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = words.len() as u64;
    for &w in words {
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_gives_dense_ids_and_dedups() {
        let mut seen = SeenSet::new(2);
        assert_eq!(seen.insert(&[1, 2], None), (StateId(0), true));
        assert_eq!(seen.insert(&[3, 4], Some(StateId(0))), (StateId(1), true));
        assert_eq!(seen.insert(&[1, 2], Some(StateId(1))), (StateId(0), false));
        assert_eq!(seen.len(), 2);
        assert_eq!(seen.get(StateId(1)), &[3, 4]);
        // The first parent is kept.
        assert_eq!(seen.parent(StateId(0)), None);
        assert_eq!(seen.parent(StateId(1)), Some(StateId(0)));
        assert_eq!(seen.find(&[3, 4]), Some(StateId(1)));
        assert_eq!(seen.find(&[4, 3]), None);
    }

    #[test]
    fn survives_growth() {
        let mut seen = SeenSet::new(1);
        for i in 0..10_000u64 {
            assert_eq!(seen.insert(&[i * 7], None), (StateId(i as u32), true));
        }
        for i in 0..10_000u64 {
            assert_eq!(seen.find(&[i * 7]), Some(StateId(i as u32)));
        }
        assert_eq!(seen.len(), 10_000);
    }

    #[test]
    fn zero_width_states_are_one_state() {
        let mut seen = SeenSet::new(0);
        assert_eq!(seen.insert(&[], None), (StateId(0), true));
        assert_eq!(seen.insert(&[], None), (StateId(0), false));
        assert_eq!(seen.get(StateId(0)), &[] as &[u64]);
    }

    #[test]
    fn hash_is_fixed_and_order_sensitive() {
        assert_eq!(hash_words(&[]), 0);
        assert_ne!(hash_words(&[1, 2]), hash_words(&[2, 1]));
        assert_ne!(hash_words(&[0]), hash_words(&[0, 0]));
        // Pinned values: the hash must not depend on the run or the machine.
        assert_eq!(hash_words(&[42]), 0x4d93_b9bc_4939_16ee);
        assert_eq!(hash_words(&[1, 2, 3]), 0x8a41_bb7a_159c_75eb);
    }
}
