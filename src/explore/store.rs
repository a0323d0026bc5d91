//! The store of distinct states, in shards.
//!
//! Takes packed states with a hash ([`Store::hash`]), gives each distinct
//! one a [`StateId`] and remembers its parent. The store is cut into
//! [`SHARDS`] shards by the hash's top bits; a shard is only ever touched by
//! one thread at a time, so shards fill in parallel without locks, and the
//! shard count is fixed (not the thread count), so ids are the same for
//! any number of threads. An id is `local index << SHARD_BITS | shard`.
//!
//! Two modes ([`Mode`]):
//! - *exact*: every state's words are kept (the arena), compared exactly;
//!   a one-word state is its own table key (one cache miss per lookup),
//!   wider ones are found by a 32-bit hash tag and an arena compare;
//! - *fingerprint*: only a 64-bit fingerprint per state is kept, and two
//!   states with the same fingerprint are taken as one (TLC's trade-off:
//!   [`collision_probability`] estimates the risk).

use super::table::{EMPTY, Probe, Table};

/// log2 of the number of shards.
pub const SHARD_BITS: u32 = 6;
/// The number of shards (a power of two, at least the thread count).
pub const SHARDS: usize = 1 << SHARD_BITS;
/// The most states one shard holds (ids are `u32`).
const SHARD_CAPACITY: usize = 1 << (32 - SHARD_BITS);

/// The parent of an initial state.
pub const NO_PARENT: u32 = u32::MAX;

/// A stored state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(pub u32);

impl StateId {
    fn shard(self) -> usize {
        self.0 as usize & (SHARDS - 1)
    }

    fn local(self) -> usize {
        (self.0 >> SHARD_BITS) as usize
    }
}

/// How states are told apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Keep every state; no collisions.
    #[default]
    Exact,
    /// Keep 64-bit fingerprints; a collision may hide a state.
    Fingerprint,
}

/// What a table slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// The key itself: a one-word state (exact) or a fingerprint.
    Word,
    /// A 32-bit hash tag and the local index + 1 (exact, other widths).
    TaggedId,
}

/// One shard: its table, its states (or fingerprints) and their parents.
#[derive(Debug, Default)]
pub struct Shard {
    table: Table,
    /// The key 0 is stored (it cannot sit in a slot: 0 marks empty).
    zero: bool,
    /// Exact: the states' words, `width` each; fingerprint: one per state.
    records: Vec<u64>,
    parents: Vec<u32>,
}

/// Every distinct state seen so far.
#[derive(Debug)]
pub struct Store {
    mode: Mode,
    key: Key,
    width: usize,
    /// Words per record: `width` (exact) or 1 (fingerprint).
    record_width: usize,
    shards: Vec<Shard>,
}

impl Store {
    /// An empty store of states `width` words wide.
    pub fn new(width: usize, mode: Mode) -> Store {
        let key = if mode == Mode::Fingerprint || width == 1 {
            Key::Word
        } else {
            Key::TaggedId
        };
        let record_width = if mode == Mode::Exact { width } else { 1 };
        let shards = (0..SHARDS).map(|_| Shard::default()).collect();
        Store {
            mode,
            key,
            width,
            record_width,
            shards,
        }
    }

    /// Words per state.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The number of states stored.
    pub fn len(&self) -> u64 {
        self.shards.iter().map(|s| s.parents.len() as u64).sum()
    }

    /// Bytes held: tables, records and parents.
    pub fn bytes(&self) -> u64 {
        self.shards.iter().map(|s| s.bytes() as u64).sum()
    }

    /// Bytes each new state adds (not counting table growth).
    pub fn bytes_per_state(&self) -> usize {
        self.record_width * 8 + 4
    }

    /// The hash that picks a state's shard and slot (its fingerprint in
    /// fingerprint mode).
    #[inline]
    pub fn hash(&self, words: &[u64]) -> u64 {
        match self.mode {
            Mode::Exact => hash_words(words),
            Mode::Fingerprint => fingerprint(words),
        }
    }

    /// The shard a hash belongs to.
    #[inline]
    pub fn shard_of(hash: u64) -> usize {
        (hash >> (64 - SHARD_BITS)) as usize
    }

