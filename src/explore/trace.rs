//! Rebuilding the shortest trace to a state from the parent links.
//!
//! Takes the store and a [`Place`], gives a [`Trace`]: the stored path from
//! an initial state, each step labelled with the first action instance (in
//! canonical order) that leads from the previous state to it, and every
//! state decoded to values. The store keeps only parent ids and the
//! states (or, in fingerprint mode, their fingerprints), not actions: the
//! trace re-runs one expansion per step from the initial state and follows
//! the successor that is the next stored state.

use crate::check::ir::ActionId;
use crate::value::Value;

use super::expand::Place;
use super::space::Space;
use super::store::{StateId, Store};
use super::{Step, Trace};

/// The trace that ends at `place`.
pub fn rebuild<S: Space>(model: &S, store: &Store, place: &Place) -> Trace {
    match place {
        Place::Start => Trace::default(),
        Place::Stored(id) => to_stored(model, store, *id).0,
        Place::Outside {
            parent: None,
            words,
            ..
        } => Trace {
            steps: vec![initial_step(model, words)],
        },
        Place::Outside {
            parent: Some(parent),
            words,
            action,
        } => {
            let (mut trace, last) = to_stored(model, store, *parent);
            let next = step_to(model, &last, |a, s| {
                action.is_none_or(|want| want == a) && *model.representative(s) == words[..]
            });
            if let Some((action, args, state)) = next {
                trace.steps.push(Step {
                    action: Some((action, args)),
                    state: model.decode(&state),
                });
            }
            trace
        }
    }
}

/// The trace from an initial state to the stored state `last`, and the
/// words of its last state.
fn to_stored<S: Space>(model: &S, store: &Store, last: StateId) -> (Trace, Vec<u64>) {
    let mut path = vec![last];
    let mut at = last;
    while let Some(parent) = store.parent(at) {
        path.push(parent);
        at = parent;
    }
    path.reverse();
    let mut words = None;
    // Computing the initial states succeeded during the search.
    let (mut worker, mut view) = (model.worker(), Vec::new());
    let _ = model.initial_states(&mut |state| {
        let stored = model.stored(&mut worker, state, &mut view);
        if words.is_none() && stored.is_ok_and(|s| store.is(path[0], s)) {
            words = Some(state.to_vec());
        }
    });
    let mut words = words.expect("the first state of a stored path is an initial state");
    let mut steps = vec![initial_step(model, &words)];
    for &id in &path[1..] {
        let found = step_to(model, &words, |_, s| {
            let representative = model.representative(s);
            let stored = model.stored(&mut worker, &representative, &mut view);
            stored.is_ok_and(|stored| store.is(id, stored))
        });
        // Only a fingerprint collision can break the path: stop there.
        let Some((action, args, next)) = found else {
            break;
        };
        steps.push(Step {
            action: Some((action, args)),
            state: model.decode(&next),
        });
        words = next;
    }
    (Trace { steps }, words)
}

/// The first successor of `from`, in canonical order, that `wanted`
/// accepts: its action instance and its state (the successor itself, not
/// its representative, so the trace stays a real execution).
fn step_to<S: Space>(
    model: &S,
    from: &[u64],
    mut wanted: impl FnMut(ActionId, &[u64]) -> bool,
) -> Option<(ActionId, Vec<Value>, Vec<u64>)> {
    let mut found = None;
    // The expansion succeeded during the search, so it succeeds again.
    let _ = model.successors(from, &mut |succ| {
        if found.is_none() && wanted(succ.action, succ.state) {
            found = Some((succ.action, succ.args.to_vec(), succ.state.to_vec()));
        }
    });
    found
}

fn initial_step<S: Space>(model: &S, words: &[u64]) -> Step {
    Step {
        action: None,
        state: model.decode(words),
    }
}

/// The first action instance, in canonical order, taking `from` to `to`.
pub fn action_between<S: Space + ?Sized>(
    model: &S,
    from: &[u64],
    to: &[u64],
) -> Option<(ActionId, Vec<Value>)> {
    instance_between(model, from, to, None)
}

/// The first instance (of `action`, if given) taking `from` to `to`.
pub fn instance_between<S: Space + ?Sized>(
    model: &S,
    from: &[u64],
    to: &[u64],
    action: Option<ActionId>,
) -> Option<(ActionId, Vec<Value>)> {
    let mut found = None;
    // The expansion succeeded during the search, so it succeeds again.
    let _ = model.successors(from, &mut |succ| {
        if found.is_none() && succ.state == to && action.is_none_or(|a| a == succ.action) {
            found = Some((succ.action, succ.args.to_vec()));
        }
    });
    found
}
