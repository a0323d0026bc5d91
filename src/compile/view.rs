//! The packed view of a state (`view: e1, e2`): what the store keeps and
//! compares in the state's place.
//!
//! The view's values are laid out like a state whose variables are the
//! view's expressions ([`Layout::from_types`]). A view of plain variables
//! is a copy of their bit fields; any other view runs on the fast
//! evaluator, or where it cannot (or bails) on the reference interpreter,
//! which gives the same words or the runtime error.

use crate::check::ir::{self, ExprKind, TypeId};
use crate::compile::{Model, RuntimeError, RuntimeErrorKind, Worker, bits, fit, fresh_frame, show};
use crate::value::Value;

use super::layout::Layout;

/// A spec's view, compiled.
#[derive(Clone, Debug)]
pub struct View {
    /// The view's values as the fields of one packed word string.
    layout: Layout,
    /// Each value's type.
    types: Vec<TypeId>,
    /// When every value is a variable: each one's bit field in the state
    /// (first bit, width), copied one after the other.
    fields: Option<Vec<(u64, u64)>>,
    /// Each value's bit field in the view (first bit, width).
    slots: Vec<(u64, u64)>,
}

impl View {
    /// The view of `spec`, if it declares one.
    pub fn new(spec: &ir::Spec, state: &Layout) -> Option<View> {
        let view = spec.view.as_ref()?;
        let types: Vec<TypeId> = view.exprs.iter().map(|e| e.ty).collect();
        let fields = view
            .exprs
            .iter()
            .map(|e| match e.kind {
                ExprKind::Var(v) => Some(state.field(v)),
                _ => None,
            })
            .collect();
        let layout = Layout::from_types(&spec.types, &types);
        let slots = (0..types.len())
            .map(|i| layout.field(ir::VarId(i as u32)))
            .collect();
        Some(View {
            layout,
            types,
            fields,
            slots,
        })
    }

    /// Words per view (at least one, so that the store has a key).
    pub fn words(&self) -> usize {
        self.layout.words().max(1)
    }

    /// Whether the view is copied from the state's bits (no evaluation).
    pub fn is_projection(&self) -> bool {
        self.fields.is_some()
    }
}

impl Model {
    /// Forget the spec's view (`--no-view`): states are told apart by all
    /// their variables.
    pub fn drop_view(&mut self) {
        self.view = None;
        self.spec.view = None;
        self.fast.drop_view();
    }

    /// The view, if the spec declares one.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }

    /// The view of a packed state into `out` (of [`View::words`] words). The spec must declare a view.
    pub fn view_of(
        &self,
        w: &mut Worker,
        state: &[u64],
        out: &mut Vec<u64>,
    ) -> Result<(), RuntimeError> {
        let view = self.view.as_ref().expect("the spec declares a view");
        out.clear();
        out.resize(view.words(), 0);
        if let Some(fields) = &view.fields {
            let mut at = 0;
            for &(from, width) in fields {
                bits::copy(state, from, out, at, width);
                at += width;
            }
            return Ok(());
        }
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, state);
        if let Some(Ok(())) = self.fast.view(m, &view.slots, out) {
            return Ok(());
        }
        self.reference_view(state, out)
    }

    /// The view of a packed state by the reference interpreter (which
    /// [`Model::view_of`] falls back to, and is tested against).
    pub fn reference_view(&self, state: &[u64], out: &mut Vec<u64>) -> Result<(), RuntimeError> {
        let view = self.view.as_ref().expect("the spec declares a view");
        out.clear();
        out.resize(view.words(), 0);
        let decl = self.spec.view.as_ref().expect("compiled from a view");
        let vars = self.decode(state);
        let unset = vec![false; vars.len()];
        let mut values: Vec<Value> = Vec::with_capacity(decl.exprs.len());
        for (e, &ty) in decl.exprs.iter().zip(&view.types) {
            let value = self
                .env(&vars, &unset)
                .eval(e, &mut fresh_frame(&decl.frame))?;
            if let Err(why) = fit::fits(&self.spec, ty, &value) {
                let kind = RuntimeErrorKind::LeavesType {
                    place: "the view".into(),
                    value: show::value(&self.spec, ty, &value).into(),
                    ty: show::type_name(&self.spec, ty).into(),
                    why: why.into(),
                };
                return Err(RuntimeError::new(kind, e.span));
            }
            values.push(value);
        }
        let words = view.layout.encode_state(&values).map_err(|_| {
            let kind = RuntimeErrorKind::Internal {
                expected: "a view value that fits its type",
            };
            RuntimeError::new(kind, decl.span)
        })?;
        out[..words.len()].copy_from_slice(&words);
        Ok(())
    }
}
