//! An open-addressing hash table of `u64` slots, the seen-set's index.
//!
//! Takes a position hash and a match test, gives the slot that matches or
//! the empty one where the key belongs (linear probing; 0 marks an empty
//! slot). What a slot holds is the caller's business: a packed one-word
//! state, a fingerprint, or a hash tag with a state id. Written by hand,
//! rather than with `hashbrown`, for three reasons: one cache miss per
//! lookup when the key fits in the slot, a prefetch of the next lookups'
//! slots, and growth that rehashes from the slots alone (no arena reads).

/// An empty slot.
pub const EMPTY: u64 = 0;

/// Grow when more than `LOAD_NUM / LOAD_DEN` of the slots are full.
const LOAD_NUM: usize = 3;
const LOAD_DEN: usize = 4;

/// The smallest table.
const MIN_SLOTS: usize = 64;

/// Where a probe ended.
pub enum Probe {
    /// A slot matched; what it holds.
    Found(u64),
    /// No slot matched; this empty slot is where the key goes.
    Vacant(usize),
}

/// The slots, a power of two of them.
#[derive(Debug)]
pub struct Table {
    slots: Vec<u64>,
    len: usize,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            slots: vec![EMPTY; MIN_SLOTS],
            len: 0,
        }
    }
}

impl Table {
    /// Full slots.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Bytes held by the slots.
    pub fn bytes(&self) -> usize {
        self.slots.len() * 8
    }

    /// True when `extra` more keys would make the table grow.
    pub fn would_grow(&self, extra: usize) -> bool {
        (self.len + extra) * LOAD_DEN > self.slots.len() * LOAD_NUM
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Ask the CPU to fetch the home slot of `hash` ahead of its probe.
    #[inline]
    pub fn prefetch(&self, hash: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let index = hash as usize & self.mask();
            let ptr = self.slots.as_ptr().wrapping_add(index);
            // SAFETY: prefetching is a hint; it never faults, even out of bounds.
            unsafe {
                std::arch::x86_64::_mm_prefetch(ptr.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = hash;
    }

    /// Probe from the home slot of `hash` for a full slot where `matches`
    /// is true, until an empty slot.
    #[inline]
    pub fn probe(&self, hash: u64, mut matches: impl FnMut(u64) -> bool) -> Probe {
        let mask = self.mask();
        let mut index = hash as usize & mask;
        loop {
            let slot = self.slots[index];
            if slot == EMPTY {
                return Probe::Vacant(index);
            }
            if matches(slot) {
                return Probe::Found(slot);
            }
            index = (index + 1) & mask;
        }
    }

    /// Fill the empty slot `index` that [`Table::probe`] gave, then grow if
    /// the table is too full; `rehash` gives a slot's position hash.
    pub fn fill(&mut self, index: usize, slot: u64, rehash: impl Fn(u64) -> u64) {
        debug_assert!(slot != EMPTY && self.slots[index] == EMPTY);
        self.slots[index] = slot;
        self.len += 1;
        if self.would_grow(0) {
            self.grow(rehash);
        }
    }

    /// Double the slots and put every full one back.
    fn grow(&mut self, rehash: impl Fn(u64) -> u64) {
        let doubled = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.mask();
        for slot in old.into_iter().filter(|&s| s != EMPTY) {
            let mut index = rehash(slot) as usize & mask;
            while self.slots[index] != EMPTY {
                index = (index + 1) & mask;
            }
            self.slots[index] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert(table: &mut Table, key: u64) -> bool {
        let hash = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        match table.probe(hash, |s| s == key) {
            Probe::Found(_) => false,
            Probe::Vacant(i) => {
                table.fill(i, key, |s| s.wrapping_mul(0x9e37_79b9_7f4a_7c15));
                true
            }
        }
    }

    #[test]
    fn keys_are_found_after_growth() {
        let mut table = Table::default();
        for key in 1..10_000u64 {
            assert!(insert(&mut table, key * 3));
        }
        for key in 1..10_000u64 {
            assert!(!insert(&mut table, key * 3));
        }
        assert_eq!(table.len(), 9_999);
        assert!(table.bytes() >= 9_999 * 8 * LOAD_DEN / LOAD_NUM);
    }

    #[test]
    fn growth_is_predicted() {
        let table = Table::default();
        assert!(!table.would_grow(MIN_SLOTS * 3 / 4));
        assert!(table.would_grow(MIN_SLOTS * 3 / 4 + 1));
    }
}
