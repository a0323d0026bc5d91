//! What the explorer needs from a model: packed states, their successors
//! and the state properties. [`Model`] is the one real implementation; the
//! explorer's tests use small hand-written state graphs.

use crate::check::ir::{PropertyId, PropertyKind};
use crate::compile::{ActionError, Model, RuntimeError, Successor};
use crate::value::Value;

/// A state space to explore. Every method is a pure function of its
/// arguments (that is what lets levels be expanded in parallel).
pub trait Space: Sync {
    /// Words per packed state.
    fn state_words(&self) -> usize;
    /// Every initial state, in canonical order.
    fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError>;
    /// Every successor of `state`, in canonical order.
    fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError>;
    /// Whether a state property holds in `state`.
    fn holds(&self, property: PropertyId, state: &[u64]) -> Result<bool, RuntimeError>;
    /// The variables' values in a packed state.
    fn decode(&self, state: &[u64]) -> Vec<Value>;
    /// The kind of each property, by `PropertyId`.
    fn property_kinds(&self) -> Vec<PropertyKind>;
}

impl Space for Model {
    fn state_words(&self) -> usize {
        Model::state_words(self)
    }

    fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError> {
        Model::initial_states(self, out)
    }

    fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        Model::successors(self, state, out)
    }

    fn holds(&self, property: PropertyId, state: &[u64]) -> Result<bool, RuntimeError> {
        // Temporary until `Space` has a per-thread worker: one per thread.
        thread_local! {
            static WORKER: std::cell::RefCell<crate::compile::Worker> = Default::default();
        }
        WORKER.with_borrow_mut(|w| Model::check(self, w, property, state))
    }

    fn decode(&self, state: &[u64]) -> Vec<Value> {
        Model::decode(self, state)
    }

    fn property_kinds(&self) -> Vec<PropertyKind> {
        self.spec.properties.iter().map(|p| p.kind).collect()
    }
}
