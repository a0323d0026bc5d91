//! What the explorer needs from a model: packed states, their successors
//! and the state properties. [`Model`] is the one real implementation; the
//! explorer's tests use small hand-written state graphs.
//!
//! The hot path ([`Space::step`], [`Space::check`]) takes a per-thread
//! [`Space::Worker`]: scratch space the model reuses from call to call, so
//! expanding a state allocates nothing. [`Space::successors`] also gives the
//! action's arguments; it is the slow path, used only to rebuild traces.

use std::borrow::Cow;

use crate::check::ir::{ActionId, Interleavings, PropertyId, PropertyKind};
use crate::compile::{ActionError, Model, RuntimeError, Successor};
use crate::value::Value;

/// A state space to explore. Every method is a pure function of its
/// arguments (that is what lets levels be expanded in parallel).
pub trait Space: Sync {
    /// Per-thread scratch space for [`Space::step`] and [`Space::check`].
    type Worker: Send;
    /// A fresh worker; each thread makes its own.
    fn worker(&self) -> Self::Worker;
    /// Words per packed state.
    fn state_words(&self) -> usize;
    /// Every initial state, in canonical order.
    fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError>;
    /// Every successor of `state`, in canonical order, with the action
    /// instance that produces it (the slow path, for traces).
    fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError>;
    /// Every successor of `state`, in the order of [`Space::successors`],
    /// with only the action (the hot path).
    fn step(
        &self,
        worker: &mut Self::Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, &[u64]),
    ) -> Result<(), ActionError> {
        let _ = worker;
        self.successors(state, &mut |succ| out(succ.action, succ.state))
    }
    /// Whether a state property holds in `state`.
    fn check(
        &self,
        worker: &mut Self::Worker,
        property: PropertyId,
        state: &[u64],
    ) -> Result<bool, RuntimeError>;
    /// The variables' values in a packed state.
    fn decode(&self, state: &[u64]) -> Vec<Value>;
    /// The state the search stores for `state`: under symmetry reduction
    /// its class's representative (what [`Space::step`] and
    /// [`Space::initial_states`] give), otherwise itself.
    /// [`Space::successors`] gives the successors themselves, so a trace
    /// follows a real execution.
    fn representative<'a>(&self, state: &'a [u64]) -> Cow<'a, [u64]> {
        Cow::Borrowed(state)
    }
    /// With a `view`, the words of one state's view, which the store
    /// keeps in the state's place; `None` without.
    fn view_words(&self) -> Option<usize> {
        None
    }
    /// What the store keeps for `state`: the state itself, or with a
    /// `view` its view (written into `buf`). Two states with the same
    /// stored words are one state of the search.
    fn stored<'a>(
        &self,
        worker: &mut Self::Worker,
        state: &'a [u64],
        buf: &'a mut Vec<u64>,
    ) -> Result<&'a [u64], RuntimeError> {
        let _ = (worker, buf);
        Ok(state)
    }
    /// Under symmetry reduction, how many states the representative
    /// `state` stands for (its orbit's size); `None` without reduction.
    fn orbit(&self, worker: &mut Self::Worker, state: &[u64]) -> Option<u128> {
        let _ = (worker, state);
        None
    }
    /// How many implication premises the model has (for the vacuity
    /// warning; none by default).
    fn premises(&self) -> usize {
        0
    }
    /// Whether premise `i` holds in `state`.
    fn premise_holds(
        &self,
        worker: &mut Self::Worker,
        i: usize,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        let _ = (worker, i, state);
        Ok(true)
    }
    /// The kind of each property, by `PropertyId`.
    fn property_kinds(&self) -> Vec<PropertyKind>;
    /// Under symmetry reduction, the nanoseconds `worker` spent
    /// canonicalising successors so far; `None` without.
    fn canonical_nanos(&self, worker: &Self::Worker) -> Option<u64> {
        let _ = worker;
        None
    }
    /// With partial-order reduction on: the units of the actions and how
    /// they may interfere; `None` without.
    fn interleavings(&self) -> Option<&Interleavings> {
        None
    }
    /// Every successor of `state`, in the order of [`Space::step`], with
    /// its unit (an index into [`Space::interleavings`]'s units).
    fn unit_steps(
        &self,
        worker: &mut Self::Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, u32, &[u64]),
    ) -> Result<(), ActionError> {
        self.step(worker, state, &mut |action, succ| {
            out(action, u32::MAX, succ)
        })
    }
}

impl Space for Model {
    type Worker = crate::compile::Worker;

    fn worker(&self) -> Self::Worker {
        Model::worker(self)
    }

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

    fn step(
        &self,
        worker: &mut Self::Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, &[u64]),
    ) -> Result<(), ActionError> {
        Model::step(self, worker, state, out)
    }

    fn check(
        &self,
        worker: &mut Self::Worker,
        property: PropertyId,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        Model::check(self, worker, property, state)
    }

    fn decode(&self, state: &[u64]) -> Vec<Value> {
        Model::decode(self, state)
    }

    fn representative<'a>(&self, state: &'a [u64]) -> Cow<'a, [u64]> {
        Model::representative(self, state)
    }

    fn orbit(&self, worker: &mut Self::Worker, state: &[u64]) -> Option<u128> {
        Model::orbit(self, worker, state)
    }

    fn view_words(&self) -> Option<usize> {
        self.view().map(|v| v.words())
    }

    fn stored<'a>(
        &self,
        worker: &mut Self::Worker,
        state: &'a [u64],
        buf: &'a mut Vec<u64>,
    ) -> Result<&'a [u64], RuntimeError> {
        if self.view().is_none() {
            return Ok(state);
        }
        self.view_of(worker, state, buf)?;
        Ok(buf)
    }

    fn premises(&self) -> usize {
        self.premises.len()
    }

    fn premise_holds(
        &self,
        worker: &mut Self::Worker,
        i: usize,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        Model::premise_holds(self, worker, i, state)
    }

    fn property_kinds(&self) -> Vec<PropertyKind> {
        self.spec.properties.iter().map(|p| p.kind).collect()
    }

    fn canonical_nanos(&self, worker: &Self::Worker) -> Option<u64> {
        self.symmetry().map(|_| worker.canonical_nanos)
    }

    fn interleavings(&self) -> Option<&Interleavings> {
        self.por().and(self.spec.interleavings.as_ref())
    }

    fn unit_steps(
        &self,
        worker: &mut Self::Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, u32, &[u64]),
    ) -> Result<(), ActionError> {
        Model::unit_steps(self, worker, state, out)
    }
}