    /// The shards, each to be filled by one thread.
    pub fn shards_mut(&mut self) -> (StoreView, &mut [Shard]) {
        let view = StoreView {
            mode: self.mode,
            key: self.key,
            width: self.width,
            record_width: self.record_width,
        };
        (view, &mut self.shards)
    }

    /// Bytes shard `s`'s table would add if `extra` more states came.
    pub fn growth_bytes(&self, s: usize, extra: usize) -> usize {
        self.shards[s].growth_bytes(extra)
    }

    /// The state `id` was first reached from; `None` for an initial state.
    pub fn parent(&self, id: StateId) -> Option<StateId> {
        let parent = self.shards[id.shard()].parents[id.local()];
        (parent != NO_PARENT).then_some(StateId(parent))
    }

    /// Whether `words` is the state stored as `id` (in fingerprint mode:
    /// has its fingerprint).
    pub fn is(&self, id: StateId, words: &[u64]) -> bool {
        let shard = &self.shards[id.shard()];
        let start = id.local() * self.record_width;
        let record = &shard.records[start..start + self.record_width];
        match self.mode {
            Mode::Exact => record == words,
            Mode::Fingerprint => record[0] == fingerprint(words),
        }
    }
}

/// What a shard needs to know about the store while it fills.
#[derive(Clone, Copy, Debug)]
pub struct StoreView {
    mode: Mode,
    key: Key,
    width: usize,
    record_width: usize,
}

/// The result of [`Shard::insert`].
pub enum Inserted {
    /// Already stored.
    Old,
    /// Stored now, with this id.
    New(StateId),
    /// New, but the shard is full.
    Full,
}

impl Shard {
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.table.bytes() + self.records.len() * 8 + self.parents.len() * 4
    }

    /// Bytes the table would add if `extra` more states came.
    pub fn growth_bytes(&self, extra: usize) -> usize {
        if self.table.would_grow(extra) {
            self.table.bytes() * 2
        } else {
            0
        }
    }

    /// Prefetch the table slot for `hash`.
    #[inline]
    pub fn prefetch(&self, hash: u64) {
        self.table.prefetch(hash);
    }

    /// Whether `words` (with `hash`) is stored in this shard.
    #[inline]
    pub fn contains(&self, view: StoreView, hash: u64, words: &[u64]) -> bool {
        match self.lookup(view, hash, words) {
            (_, None) => true,
            (_, Some(_)) => false,
        }
    }

    /// The key to store and, if not stored yet, the vacant slot.
    #[inline]
    fn lookup(&self, view: StoreView, hash: u64, words: &[u64]) -> (u64, Option<usize>) {
        match view.key {
            Key::Word => {
                let key = if view.mode == Mode::Exact {
                    words[0]
                } else {
                    hash
                };
                if key == EMPTY {
                    return (key, (!self.zero).then_some(usize::MAX));
                }
                match self.table.probe(hash, |slot| slot == key) {
                    Probe::Found => (key, None),
                    Probe::Vacant(index) => (key, Some(index)),
                }
            }
            Key::TaggedId => {
                let tag = hash & 0xffff_ffff;
                let (records, width) = (&self.records, view.width);
                let found = self.table.probe(hash, |slot| {
                    let start = ((slot & 0xffff_ffff) as usize - 1) * width;
                    slot >> 32 == tag && &records[start..start + width] == words
                });
                let key = tag << 32 | (self.parents.len() as u64 + 1);
                match found {
                    Probe::Found => (key, None),
                    Probe::Vacant(index) => (key, Some(index)),
                }
            }
        }
    }

    /// Store `words` (with `hash`, in shard `shard`) reached from `parent`
    /// unless it is stored already.
    #[inline]
    pub fn insert(
        &mut self,
        view: StoreView,
        shard: usize,
        hash: u64,
        words: &[u64],
        parent: u32,
    ) -> Inserted {
        let (key, vacant) = self.lookup(view, hash, words);
        let Some(index) = vacant else {
            return Inserted::Old;
        };
        if self.parents.len() >= SHARD_CAPACITY - 1 {
            return Inserted::Full;
        }
        let local = self.parents.len() as u32;
        if index == usize::MAX {
            self.zero = true;
        } else {
            let rehash = |slot: u64| match (view.key, view.mode) {
                (Key::Word, Mode::Exact) => hash_words(&[slot]),
                (Key::Word, Mode::Fingerprint) => slot,
                (Key::TaggedId, _) => slot >> 32,
            };
            self.table.fill(index, key, rehash);
        }
        match view.mode {
            Mode::Exact => self.records.extend_from_slice(words),
            Mode::Fingerprint => self.records.push(hash),
        }
        debug_assert_eq!(self.records.len(), (local as usize + 1) * view.record_width);
        self.parents.push(parent);
        Inserted::New(StateId(local << SHARD_BITS | shard as u32))
    }
}

