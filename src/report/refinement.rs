//! A failed `refines`, told at both levels: after this spec's trace, the
//! same behaviour as the abstract spec sees it. Each state is mapped; each
//! step is the abstract action instance it implements, a stutter (no
//! abstract variable changes), or, at the end, a change no abstract step
//! makes.

use std::fmt::Write;

use crate::check::ir::{PropertyId, PropertyKind, Spec};
use crate::compile::Model;
use crate::explore::{Step, Trace};

use super::steps;

/// Whether `id` is one of the properties of the spec's `refines`, and
/// the abstract spec's name if so.
pub fn refined(spec: &Spec, id: PropertyId) -> Option<&str> {
    let def = spec.refinement.as_ref()?;
    def.properties.contains(&id).then_some(def.name.as_str())
}

/// The headline, message and label of a failed `refines`.
pub fn describe(spec: &Spec, id: PropertyId, states: usize) -> Option<(String, String, String)> {
    let name = refined(spec, id)?;
    let kind = spec.properties.get(id.index())?.kind;
    let headline = format!("✗ refinement of {name} is violated");
    Some(if kind == PropertyKind::Initial {
        (
            headline,
            format!("the initial state maps to a state that is not an initial state of {name}"),
            format!("{name}'s initial states are not this one"),
        )
    } else {
        (
            headline,
            format!(
                "step {states} of the trace maps to a step that {name} cannot take: \
                 it changes {name}'s variables, and no action of {name} changes them so"
            ),
            format!("{name} has no such step"),
        )
    })
}

/// The trace at the abstract level, as text; `None` when `id` is not a
/// refinement property.
pub fn render(model: &Model, id: PropertyId, trace: &Trace) -> Option<String> {
    let name = refined(&model.spec, id)?;
    let abs = model.refinement()?;
    let mut mapped = Vec::new();
    for step in &trace.steps {
        match model.abstract_state(&step.state) {
            Ok(state) => mapped.push(state),
            Err(error) => {
                let message = error.kind.details().message;
                return Some(format!(
                    "{name}, under the mapping: cannot map a state: {message}\n"
                ));
            }
        }
    }
    let mut titles = Vec::new();
    let mut steps = Vec::new();
    for (i, state) in mapped.iter().enumerate() {
        let action = match i.checked_sub(1).map(|p| &mapped[p]) {
            None => {
                titles.push("initial state".to_string());
                None
            }
            Some(before) if before == state => {
                titles.push(format!("stutter: no variable of {name} changes"));
                None
            }
            Some(before) => match abs.step_between(before, state) {
                Some((action, args)) => {
                    titles.push(steps::action_instance(&abs.model, action, &args));
                    Some((action, args))
                }
                None => {
                    titles.push(format!("no step of {name} does this"));
                    None
                }
            },
        };
        steps.push(Step {
            action,
            state: state.clone(),
        });
    }
    let told = steps::told(&abs.model, &Trace { steps });
    let mut out = format!("{name}, under the mapping (the same steps):\n");
    let width = titles.len().to_string().len();
    for (i, (title, step)) in titles.iter().zip(told).enumerate() {
        let _ = writeln!(out, "  {:>width$}. {title}", i + 1);
        let stutter = i > 0 && mapped[i] == mapped[i - 1];
        for line in step.lines.into_iter().filter(|_| !stutter) {
            let _ = writeln!(out, "  {:width$}    {line}", "");
        }
    }
    Some(out)
}
