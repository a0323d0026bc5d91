//! Stage 3: checked IR → executable model.
//!
//! Lays out the state as fixed-width bit fields in `u64` words (see
//! [`layout`]), and runs actions, initialisers and properties over it. The
//! explorer only sees packed states (`&[u64]`) and the [`Model`] methods.
//!
//! Two evaluators. The reference interpreter works on decoded `Value`s:
//! `codec` writes one type's values as bits, `eval` evaluates expressions,
//! `exec` runs statements (branching on `choose` / `either`), `pattern`
//! matches, `fit` checks that a stored value belongs to its type; what
//! the operators mean is `value::ops` (shared with constant folding and
//! the fast evaluator). It gives traces their arguments
//! ([`Model::successors`]), initial states and runtime errors. The fast
//! evaluator ([`fast`], run by [`Model::step`] and [`Model::check`] with a
//! per-thread [`Worker`], see `fast_api.rs`) works on the packed codes
//! directly; it gives the same successors in the same order, and hands
//! anything it cannot do to the reference interpreter.

pub mod bits;
mod codec;
#[cfg(test)]
mod e2e;
mod error;
mod eval;
mod exec;
pub mod fast;
mod fast_api;
#[cfg(test)]
mod fast_tests;
mod fit;
mod history;
#[cfg(test)]
mod history_tests;
pub mod layout;
mod pattern;
pub mod por;
pub mod premise;
pub mod refinement;
pub mod show;
pub mod symmetry;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
pub mod view;

pub use error::{ActionError, RuntimeError, RuntimeErrorKind};

use crate::check::ir::{self, ActionDef, ActionId, Frame, PatternKind, PropertyId, Type, VarId};
use crate::value::Value;
use eval::{Env, Tables};
use exec::{Branch, Exec};
use layout::Layout;

/// Evaluate an expression checked against `spec` (see
/// [`crate::check::check_expr`]), with its own locals, in a state decoded
/// by `VarId`.
pub fn evaluate(
    spec: &ir::Spec,
    frame: &Frame,
    expr: &ir::Expr,
    vars: &[Value],
) -> Result<Value, RuntimeError> {
    let tables = Tables::new(spec);
    let env = Env {
        spec,
        tables: &tables,
        vars,
        unset: &[],
        next: &[],
        step: None,
    };
    env.eval(expr, &mut fresh_frame(frame))
}

/// A spec ready to run.
pub struct Model {
    /// The checked spec (names, types and spans for reports).
    pub spec: ir::Spec,
    /// Where each variable lives in a packed state.
    pub layout: Layout,
    /// Every value of a type, built on first use.
    tables: Tables,
    /// Actions and properties compiled to work on packed codes.
    fast: fast::Fast,
    /// The premises of implication invariants (for the vacuity warning).
    pub premises: Vec<premise::Premise>,
    /// Symmetry reduction, when on: [`Model::step`] and
    /// [`Model::initial_states`] give each state's representative.
    symmetry: Option<symmetry::Symmetry>,
    /// What [`Model::reduce_symmetry`] decided.
    reduction: symmetry::Reduction,
    /// `view: ...`: what the store keeps in each state's place.
    view: Option<view::View>,
    /// Partial-order reduction, when on.
    por: Option<por::Por>,
    /// Why the declared reduction is off.
    por_skip: Option<por::PorSkip>,
}

/// Per-thread scratch space for [`Model::step`] and [`Model::check`]:
/// buffers that grow once and are reused, so the hot path allocates
/// nothing per state. Make one per thread with [`Model::worker`].
#[derive(Debug, Default)]
pub struct Worker {
    machine: fast::Machine,
    /// Successors of the state being expanded: their actions, and their
    /// states end to end.
    actions: Vec<ActionId>,
    states: Vec<u64>,
    /// Scratch space for canonicalising, and the representative.
    symmetry: symmetry::Scratch,
    canon: Vec<u64>,
    /// Nanoseconds spent canonicalising successors (for `--stats`).
    pub canonical_nanos: u64,
    /// What the `refines` check remembers.
    refinement: refinement::Scratch,
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
    let tables = Tables::new(&spec);
    let premises = premise::premises(&spec);
    let fast = fast::Fast::new(&spec, &layout, &tables, &premises);
    let view = view::View::new(&spec, &layout);
    Model {
        spec,
        layout,
        tables,
        fast,
        premises,
        symmetry: None,
        reduction: symmetry::Reduction::default(),
        view,
        por: None,
        por_skip: None,
    }
}