/// A fixed, fast hash of a state's words: a multiply-rotate step per word
/// (as FxHash) and a final avalanche (as MurmurHash3's `fmix64`), so both
/// the low bits (slot) and the high bits (shard) vary.
#[inline]
pub fn hash_words(words: &[u64]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = words.len() as u64;
    for &w in words {
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    fmix64(h)
}

/// A state's 64-bit fingerprint: every word goes through a full avalanche
/// before it is combined, so structured states (few bits differing) spread
/// over the whole range.
#[inline]
pub fn fingerprint(words: &[u64]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3 ^ words.len() as u64;
    for &w in words {
        h = fmix64(h ^ fmix64(w ^ 0x1319_8a2e_0370_7344)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
    fmix64(h)
}

/// MurmurHash3's 64-bit finaliser.
#[inline]
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// TLC's optimistic estimate of the probability that a fingerprint
/// collision hid a state: `n · (m − n) / 2^64` for `n` distinct states
/// and `m` states generated.
pub fn collision_probability(distinct: u64, generated: u64) -> f64 {
    let n = distinct as f64;
    let m = generated.max(distinct) as f64;
    n * (m - n) / 2f64.powi(64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert(store: &mut Store, words: &[u64], parent: u32) -> Option<StateId> {
        let hash = store.hash(words);
        let s = Store::shard_of(hash);
        let (view, shards) = store.shards_mut();
        match shards[s].insert(view, s, hash, words, parent) {
            Inserted::New(id) => Some(id),
            Inserted::Old => None,
            Inserted::Full => panic!("full"),
        }
    }

    #[test]
    fn every_mode_and_width_dedups() {
        for mode in [Mode::Exact, Mode::Fingerprint] {
            for width in [0, 1, 2, 3] {
                let mut store = Store::new(width, mode);
                let state = |i: u64| vec![i; width];
                let first = insert(&mut store, &state(0), NO_PARENT);
                assert!(first.is_some());
                let limit = if width == 0 { 1 } else { 5_000 };
                for i in 1..limit {
                    let id = insert(&mut store, &state(i), first.expect("new").0);
                    let id = id.expect("a new state");
                    assert!(store.is(id, &state(i)));
                    assert!(!store.is(id, &state(i + 1)));
                    assert_eq!(store.parent(id), first);
                }
                for i in 0..limit {
                    assert_eq!(insert(&mut store, &state(i), 0), None, "{mode:?} {width}");
                }
                assert_eq!(store.len(), limit);
                assert_eq!(store.parent(first.expect("new")), None);
            }
        }
    }

    #[test]
    fn hashes_are_fixed() {
        assert_ne!(hash_words(&[1, 2]), hash_words(&[2, 1]));
        assert_eq!(hash_words(&[42]), 0x4d93_b9bc_4939_16ee);
        assert_eq!(hash_words(&[1, 2, 3]), 0x8a41_bb7a_159c_75eb);
        assert_ne!(fingerprint(&[1, 2]), fingerprint(&[2, 1]));
        assert_ne!(fingerprint(&[0]), fingerprint(&[0, 0]));
    }

    #[test]
    fn collision_odds_follow_tlc() {
        assert_eq!(collision_probability(0, 0), 0.0);
        let p = collision_probability(10_340_352, 123_558_402);
        assert!((p - 6.34e-5).abs() < 1e-6, "{p}");
    }
}
