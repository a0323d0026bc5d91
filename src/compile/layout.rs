//! The packed state: every variable a fixed-width bit field.
//!
//! Because every stored type is finite, each value has a canonical code of a
//! fixed number of bits: a range `lo..hi` takes ceil(log2(hi-lo+1)) bits, an
//! enum its index, a record its fields side by side, a union a tag plus its
//! widest payload, an option a presence bit plus the payload, `set<T>` one
//! bit per value of T, a map one slot per key, `seq<T, N>` a length plus N
//! slots. A state is a `[u64]` of [`Layout::words`] words.

use crate::check::ir;
use crate::value::Value;

/// Where each variable lives in a packed state.
#[derive(Clone, Debug)]
pub struct Layout {
    words: usize,
}

impl Layout {
    /// The layout of a spec's variables, in declaration order.
    pub fn new(_spec: &ir::Spec) -> Layout {
        todo!("layout")
    }

    /// Words per state.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Decode every variable of a packed state.
    pub fn decode_state(&self, _state: &[u64]) -> Vec<Value> {
        todo!("decode")
    }
}