/// A fresh local frame: every slot a placeholder until bound.
fn fresh_frame(frame: &Frame) -> Vec<Value> {
    vec![Value::Bool(false); frame.locals.len()]
}

impl Model {
    /// Words per packed state.
    pub fn state_words(&self) -> usize {
        self.layout.words()
    }

    /// Reduce by the symmetry of every `symmetric` set the spec treats
    /// alike; [`Model::reduction`] says which, and why not the others.
    pub fn reduce_symmetry(&mut self) {
        let reduction = symmetry::Reduction::of(&self.spec);
        let sets: Vec<ir::TypeId> = reduction.reduced.iter().map(|g| g.ty).collect();
        self.symmetry = (!sets.is_empty()).then(|| {
            let var_types: Vec<ir::TypeId> = self.spec.vars.iter().map(|v| v.ty).collect();
            symmetry::Symmetry::new(&self.spec.types, &var_types, &self.layout, &sets)
        });
        self.reduction = reduction;
    }

    /// Which `symmetric` sets the search reduces by, and why not the
    /// others (empty unless [`Model::reduce_symmetry`] ran).
    pub fn reduction(&self) -> &symmetry::Reduction {
        &self.reduction
    }

    /// The symmetry being reduced, if any.
    pub fn symmetry(&self) -> Option<&symmetry::Symmetry> {
        self.symmetry.as_ref()
    }

    /// Under symmetry reduction, the size of `state`'s orbit: how many
    /// states its representative stands for.
    pub fn orbit(&self, w: &mut Worker, state: &[u64]) -> Option<u128> {
        let sym = self.symmetry.as_ref()?;
        sym.order()?;
        w.canon.resize(state.len(), 0);
        sym.canonical(&mut w.symmetry, state, &mut w.canon);
        w.symmetry.orbit(sym)
    }

