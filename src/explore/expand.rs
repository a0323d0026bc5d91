//! The work every search strategy shares: expanding one state into its
//! successors and checking the state properties on a state.
//!
//! Both are pure functions of the state, so a level's states can be
//! expanded and checked in any order, on any thread; the caller puts the
//! results back in canonical order. A [`Finding`] says what went wrong; a
//! [`Place`] says where, so the trace can be rebuilt; a [`Found`] adds the
//! canonical key that picks the first finding of a level.

use crate::check::ir::{ActionId, PropertyId, PropertyKind};
use crate::compile::{ActionError, RuntimeError};

use super::space::Space;
use super::store::StateId;

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
    /// Must hold on every step that changes the state.
    pub transitions: Vec<PropertyId>,
    /// Must hold in every initial state.
    pub initials: Vec<PropertyId>,
}

impl Properties {
    /// The properties of a model, sorted by kind.
    pub fn of(model: &impl Space) -> Properties {
        let mut props = Properties::default();
        for (i, kind) in model.property_kinds().into_iter().enumerate() {
            let id = PropertyId(i as u32);
            match kind {
                PropertyKind::Invariant => props.invariants.push(id),
                PropertyKind::Reachable => props.reachables.push(id),
                PropertyKind::Constraint => props.constraints.push(id),
                PropertyKind::Terminal => props.terminals.push(id),
                PropertyKind::Transition => props.transitions.push(id),
                PropertyKind::Initial => props.initials.push(id),
            }
        }
        props
    }
}

/// Something that ends the search.
#[derive(Clone, Debug)]
pub enum Finding {
    /// This invariant is false (or this `transition`, on the last step).
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
    /// A state that was generated but not stored (outside a constraint,
    /// or the end of a step a `transition` rejects), from `parent` (`None`
    /// for an initial state).
    Outside {
        /// The state it was generated from.
        parent: Option<StateId>,
        /// Its words.
        words: Vec<u64>,
        /// The action that generated it, when the trace must show that one
        /// (a `transition` may test it), not the first that leads there.
        action: Option<ActionId>,
    },
}

/// A finding with its place and canonical key: `position << 32 | index`,
/// the position of the expanded state in its level and the index of the
/// successor (`u32::MAX` for a finding about the expanded state itself).
#[derive(Clone, Debug)]
pub struct Found {
    /// The canonical key; the lowest wins.
    pub key: u64,
    /// Where.
    pub place: Place,
    /// What.
    pub finding: Finding,
}

/// The canonical key of successor `index` of the state at `position`.
pub fn key(position: usize, index: u32) -> u64 {
    (position as u64) << 32 | u64::from(index)
}

/// Keep the finding with the lower key.
pub fn keep_first(slot: &mut Option<Found>, found: Option<Found>) {
    if let Some(found) = found
        && slot.as_ref().is_none_or(|f| found.key < f.key)
    {
        *slot = Some(found);
    }
}

/// A state with no successor: a deadlock unless some terminal holds.
pub fn deadlock_at<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    props: &Properties,
    state: &[u64],
) -> Option<Finding> {
    for &terminal in &props.terminals {
        match model.check(worker, terminal, state) {
            Ok(true) => return None,
            Ok(false) => {}
            Err(error) => return Some(Finding::PropertyError(error)),
        }
    }
    Some(Finding::Deadlock)
}

/// Whether every property in `ids` holds (the first error stops).
pub fn satisfies_all<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    ids: &[PropertyId],
    state: &[u64],
) -> Result<bool, RuntimeError> {
    for &id in ids {
        if !model.check(worker, id, state)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Check an initial state: the first property that must hold in initial
/// states and does not (or fails), then [`check_state`].
pub fn check_initial<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    props: &Properties,
    pending: &mut Vec<PropertyId>,
    state: &[u64],
    met: &mut Vec<PropertyId>,
) -> Option<Finding> {
    first_false(model, worker, &props.initials, state)
        .or_else(|| check_state(model, worker, props, pending, state, met))
}

/// The first of `ids` that is false in `state` (or fails there).
fn first_false<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    ids: &[PropertyId],
    state: &[u64],
) -> Option<Finding> {
    ids.iter()
        .find_map(|&id| match model.check(worker, id, state) {
            Ok(true) => None,
            Ok(false) => Some(Finding::Invariant(id)),
            Err(error) => Some(Finding::PropertyError(error)),
        })
}

/// Check a state: the invariants, then which of the `pending` reachables
/// hold (moved from `pending` to `met`). Properties in declaration order;
/// the first violated invariant or failing evaluation is the finding.
pub fn check_state<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    props: &Properties,
    pending: &mut Vec<PropertyId>,
    state: &[u64],
    met: &mut Vec<PropertyId>,
) -> Option<Finding> {
    if let Some(finding) = first_false(model, worker, &props.invariants, state) {
        return Some(finding);
    }
    let mut i = 0;
    while let Some(&reachable) = pending.get(i) {
        match model.check(worker, reachable, state) {
            Ok(true) => met.push(pending.remove(i)),
            Ok(false) => i += 1,
            Err(error) => return Some(Finding::PropertyError(error)),
        }
    }
    None
}

/// Check a step from `before` to `after` taken by `action`: the first
/// `transition` (in declaration order) that is false on it, or fails. A
/// step that changes nothing satisfies them all, as a stuttering step
/// satisfies TLA+'s `[][P]_vars`. `step` is scratch space for what a
/// transition reads: the two states' words, then the action's id.
pub fn check_step<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    props: &Properties,
    (before, after): (&[u64], &[u64]),
    action: ActionId,
    step: &mut Vec<u64>,
) -> Option<Finding> {
    if before == after {
        return None;
    }
    step.clear();
    step.extend_from_slice(before);
    step.extend_from_slice(after);
    step.push(u64::from(action.0));
    first_false(model, worker, &props.transitions, step)
}

/// Move the premises of `pending` that hold in `state` to `met` (an error
/// evaluating one counts as holding: the invariant itself reports it).
pub fn check_premises<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    pending: &mut Vec<u32>,
    state: &[u64],
    met: &mut Vec<u32>,
) {
    pending.retain(|&i| {
        let holds = model.premise_holds(worker, i as usize, state) != Ok(false);
        if holds {
            met.push(i);
        }
        !holds
    });
}

/// [`check_state`] for `--continue`: every violated invariant goes into
/// `violated` (in declaration order) rather than ending the check; only a
/// failing evaluation is returned, as the finding that stops the search.
pub fn check_state_all<S: Space>(
    model: &S,
    worker: &mut S::Worker,
    props: &Properties,
    pending: &mut Vec<PropertyId>,
    state: &[u64],
    met: &mut Vec<PropertyId>,
    violated: &mut Vec<PropertyId>,
) -> Option<Finding> {
    for &invariant in &props.invariants {
        match model.check(worker, invariant, state) {
            Ok(true) => {}
            Ok(false) => violated.push(invariant),
            Err(error) => return Some(Finding::PropertyError(error)),
        }
    }
    // No invariants: only the pending reachables are checked.
    check_state(model, worker, &Properties::default(), pending, state, met)
}
