//! The store of distinct states: the one kind of state store, for the
//! safety search and for the liveness graph.
//!
//! A [`Shard`] takes packed states with their hash, gives each distinct
//! one a dense local index (its insertion order) and remembers its
//! parent. The liveness graph is one shard. The safety search's [`Store`]
//! is [`SHARDS`] of them, picked by the hash's top bits; a shard is only
//! ever touched by one thread at a time, so shards fill in parallel
//! without locks, and the shard count is fixed (not the thread count), so
//! ids are the same for any number of threads. A store's id is `local
//! index << SHARD_BITS | shard` ([`StateId`]).
//!
//! Two modes ([`Mode`]):
//! - *exact*: every state's words are kept (the records), compared
//!   exactly; a one-word state is its own table key (one cache miss per
//!   lookup), wider ones are found by a 32-bit hash tag and a compare;
//! - *fingerprint*: only a 64-bit fingerprint per state is kept, and two
//!   states with the same fingerprint are taken as one (TLC's trade-off:
//!   [`collision_probability`] estimates the risk).

use super::table::{EMPTY, Probe, Table};

/// log2 of the number of shards.
pub const SHARD_BITS: u32 = 6;
/// The number of shards (a power of two, at least the thread count).
pub const SHARDS: usize = 1 << SHARD_BITS;
/// The most states one shard of a [`Store`] holds (ids are `u32`).
const SHARD_CAPACITY: u32 = 1 << (32 - SHARD_BITS);

/// The parent of an initial state.
pub const NO_PARENT: u32 = u32::MAX;

/// The most states a lone shard (the liveness graph) holds: local indices
/// are `u32`, and one value is [`NO_PARENT`].
pub const CAPACITY: u32 = NO_PARENT;

/// A state stored in a [`Store`]: its local index in its shard, and the
/// shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(pub u32);

impl StateId {
    /// The id of local index `local` in shard `shard`.
    pub fn new(local: u32, shard: usize) -> StateId {
        StateId(local << SHARD_BITS | shard as u32)
    }

    /// Its shard.
    pub fn shard(self) -> usize {
        self.0 as usize & (SHARDS - 1)
    }