    /// The state that stands for `state` in the search: its class's
    /// representative under symmetry reduction, otherwise itself.
    pub fn representative<'a>(&self, state: &'a [u64]) -> std::borrow::Cow<'a, [u64]> {
        match &self.symmetry {
            None => std::borrow::Cow::Borrowed(state),
            Some(sym) => {
                let mut out = vec![0; state.len()];
                sym.canonical(&mut symmetry::Scratch::default(), state, &mut out);
                std::borrow::Cow::Owned(out)
            }
        }
    }

    fn env<'a>(&'a self, vars: &'a [Value], unset: &'a [bool]) -> Env<'a> {
        Env {
            spec: &self.spec,
            tables: &self.tables,
            vars,
            unset,
            next: &[],
            step: None,
        }
    }

    fn exec(&self) -> Exec<'_> {
        Exec {
            spec: &self.spec,
            tables: &self.tables,
        }
    }

    /// The abstract spec of the `refines` this spec declares, if any.
    pub fn refinement(&self) -> Option<&refinement::Abstract> {
        self.tables.refinement(&self.spec)
    }

    /// Encode a completed branch's variables into `buf`.
    fn encode(&self, vars: &[Value], buf: &mut [u64]) -> Result<(), RuntimeError> {
        self.layout.encode_state_into(vars, buf).map_err(|var| {
            let kind = RuntimeErrorKind::Internal {
                expected: "a value that fits its variable's type",
            };
            RuntimeError::new(kind, self.spec.vars[var.index()].span)
        })
    }

    /// Every initial state, in canonical order (declared initial values,
    /// then the `init` block's branches in order).
    pub fn initial_states(&self, out: &mut dyn FnMut(&[u64])) -> Result<(), RuntimeError> {
        let Some(sym) = &self.symmetry else {
            return self.declared_initial_states(true, out);
        };
        let mut scratch = symmetry::Scratch::default();
        let mut canon = vec![0; self.layout.words()];
        self.declared_initial_states(true, &mut |s| {
            sym.canonical(&mut scratch, s, &mut canon);
            out(&canon)
        })
    }

    /// The initial states as `init` gives them (no representative taken),
    /// on the fast path when `fast` and it can.
    pub(crate) fn declared_initial_states(
        &self,
        fast: bool,
        out: &mut dyn FnMut(&[u64]),
    ) -> Result<(), RuntimeError> {
        let n = self.spec.vars.len();
        let mut vars = vec![Value::Bool(false); n];
        let mut unset = vec![true; n];
        for (i, var) in self.spec.vars.iter().enumerate() {
            let Some((locals, e)) = &var.init else {
                continue;
            };
            let value = self.env(&vars, &unset).eval(e, &mut fresh_frame(locals))?;
            if let Err(why) = fit::fits(&self.spec, var.ty, &value) {
                let kind = RuntimeErrorKind::LeavesType {
                    place: var.name.as_str().into(),
                    value: show::value(&self.spec, var.ty, &value).into(),
                    ty: show::type_name(&self.spec, var.ty).into(),
                    why: why.into(),
                };
                return Err(RuntimeError::new(kind, e.span));
            }
            vars[i] = value;
            unset[i] = false;
        }
        if let Some(states) = fast
            .then(|| self.fast_initial_states(&vars, &unset))
            .flatten()
        {
            states.chunks_exact(self.layout.words()).for_each(out);
            return Ok(());
        }
        let mut buf = vec![0; self.layout.words()];
        let mut finish = |b: &mut Branch| {
            if let Some(i) = b.unset.iter().position(|u| *u) {
                let var = &self.spec.vars[i];
                let kind = RuntimeErrorKind::NoInitialValue {
                    var: var.name.clone(),
                };
                return Err(RuntimeError::new(kind, var.span));
            }
            self.encode(&b.vars, &mut buf)?;
            out(&buf);
            Ok(())
        };
        let (stmts, locals) = match &self.spec.init {
            Some(body) => (&body.stmts[..], fresh_frame(&body.frame)),
            None => (&[][..], Vec::new()),
        };
        let mut b = Branch {
            vars,
            locals,
            unset,
            unfit: Vec::new(),
        };
        self.exec().body(stmts, &mut b, &mut finish)
    }

    /// The `init` block's states on the fast path, from the declared
    /// initial values (`vars` where not `unset`), packed one after the
    /// other; `None` when the reference must give them (the block is not
    /// compiled, or the fast path gave up on it).
    fn fast_initial_states(&self, vars: &[Value], unset: &[bool]) -> Option<Vec<u64>> {
        if self.layout.words() == 0 {
            return None;
        }
        let mut m = fast::Machine {
            state: vec![0; self.layout.words()],
            ..Default::default()
        };
        for (i, value) in vars.iter().enumerate() {
            if !unset[i] {
                self.layout
                    .encode_var(VarId(i as u32), value, &mut m.state)
                    .ok()?;
            }
        }
        self.fast.initial(&mut m)?.ok()
    }

    /// Every successor of `state`, action by action in declaration order,
    /// parameter values in canonical order, branches in source order. A
    /// runtime error stops the expansion and names the action instance.
    pub fn successors(
        &self,
        state: &[u64],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        self.successors_of(&self.layout.decode_state(state), out)
    }

    /// [`Model::successors`] of a state already decoded (by `VarId`), for a
    /// caller that also checks properties on it.
    pub fn successors_of(
        &self,
        vars: &[Value],
        out: &mut dyn FnMut(Successor<'_>),
    ) -> Result<(), ActionError> {
        let mut expand = Expand {
            model: self,
            vars,
            args: Vec::new(),
            buf: vec![0; self.layout.words()],
            out,
        };
        for i in 0..self.spec.actions.len() {
            expand.action(ActionId(i as u32))?;
        }
        Ok(())
    }

    /// Whether a state property holds in `state`; for a `transition`,
    /// `state` is the words of the state before the step, then after, then
    /// one word: the id of the action that took it.
    pub fn holds(&self, property: PropertyId, state: &[u64]) -> Result<bool, RuntimeError> {
        if self.spec.properties[property.index()].kind == ir::PropertyKind::Transition {
            let w = self.layout.words().min(state.len() / 2);
            let (before, rest) = state.split_at(w);
            let (after, action) = rest.split_at(w);
            let step = action.first().map(|a| ActionId(*a as u32));
            let (before, after) = (self.decode(before), self.decode(after));
            return self.holds_on_step(property, &before, &after, step);
        }
        self.holds_in(property, &self.layout.decode_state(state))
    }

    /// Whether a `transition` property holds on the step from `before` to
    /// `after` (both decoded by `VarId`) taken by `action`.
    pub fn holds_on_step(
        &self,
        property: PropertyId,
        before: &[Value],
        after: &[Value],
        action: Option<ActionId>,
    ) -> Result<bool, RuntimeError> {
        let def = &self.spec.properties[property.index()];
        let env = Env {
            next: after,
            step: action,
            ..self.env(before, &[])
        };
        env.eval_bool(&def.body, &mut fresh_frame(&def.frame))
    }

    /// [`Model::holds`] on a state already decoded (by `VarId`).
    pub fn holds_in(&self, property: PropertyId, vars: &[Value]) -> Result<bool, RuntimeError> {
        let def = &self.spec.properties[property.index()];
        self.env(vars, &[])
            .eval_bool(&def.body, &mut fresh_frame(&def.frame))
    }

    /// Whether a boolean state predicate with its own locals (a liveness
    /// property's `P`) holds in a state already decoded (by `VarId`).
    pub fn holds_expr(
        &self,
        frame: &Frame,
        expr: &ir::Expr,
        vars: &[Value],
    ) -> Result<bool, RuntimeError> {
        self.env(vars, &[]).eval_bool(expr, &mut fresh_frame(frame))
    }

    /// [`Model::holds_expr`] of a step formula on the step from `before`
    /// to `after` (decoded) taken by `action`.
    pub fn holds_expr_on_step(
        &self,
        frame: &Frame,
        expr: &ir::Expr,
        (before, after): (&[Value], &[Value]),
        action: ActionId,
    ) -> Result<bool, RuntimeError> {
        let env = Env {
            next: after,
            step: Some(action),
            ..self.env(before, &[])
        };
        env.eval_bool(expr, &mut fresh_frame(frame))
    }

    /// The variables' values in a packed state, by `VarId`.
    pub fn decode(&self, state: &[u64]) -> Vec<Value> {
        self.layout.decode_state(state)
    }

    /// An action instance's arguments as text: `r = r1` for a plain
    /// parameter, the element itself for a pattern (`P1a { bal: 0 }`).
    pub fn describe_args(&self, action: ActionId, args: &[Value]) -> String {
        let def = &self.spec.actions[action.index()];
        let parts: Vec<String> = def
            .params
            .iter()
            .zip(args)
            .map(|(param, arg)| {
                let elem = match self.spec.ty(param.domain.ty) {
                    Type::Set(t) | Type::Seq(t, _) => *t,
                    _ => param.domain.ty,
                };
                let shown = show::value(&self.spec, elem, arg);
                match param.pattern.kind {
                    PatternKind::Bind(local) if param.pattern.alias.is_none() => {
                        format!("{} = {shown}", def.frame.locals[local.index()].name)
                    }
                    _ => shown,
                }
            })
            .collect();
        parts.join(", ")
    }
}

