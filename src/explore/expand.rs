//! The work every search strategy shares: expanding one state into its
//! successors and checking the state properties on a state.
//!
//! Both are pure functions of the state (and the read-only store of states
//! from earlier levels), so a level's states can be expanded and checked in
//! any order, on any thread; the caller puts the results back in canonical
//! order. A [`Finding`] says what went wrong; a [`Place`] says where, so the
//! trace can be rebuilt.

use crate::check::ir::{PropertyId, PropertyKind};
use crate::compile::{ActionError, RuntimeError};

use super::seen::{SeenSet, StateId};
use super::space::Space;

/// The spec's properties, sorted by kind, each list in declaration order.
#[derive(Clone, Debug, Default)]
pub struct Properties {
    /// Must hold in every reachable state.
    pub invariants: Vec<PropertyId>,
    /// Must hold in some reachable state.
    pub reachables: Vec<PropertyId>,
    /// States outside them are not stored or expanded.
    pub constraints: Vec<PropertyId>,
    /// States where having no successor is fine.
    pub terminals: Vec<PropertyId>,
}

impl Properties {
    /// The properties of a model, sorted by kind.
    pub fn of(model: &dyn Space) -> Properties {
        let mut props = Properties::default();
        for (i, kind) in model.property_kinds().into_iter().enumerate() {
            let id = PropertyId(i as u32);
            match kind {
                PropertyKind::Invariant => props.invariants.push(id),
                PropertyKind::Reachable => props.reachables.push(id),
                PropertyKind::Constraint => props.constraints.push(id),
                PropertyKind::Terminal => props.terminals.push(id),
            }
        }
        props
    }
}

/// Something that ends the search.
#[derive(Clone, Debug)]
pub enum Finding {
    /// This invariant is false.
    Invariant(PropertyId),
    /// No successor, and no terminal holds.
    Deadlock,
    /// Evaluating a property (or the initial states) failed.
    PropertyError(RuntimeError),
    /// Taking an action failed.
    ActionError(ActionError),
}

/// Where a finding is: the state the trace must end in.
#[derive(Clone, Debug)]
pub enum Place {
    /// Before any state (computing the initial states failed).
    Start,
    /// A stored state.
    Stored(StateId),
    /// A state that was generated but not stored (outside a constraint),
    /// from `parent` (`None` for an initial state).
    Outside {
        /// The state it was generated from.
        parent: Option<StateId>,
        /// Its words.
        words: Vec<u64>,
    },
}

/// Successors of a run of states, in canonical order, with what is known
/// about each before it meets the store.
#[derive(Debug, Default)]
pub struct Batch {
    /// The kept successors' words, one after another.
    pub words: Vec<u64>,
    /// Per kept successor: does it satisfy every constraint?
    pub in_model: Vec<bool>,
    /// Per expanded state, in order.
    pub states: Vec<Expanded>,
}

/// What expanding one state gave.
#[derive(Debug)]
pub struct Expanded {
    /// The state expanded (`None` for the initial states' pseudo-parent).
    pub id: Option<StateId>,
    /// Successors generated (duplicates and self-loops included).
    pub generated: u64,
    /// Successors kept in the batch (those not stored in an earlier level).
    pub kept: usize,
    /// An error or deadlock found while expanding; successors kept before
    /// it still come first.
    pub finding: Option<(Place, Finding)>,
}

