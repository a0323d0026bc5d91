//! Rebuilding the shortest trace to a state from the parent links.
//!
//! Takes the store and a [`Place`], gives a [`Trace`]: the stored path from
//! an initial state, each step labelled with the first action instance (in
//! canonical order) that leads from the previous state to it, and every
//! state decoded to values. Only states, not actions, are stored during the
//! search; re-running one expansion per step is cheap and keeps the store
//! small.

use crate::check::ir::ActionId;
use crate::value::Value;

use super::expand::Place;
use super::seen::{SeenSet, StateId};
use super::space::Space;
use super::{Step, Trace};

/// The trace that ends at `place`.
pub fn rebuild(model: &dyn Space, seen: &SeenSet, place: &Place) -> Trace {
    match place {
        Place::Start => Trace::default(),
        Place::Stored(id) => to_stored(model, seen, *id),
        Place::Outside {
            parent: None,
            words,
        } => Trace {
            steps: vec![initial_step(model, words)],
        },
        Place::Outside {
            parent: Some(parent),
            words,
        } => {
            let mut trace = to_stored(model, seen, *parent);
            trace
                .steps
                .push(step_between(model, seen.get(*parent), words));
            trace
        }
    }
}

/// The trace from an initial state to the stored state `last`.
fn to_stored(model: &dyn Space, seen: &SeenSet, last: StateId) -> Trace {
    let mut path = vec![last];
    let mut at = last;
    while let Some(parent) = seen.parent(at) {
        path.push(parent);
        at = parent;
    }
    path.reverse();
    let mut steps = Vec::with_capacity(path.len());
    steps.push(initial_step(model, seen.get(path[0])));
    for pair in path.windows(2) {
        steps.push(step_between(model, seen.get(pair[0]), seen.get(pair[1])));
    }
    Trace { steps }
}

fn initial_step(model: &dyn Space, words: &[u64]) -> Step {
    Step {
        action: None,
        state: model.decode(words),
    }
}

/// The step from `from` to `to`: the first action instance leading there.
fn step_between(model: &dyn Space, from: &[u64], to: &[u64]) -> Step {
    Step {
        action: Some(
            action_between(model, from, to)
                .expect("the search reached `to` from `from`, and successors are deterministic"),
        ),
        state: model.decode(to),
    }
}

/// The first action instance, in canonical order, taking `from` to `to`.
pub fn action_between(
    model: &dyn Space,
    from: &[u64],
    to: &[u64],
) -> Option<(ActionId, Vec<Value>)> {
    let mut found = None;
    // The expansion succeeded during the search, so it succeeds again.
    let _ = model.successors(from, &mut |succ| {
        if found.is_none() && succ.state == to {
            found = Some((succ.action, succ.args.to_vec()));
        }
    });
    found
}