/// The expansion of one state: enumerates action instances and runs them.
struct Expand<'a, 'o> {
    model: &'a Model,
    /// The state being expanded.
    vars: &'a [Value],
    /// The current instance's parameter values so far.
    args: Vec<Value>,
    /// The packed successor.
    buf: Vec<u64>,
    out: &'o mut dyn FnMut(Successor<'_>),
}

impl Expand<'_, '_> {
    /// Every successor by one action.
    fn action(&mut self, action: ActionId) -> Result<(), ActionError> {
        let def = &self.model.spec.actions[action.index()];
        self.args.clear();
        let mut locals = fresh_frame(&def.frame);
        self.params(action, def, 0, &mut locals)
            .map_err(|error| ActionError {
                action,
                args: self.args.clone(),
                error,
            })
    }

    /// Bind parameters `i..` in every way, then run the body for each.
    fn params(
        &mut self,
        action: ActionId,
        def: &ActionDef,
        i: usize,
        locals: &mut [Value],
    ) -> Result<(), RuntimeError> {
        let Some(param) = def.params.get(i) else {
            return self.body(action, def, locals);
        };
        let elems = self
            .model
            .env(self.vars, &[])
            .elements(&param.domain, locals)?;
        for elem in elems.iter() {
            if pattern::bind(&param.pattern, elem, locals) {
                self.args.push(elem.clone());
                self.params(action, def, i + 1, locals)?;
                self.args.pop();
            }
        }
        Ok(())
    }

    fn body(
        &mut self,
        action: ActionId,
        def: &ActionDef,
        locals: &[Value],
    ) -> Result<(), RuntimeError> {
        let mut b = Branch::new(self.vars.to_vec(), locals.to_vec());
        let Expand {
            model,
            args,
            buf,
            out,
            ..
        } = self;
        model.exec().body(&def.body, &mut b, &mut |b| {
            model.encode(&b.vars, buf)?;
            out(Successor {
                action,
                args,
                state: buf,
            });
            Ok(())
        })
    }
}