/// Expand a run of stored states, in order, into one batch. Successors
/// already in `seen` are counted, then dropped.
pub fn expand_run(
    model: &dyn Space,
    props: &Properties,
    seen: &SeenSet,
    ids: &[StateId],
    deadlock: bool,
) -> Batch {
    let mut batch = Batch::default();
    for &id in ids {
        let state = seen.get(id);
        let (words_before, kept_before) = (batch.words.len(), batch.in_model.len());
        let mut generated = 0u64;
        let mut kept = 0usize;
        let mut finding = None;
        let result = model.successors(state, &mut |succ| {
            generated += 1;
            if finding.is_some() || seen.find(succ.state).is_some() {
                return;
            }
            match satisfies_all(model, &props.constraints, succ.state) {
                Ok(ok) => {
                    batch.words.extend_from_slice(succ.state);
                    batch.in_model.push(ok);
                    kept += 1;
                }
                Err(error) => {
                    let place = Place::Outside {
                        parent: Some(id),
                        words: succ.state.to_vec(),
                    };
                    finding = Some((place, Finding::PropertyError(error)));
                }
            }
        });
        if let Err(error) = result {
            // Expanding a state is atomic: when an action instance fails,
            // the successors generated before it are not checked.
            batch.words.truncate(words_before);
            batch.in_model.truncate(kept_before);
            kept = 0;
            finding = Some((Place::Stored(id), Finding::ActionError(error)));
        } else if generated == 0 && deadlock {
            finding = deadlock_at(model, props, id, state);
        }
        let stop = finding.is_some();
        batch.states.push(Expanded {
            id: Some(id),
            generated,
            kept,
            finding,
        });
        if stop {
            break;
        }
    }
    batch
}

/// The initial states as a batch with one pseudo-parent.
pub fn initial_batch(model: &dyn Space, props: &Properties) -> Batch {
    let mut batch = Batch::default();
    let mut generated = 0u64;
    let mut kept = 0usize;
    let mut finding = None;
    let result = model.initial_states(&mut |state| {
        generated += 1;
        if finding.is_some() {
            return;
        }
        match satisfies_all(model, &props.constraints, state) {
            Ok(ok) => {
                batch.words.extend_from_slice(state);
                batch.in_model.push(ok);
                kept += 1;
            }
            Err(error) => {
                let place = Place::Outside {
                    parent: None,
                    words: state.to_vec(),
                };
                finding = Some((place, Finding::PropertyError(error)));
            }
        }
    });
    if let Err(error) = result {
        // No initial state counts when computing them failed.
        batch.words.clear();
        batch.in_model.clear();
        (generated, kept) = (0, 0);
        finding = Some((Place::Start, Finding::PropertyError(error)));
    }
    batch.states.push(Expanded {
        id: None,
        generated,
        kept,
        finding,
    });
    batch
}

/// A state with no successor: a deadlock unless some terminal holds.
fn deadlock_at(
    model: &dyn Space,
    props: &Properties,
    id: StateId,
    state: &[u64],
) -> Option<(Place, Finding)> {
    for &terminal in &props.terminals {
        match model.holds(terminal, state) {
            Ok(true) => return None,
            Ok(false) => {}
            Err(error) => return Some((Place::Stored(id), Finding::PropertyError(error))),
        }
    }
    Some((Place::Stored(id), Finding::Deadlock))
}

/// Whether every property in `ids` holds (the first error stops).
fn satisfies_all(
    model: &dyn Space,
    ids: &[PropertyId],
    state: &[u64],
) -> Result<bool, RuntimeError> {
    for &id in ids {
        if !model.holds(id, state)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Check a state: the invariants, then (for a stored state) which of the
/// `pending` reachables hold. Properties in declaration order; the first
/// violated invariant or failing evaluation is the finding.
pub fn check_state(
    model: &dyn Space,
    props: &Properties,
    pending: &[PropertyId],
    state: &[u64],
    met: &mut Vec<PropertyId>,
) -> Option<Finding> {
    for &invariant in &props.invariants {
        match model.holds(invariant, state) {
            Ok(true) => {}
            Ok(false) => return Some(Finding::Invariant(invariant)),
            Err(error) => return Some(Finding::PropertyError(error)),
        }
    }
    for &reachable in pending {
        match model.holds(reachable, state) {
            Ok(true) => met.push(reachable),
            Ok(false) => {}
            Err(error) => return Some(Finding::PropertyError(error)),
        }
    }
    None
}