    fn local(self) -> u32 {
        self.0 >> SHARD_BITS
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

/// Where a state goes that a shard does not hold yet.
#[derive(Clone, Copy, Debug)]
enum Vacancy {
    /// This empty table slot.
    Slot(usize),
    /// The key 0, which cannot sit in a slot (0 marks an empty one).
    Zero,
}

/// The result of [`Shard::insert`].
pub enum Inserted {
    /// Already stored.
    Old,
    /// Stored now, at this local index.
    New(u32),
    /// New, but the shard is full.
    Full,
}

/// States of one width: a table, the states (or their fingerprints) in
/// insertion order, and their parents.
#[derive(Debug)]
pub struct Shard {
    mode: Mode,
    key: Key,
    /// Words per state.
    width: usize,
    /// Words per record: `width` (exact) or 1 (fingerprint).
    record_width: usize,
    /// At most this many states.
    capacity: u32,
    table: Table,
    /// The key 0 is stored.
    zero: bool,
    /// Exact: the states' words, `width` each; fingerprint: one per state.
    records: Vec<u64>,
    /// By local index: the parent (as the caller numbers states), or
    /// [`NO_PARENT`].
    parents: Vec<u32>,
}

impl Shard {
    /// An empty shard of states `width` words wide, holding at most
    /// `capacity` of them.
    pub fn new(width: usize, mode: Mode, capacity: u32) -> Shard {
        let key = if mode == Mode::Fingerprint || width == 1 {
            Key::Word
        } else {
            Key::TaggedId
        };
        Shard {
            mode,
            key,
            width,
            record_width: if mode == Mode::Exact { width } else { 1 },
            capacity,
            table: Table::default(),
            zero: false,
            records: Vec::new(),
            parents: Vec::new(),
        }
    }

    /// An empty exact shard that finds the index of a stored state (its
    /// table keeps indices, also for one-word states): the liveness
    /// graph's store, whose edges need the index of every target.
    pub fn indexed(width: usize) -> Shard {
        Shard::new(width, Mode::Exact, CAPACITY).with_index()
    }

    /// This (empty) shard, its table keeping indices.
    fn with_index(self) -> Shard {
        debug_assert_eq!(self.len(), 0);
        Shard {
            key: Key::TaggedId,
            ..self
        }
    }

    /// Words per state.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The number of states stored.
    pub fn len(&self) -> usize {
        self.parents.len()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.table.bytes() + self.records.len() * 8 + self.parents.len() * 4
    }

    /// Bytes each new state adds (not counting table growth).
    pub fn bytes_per_state(&self) -> usize {
        self.record_width * 8 + 4
    }

    /// Bytes the table would add if `extra` more states came.
    pub fn growth_bytes(&self, extra: usize) -> usize {
        if self.table.would_grow(extra) {
            self.table.bytes() * 2
        } else {
            0
        }
    }

    /// The hash that picks a state's slot (and a store's shard): its
    /// fingerprint in fingerprint mode.
    #[inline]
    pub fn hash(&self, words: &[u64]) -> u64 {
        match self.mode {
            Mode::Exact => hash_words(words),
            Mode::Fingerprint => fingerprint(words),
        }
    }

    /// Prefetch the table slot for `hash`.
    #[inline]
    pub fn prefetch(&self, hash: u64) {
        self.table.prefetch(hash);
    }

    /// Whether `words` (with `hash`) is stored.
    #[inline]
    pub fn contains(&self, hash: u64, words: &[u64]) -> bool {
        self.lookup(hash, words).1.is_err()
    }

    /// The local index of `words` (with `hash`) if stored. The table must
    /// keep indices (a shard made with `indexed`).
    #[inline]
    pub fn index_of(&self, hash: u64, words: &[u64]) -> Option<u32> {
        debug_assert_eq!(self.key, Key::TaggedId);
        self.lookup(hash, words).1.err().flatten()
    }

    /// The parent of the state at `local` (`None` for an initial state).
    pub fn parent(&self, local: u32) -> Option<u32> {
        let parent = self.parents[local as usize];
        (parent != NO_PARENT).then_some(parent)
    }

    /// The words of the state at `local` (exact mode).
    pub fn get(&self, local: u32) -> &[u64] {
        debug_assert_eq!(self.mode, Mode::Exact);
        let start = local as usize * self.width;
        &self.records[start..start + self.width]
    }

    /// Whether `words` is the state stored at `local` (in fingerprint
    /// mode: has its fingerprint).
    pub fn is(&self, local: u32, words: &[u64]) -> bool {
        let start = local as usize * self.record_width;
        let record = &self.records[start..start + self.record_width];
        match self.mode {
            Mode::Exact => same_words(record, words),
            Mode::Fingerprint => record[0] == fingerprint(words),
        }
    }

    /// The key to store and, if not stored yet, where it goes (if stored,
    /// its index when the table keeps it).
    #[inline]
    fn lookup(&self, hash: u64, words: &[u64]) -> (u64, Result<Vacancy, Option<u32>>) {
        match self.key {
            Key::Word => {
                let key = if self.mode == Mode::Exact {
                    words[0]
                } else {
                    hash
                };
                if key == EMPTY {
                    return (
                        key,
                        if self.zero {
                            Err(None)
                        } else {
                            Ok(Vacancy::Zero)
                        },
                    );
                }
                match self.table.probe(hash, |slot| slot == key) {
                    Probe::Found(_) => (key, Err(None)),
                    Probe::Vacant(index) => (key, Ok(Vacancy::Slot(index))),
                }
            }
            Key::TaggedId => {
                let tag = hash & 0xffff_ffff;
                let (records, width, mode) = (&self.records, self.width, self.mode);
                let found = self.table.probe(hash, |slot| {
                    let local = (slot & 0xffff_ffff) as usize - 1;
                    slot >> 32 == tag
                        && match mode {
                            Mode::Exact => {
                                same_words(&records[local * width..(local + 1) * width], words)
                            }
                            Mode::Fingerprint => records[local] == hash,
                        }
                });
                let key = tag << 32 | (self.parents.len() as u64 + 1);
                match found {
                    Probe::Found(slot) => (key, Err(Some((slot & 0xffff_ffff) as u32 - 1))),
                    Probe::Vacant(index) => (key, Ok(Vacancy::Slot(index))),
                }
            }
        }
    }

    /// Store `words` (with `hash`) reached from `parent` (or [`NO_PARENT`])
    /// unless it is stored already.
    #[inline]
    pub fn insert(&mut self, hash: u64, words: &[u64], parent: u32) -> Inserted {
        let (key, vacancy) = match self.lookup(hash, words) {
            (key, Ok(vacancy)) => (key, vacancy),
            (_, Err(_)) => return Inserted::Old,
        };
        if self.parents.len() >= self.capacity as usize - 1 {
            return Inserted::Full;
        }
        let local = self.parents.len() as u32;
        match vacancy {
            Vacancy::Zero => self.zero = true,
            Vacancy::Slot(index) => {
                let (key_kind, mode) = (self.key, self.mode);
                let rehash = move |slot: u64| match (key_kind, mode) {
                    (Key::Word, Mode::Exact) => hash_words(&[slot]),
                    (Key::Word, Mode::Fingerprint) => slot,
                    (Key::TaggedId, _) => slot >> 32,
                };
                self.table.fill(index, key, rehash);
            }
        }
        match self.mode {
            Mode::Exact => self.records.extend_from_slice(words),
            Mode::Fingerprint => self.records.push(hash),
        }
        debug_assert_eq!(self.records.len(), (local as usize + 1) * self.record_width);
        self.parents.push(parent);
        Inserted::New(local)
    }
}

impl Shard {
    /// Words per record: the state's width (exact) or 1 (a fingerprint).
    pub fn record_width(&self) -> usize {
        self.record_width
    }

    /// The records (states or fingerprints), in insertion order.
    pub fn records(&self) -> &[u64] {
        &self.records
    }

    /// The parents, by local index.
    pub fn parents(&self) -> &[u32] {
        &self.parents
    }

    /// Store a record read back from a checkpoint (a state, or in
    /// fingerprint mode a fingerprint) at the next local index; `false`
    /// if it was stored already or the shard is full (the checkpoint is
    /// then not one this store wrote).
    pub fn restore(&mut self, record: &[u64], parent: u32) -> bool {
        let hash = match self.mode {
            Mode::Exact => hash_words(record),
            Mode::Fingerprint => record[0],
        };
        matches!(self.insert(hash, record, parent), Inserted::New(_))
    }

    /// For an [`Shard::indexed`] shard: the index of `words`, and whether
    /// it was stored just now (reached from `parent`, or [`NO_PARENT`]);
    /// `None` when the shard is full.
    pub fn intern(&mut self, words: &[u64], parent: u32) -> Option<(u32, bool)> {
        debug_assert_eq!(self.key, Key::TaggedId);
        let hash = self.hash(words);
        if let (_, Err(found)) = self.lookup(hash, words) {
            return found.map(|i| (i, false));
        }
        match self.insert(hash, words, parent) {
            Inserted::New(i) => Some((i, true)),
            Inserted::Old | Inserted::Full => None,
        }
    }
}

/// Every distinct state of the safety search, in [`SHARDS`] shards.
#[derive(Debug)]
pub struct Store {
    /// The shards' mode (kept here too: [`Store::hash`] is on the hot path).
    mode: Mode,
    shards: Vec<Shard>,
}

impl Store {
    /// An empty store of states `width` words wide; with `indexed`, its
    /// tables keep indices ([`Shard::index_of`]).
    pub fn new(width: usize, mode: Mode, indexed: bool) -> Store {
        let shards = (0..SHARDS)
            .map(|_| Store::empty_shard(width, mode, indexed))
            .collect();
        Store { mode, shards }
    }

    /// A store of these shards (read back from a checkpoint).
    pub fn from_shards(shards: Vec<Shard>) -> Store {
        debug_assert_eq!(shards.len(), SHARDS);
        Store {
            mode: shards.first().map_or(Mode::Exact, |s| s.mode),
            shards,
        }
    }

    /// An empty shard of this store's kind.
    pub fn empty_shard(width: usize, mode: Mode, indexed: bool) -> Shard {
        let shard = Shard::new(width, mode, SHARD_CAPACITY);
        if indexed { shard.with_index() } else { shard }
    }

    /// The local index of a state with `hash` in its shard, if stored (the
    /// store must be `indexed`).
    #[inline]
    pub fn index_of(&self, hash: u64, words: &[u64]) -> Option<u32> {
        self.shards[Store::shard_of(hash)].index_of(hash, words)
    }

    /// The shards.
    pub fn shards(&self) -> &[Shard] {
        &self.shards
    }

    /// Words per state.
    pub fn width(&self) -> usize {
        self.shards[0].width()
    }

    /// The number of states stored.
    pub fn len(&self) -> u64 {
        self.shards.iter().map(|s| s.len() as u64).sum()
    }

    /// Bytes held: tables, records and parents.
    pub fn bytes(&self) -> u64 {
        self.shards.iter().map(|s| s.bytes() as u64).sum()
    }

    /// Bytes each new state adds (not counting table growth).
    pub fn bytes_per_state(&self) -> usize {
        self.shards[0].bytes_per_state()
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
    pub fn shards_mut(&mut self) -> &mut [Shard] {
        &mut self.shards
    }

    /// Bytes shard `s`'s table would add if `extra` more states came.
    pub fn growth_bytes(&self, s: usize, extra: usize) -> usize {
        self.shards[s].growth_bytes(extra)
    }

    /// The state `id` was first reached from; `None` for an initial state.
    pub fn parent(&self, id: StateId) -> Option<StateId> {
        self.shards[id.shard()].parent(id.local()).map(StateId)
    }

    /// Whether `words` is the state stored as `id` (in fingerprint mode:
    /// has its fingerprint).
    pub fn is(&self, id: StateId, words: &[u64]) -> bool {
        self.shards[id.shard()].is(id.local(), words)
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

/// Whether two states' words are equal. States are a few words, so an
/// inlined loop beats the call into `memcmp` that `==` on slices becomes
/// (6% of a two-word model's run was that call's overhead); the XOR fold
/// keeps the compiler from turning the loop back into one.
#[inline]
fn same_words(a: &[u64], b: &[u64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert(store: &mut Store, words: &[u64], parent: u32) -> Option<StateId> {
        let hash = store.hash(words);
        let s = Store::shard_of(hash);
        match store.shards_mut()[s].insert(hash, words, parent) {
            Inserted::New(local) => Some(StateId::new(local, s)),
            Inserted::Old => None,
            Inserted::Full => panic!("full"),
        }
    }

    #[test]
    fn every_mode_and_width_dedups() {
        let kinds = [Mode::Exact, Mode::Fingerprint].map(|m| [(m, false), (m, true)]);
        for (mode, indexed) in kinds.into_iter().flatten() {
            for width in [0, 1, 2, 3] {
                let mut store = Store::new(width, mode, indexed);
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
                    if indexed {
                        let hash = store.hash(&state(i));
                        let local = store.index_of(hash, &state(i)).expect("stored");
                        let id = StateId::new(local, Store::shard_of(hash));
                        assert!(store.is(id, &state(i)));
                    }
                }
                if indexed && width > 0 {
                    let absent = state(limit + 1);
                    assert_eq!(store.index_of(store.hash(&absent), &absent), None);
                }
                assert_eq!(store.len(), limit);
                assert_eq!(store.parent(first.expect("new")), None);
            }
        }
    }

    #[test]
    fn a_lone_shard_gives_dense_indices() {
        for width in [0, 1, 2] {
            let mut shard = Shard::new(width, Mode::Exact, CAPACITY);
            let state = |i: u64| vec![i; width];
            let limit: u64 = if width == 0 { 1 } else { 3_000 };
            for i in 0..limit {
                let parent = i.checked_sub(1).map_or(NO_PARENT, |p| p as u32);
                let words = state(i);
                let hash = shard.hash(&words);
                assert!(
                    matches!(shard.insert(hash, &words, parent), Inserted::New(n) if n == i as u32)
                );
                assert!(matches!(shard.insert(hash, &words, 0), Inserted::Old));
            }
            assert_eq!(shard.len(), limit as usize);
            for i in 0..limit {
                assert_eq!(shard.get(i as u32), state(i).as_slice());
                assert_eq!(shard.parent(i as u32), i.checked_sub(1).map(|p| p as u32));
            }
        }
        let mut tiny = Shard::new(1, Mode::Exact, 3);
        for i in 0..2 {
            assert!(matches!(
                tiny.insert(hash_words(&[i]), &[i], NO_PARENT),
                Inserted::New(_)
            ));
        }
        assert!(matches!(
            tiny.insert(hash_words(&[9]), &[9], NO_PARENT),
            Inserted::Full
        ));
    }

    #[test]
    fn an_indexed_shard_finds_the_index_of_a_stored_state() {
        for width in [0, 1, 3] {
            let mut shard = Shard::indexed(width);
            let limit: u64 = if width == 0 { 1 } else { 2_000 };
            for i in 0..limit {
                let words = vec![i; width];
                assert!(matches!(
                    shard.insert(shard.hash(&words), &words, NO_PARENT),
                    Inserted::New(_)
                ));
            }
            for i in 0..limit {
                let words = vec![i; width];
                assert_eq!(
                    shard.intern(&words, 0),
                    Some((i as u32, false)),
                    "{width} {i}"
                );
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
