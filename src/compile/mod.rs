//! Stage 3: checked IR → executable model.
//!
//! Lays out the state as fixed-width bit fields in `u64` words (see
//! [`layout`]), and runs actions, initialisers and properties over it. The
//! explorer only sees packed states (`&[u64]`) and the [`Model`] methods.

mod error;
pub mod layout;
pub mod show;

pub use error::{ActionError, RuntimeError, RuntimeErrorKind};

use crate::check::ir::{self, ActionId, PropertyId};
use crate::value::Value;
use layout::Layout;

/// A spec ready to run.
pub struct Model {
    /// The checked spec (names, types and spans for reports).
    pub spec: ir::Spec,
    /// Where each variable lives in a packed state.
    pub layout: Layout,
}

/// One successor of a state: which action instance produced it and the
/// packed successor state.
pub struct Successor<'a> {
    /// The action.
    pub action: ActionId,
    /// Its parameters' values, in declaration order (for traces).
    pub args: &'a [Value],
    /// The packed successor state.
    pub state: &'a [u64],
}

/// Compile a checked spec.
pub fn compile(spec: ir::Spec) -> Model {
    let layout = Layout::new(&spec);
    Model { spec, layout }
}

impl Model {
    /// Words per packed state.
    pub fn state_words(&self) -> usize {
        self.layout.words()
    }

    /// Every initial state, in canonical order (declared initial values,
    /// then the `init` block's branches in order).
    pub fn initial_states(&self, _out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError> {
        todo!("initial states")
    }

    /// Every successor of `state`, action by action in declaration order,
    /// parameter values in canonical order, branches in source order. A
    /// runtime error stops the expansion and names the action instance.
    pub fn successors(
        &self,
        _state: &[u64],
        _out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        todo!("successors")
    }

    /// Whether a state property holds in `state`.
    pub fn holds(&self, _property: PropertyId, _state: &[u64]) -> Result<bool, RuntimeError> {
        todo!("evaluate a property")
    }

    /// The variables' values in a packed state, by `VarId`.
    pub fn decode(&self, state: &[u64]) -> Vec<Value> {
        self.layout.decode_state(state)
    }
}
