//! The abstract side of a `refines`: the abstract spec compiled, its
//! initial states, and the check that a mapped step is one of its steps.
//!
//! [`ExprKind::Refines`](crate::check::ir::ExprKind::Refines) evaluates the
//! mapping in this spec (the reference interpreter, `eval.rs`), then hands
//! the values here: [`Abstract::pack`] carries them into the abstract
//! spec's types and packs them as an abstract state, and
//! [`Abstract::is_initial`] and [`Abstract::steps_to`] answer the two
//! questions. The abstract spec runs without reductions: its steps are
//! taken as written. Successor sets are remembered per thread, so a state
//! with many successors maps its abstract state's steps once.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::{Model, RuntimeError, RuntimeErrorKind, Worker, fit, show};
use crate::check::ir::{ActionId, Expr, RefinementDef, Spec};
use crate::source::Span;
use crate::value::Value;

/// The abstract spec of a `refines`, ready to answer for mapped states.
pub struct Abstract {
    /// The abstract spec's name.
    pub name: String,
    /// The abstract spec, compiled.
    pub model: Model,
    /// How each mapped value becomes a value of its abstract variable.
    conversions: Vec<crate::check::ir::Conversion>,
    /// Its initial states, packed (or the error computing them).
    initial: Result<HashSet<Box<[u64]>>, RuntimeError>,
    /// The `refines` declaration (where its own errors point).
    span: Span,
}

impl std::fmt::Debug for Abstract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Abstract")
            .field("name", &self.name)
            .finish()
    }
}

/// Abstract states and the set of their successors, per thread.
struct Steps {
    /// Which [`Abstract`] they belong to (its address).
    owner: usize,
    worker: Worker,
    successors: HashMap<Box<[u64]>, HashSet<Box<[u64]>>>,
}

thread_local! {
    static STEPS: RefCell<Option<Steps>> = const { RefCell::new(None) };
}

/// Successor sets remembered per thread, at most.
const REMEMBERED: usize = 1 << 16;

impl Abstract {
    /// Compile the abstract spec of `def`.
    pub fn new(def: &RefinementDef) -> Abstract {
        let model = super::compile((*def.spec).clone());
        let mut initial = HashSet::new();
        let found = model.initial_states(&mut |s| {
            initial.insert(s.into());
        });
        let span = def.span;
        Abstract {
            name: def.name.clone(),
            initial: found
                .map(|()| initial)
                .map_err(|e| in_abstract(&def.name, &e, span)),
            model,
            conversions: def.conversions.clone(),
            span,
        }
    }

    /// The abstract values of the mapped `values` (one per abstract
    /// variable, computed by `exprs` of `spec`), each checked against its
    /// abstract variable's type.
    pub fn convert(
        &self,
        spec: &Spec,
        exprs: &[Expr],
        values: &[Value],
    ) -> Result<Vec<Value>, RuntimeError> {
        let abs = &self.model.spec;
        let mut out = Vec::with_capacity(values.len());
        for (((var, conversion), x), v) in abs
            .vars
            .iter()
            .zip(&self.conversions)
            .zip(exprs)
            .zip(values)
        {
            let leaves = |why: String| {
                let kind = RuntimeErrorKind::LeavesType {
                    place: format!("{}'s `{}`", self.name, var.name).into(),
                    value: show::value(spec, x.ty, v).into(),
                    ty: show::type_name(abs, var.ty).into(),
                    why: why.into(),
                };
                RuntimeError::new(kind, x.span)
            };
            let converted = conversion.apply(v).map_err(|_| {
                leaves(format!(
                    "it has a value that {}'s `{}` has no name for",
                    self.name,
                    show::type_name(abs, var.ty)
                ))
            })?;
            fit::fits(abs, var.ty, &converted).map_err(leaves)?;
            out.push(converted);
        }
        Ok(out)
    }

    /// The packed abstract state of abstract values.
    pub fn pack(&self, values: &[Value]) -> Result<Vec<u64>, RuntimeError> {
        let mut words = vec![0; self.model.state_words()];
        self.model.encode(values, &mut words)?;
        Ok(words)
    }

    /// Whether a packed abstract state is one of the abstract spec's
    /// initial states.
    pub fn is_initial(&self, state: &[u64]) -> Result<bool, RuntimeError> {
        match &self.initial {
            Ok(initial) => Ok(initial.contains(state)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Whether some step of the abstract spec goes from `from` to `to`
    /// (both packed).
    pub fn steps_to(&self, from: &[u64], to: &[u64]) -> Result<bool, RuntimeError> {
        let owner = self as *const Abstract as usize;
        STEPS.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.as_ref().is_none_or(|s| s.owner != owner) {
                *slot = Some(Steps {
                    owner,
                    worker: self.model.worker(),
                    successors: HashMap::new(),
                });
            }
            let steps = slot.as_mut().expect("just set");
            if let Some(set) = steps.successors.get(from) {
                return Ok(set.contains(to));
            }
            let mut set = HashSet::new();
            self.model
                .step(&mut steps.worker, from, &mut |_, s| {
                    set.insert(Box::<[u64]>::from(s));
                })
                .map_err(|e| in_abstract(&self.name, &e.error, self.span))?;
            let holds = set.contains(to);
            if steps.successors.len() >= REMEMBERED {
                steps.successors.clear();
            }
            steps.successors.insert(from.into(), set);
            Ok(holds)
        })
    }

    /// The first abstract action instance that goes from `from` to `to`
    /// (decoded), for the trace: `None` when none does.
    pub fn step_between(&self, from: &[Value], to: &[Value]) -> Option<(ActionId, Vec<Value>)> {
        let to = self.pack(to).ok()?;
        let mut found = None;
        let _ = self.model.successors_of(from, &mut |s| {
            if found.is_none() && s.state == to.as_slice() {
                found = Some((s.action, s.args.to_vec()));
            }
        });
        found
    }
}

/// An error of the abstract spec (whose spans point into another file) as
/// an error at the `refines` declaration.
fn in_abstract(name: &str, error: &RuntimeError, span: Span) -> RuntimeError {
    let kind = RuntimeErrorKind::InAbstract {
        spec: name.into(),
        message: error.kind.details().message,
    };
    RuntimeError::new(kind, span)
}
