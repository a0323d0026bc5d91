//! The hot-path API over the fast evaluator: [`Model::step`] and
//! [`Model::check`] on packed states with a per-thread [`Worker`].
//!
//! Successors of a state are collected in the worker and handed out once
//! the whole state is expanded: if the fast path gives up anywhere (a
//! runtime error, a value it cannot hold), they are dropped and the
//! reference interpreter expands the state instead, so the successors and
//! the error are exactly the reference's. Actions the fast path does not
//! compile run on the reference interpreter in their turn.

use crate::check::domain;
use crate::check::ir::{ActionId, PropertyId};
use crate::check::ir::{Binding, Type, TypeId};
use crate::compile::bits;
use crate::compile::fast::Coverage;
use crate::compile::{ActionError, Expand, Model, RuntimeError, Worker, fast};
use crate::value::Value;

impl Model {
    /// Scratch space for one thread.
    pub fn worker(&self) -> Worker {
        Worker::default()
    }

    /// Hot path: every successor of a packed state, in canonical order
    /// (the same sequence as [`Model::successors`]).
    pub fn step(
        &self,
        w: &mut Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, &[u64]),
    ) -> Result<(), ActionError> {
        let words = state.len();
        let Some(sym) = &self.symmetry else {
            if self.collect(w, state).is_err() {
                return self.successors(state, &mut |s| out(s.action, s.state));
            }
            for (k, action) in w.actions.iter().enumerate() {
                out(*action, &w.states[k * words..(k + 1) * words]);
            }
            return Ok(());
        };
        w.canon.resize(words, 0);
        if self.collect(w, state).is_err() {
            let Worker {
                symmetry, canon, ..
            } = w;
            return self.successors(state, &mut |s| {
                sym.canonical(symmetry, s.state, canon);
                out(s.action, canon)
            });
        }
        let started = std::time::Instant::now();
        for (k, action) in w.actions.iter().enumerate() {
            sym.canonical(
                &mut w.symmetry,
                &w.states[k * words..(k + 1) * words],
                &mut w.canon,
            );
            out(*action, &w.canon);
        }
        w.canonical_nanos += started.elapsed().as_nanos() as u64;
        Ok(())
    }

    /// Every successor into the worker's lists; `Err` when the reference
    /// must redo the state.
    pub(super) fn collect(&self, w: &mut Worker, state: &[u64]) -> Result<(), ()> {
        let (machine, actions, states) = start(w, state);
        let mut decoded: Option<Vec<Value>> = None;
        for i in 0..self.spec.actions.len() {
            let action = ActionId(i as u32);
            let mut push = |s: &[u64]| {
                actions.push(action);
                bits::push_words(states, s);
            };
            if self
                .fast
                .successors(action, machine, &mut |m| push(&m.buf))
                .map_err(|_| ())?
            {
                continue;
            }
            let vars = decoded.get_or_insert_with(|| self.layout.decode_state(state));
            let mut expand = Expand {
                model: self,
                vars,
                args: Vec::new(),
                buf: vec![0; self.layout.words()],
                out: &mut |s| push(s.state),
            };
            expand.action(action).map_err(|_| ())?;
        }
        Ok(())
    }

    /// Every successor of a packed state with its action instance, in
    /// canonical order: the successors and actions of
    /// [`Model::successors`], each with its arguments as codes (see
    /// [`Model::instance_args`]), on the fast path where it can. The
    /// liveness graph's expansion: its edges need the instance, the hot
    /// path gives only the action.
    pub fn instances(
        &self,
        w: &mut Worker,
        state: &[u64],
        out: &mut InstanceOut<'_>,
    ) -> Result<(), ActionError> {
        let (m, actions, states) = start(w, state);
        m.keep_args = true;
        m.args.clear();
        let mut decoded: Option<Vec<Value>> = None;
        // Each successor's action, and where its codes end in `codes`.
        let mut codes: Vec<u64> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut redo = false;
        for i in 0..self.spec.actions.len() {
            let action = ActionId(i as u32);
            if !self.fast.has_action(action) {
                // Not compiled: the reference expands this action alone.
                let vars = decoded.get_or_insert_with(|| self.layout.decode_state(state));
                let kinds = self.arg_kinds(action);
                let params = &self.spec.actions[i].params;
                let mut expand = Expand {
                    model: self,
                    vars,
                    args: Vec::new(),
                    buf: vec![0; self.layout.words()],
                    out: &mut |s| {
                        actions.push(s.action);
                        bits::push_words(states, s.state);
                        let each = s.args.iter().zip(params).zip(&kinds);
                        codes.extend(each.map(|((v, p), &int)| self.arg_code(p, int, v)));
                        ends.push(codes.len());
                    },
                };
                if expand.action(action).is_err() {
                    redo = true;
                    break;
                }
                continue;
            }
            let mut push = |m: &fast::Machine| {
                actions.push(action);
                bits::push_words(states, &m.buf);
                codes.extend_from_slice(&m.args);
                ends.push(codes.len());
            };
            if self.fast.successors(action, m, &mut push).is_err() {
                redo = true;
                break;
            }
        }
        m.keep_args = false;
        if redo {
            return self.successors(state, &mut |s| {
                let kinds = self.arg_kinds(s.action);
                let params = &self.spec.actions[s.action.index()].params;
                let each = s.args.iter().zip(params).zip(&kinds);
                let codes: Vec<u64> = each
                    .map(|((v, p), &int)| self.arg_code(p, int, v))
                    .collect();
                out(s.action, &codes, s.state);
            });
        }
        let words = state.len();
        let mut from = 0;
        for (k, (&action, &end)) in actions.iter().zip(&ends).enumerate() {
            out(
                action,
                &codes[from..end],
                &states[k * words..(k + 1) * words],
            );
            from = end;
        }
        Ok(())
    }

    /// The arguments of an instance of `action` from the codes
    /// [`Model::instances`] gives.
    pub fn instance_args(&self, action: ActionId, codes: &[u64]) -> Vec<Value> {
        let kinds = self.arg_kinds(action);
        let params = &self.spec.actions[action.index()].params;
        codes
            .iter()
            .zip(params)
            .zip(&kinds)
            .map(|((&code, p), &int)| {
                if int {
                    return Value::Int(code as i64);
                }
                domain::value_at(&self.spec.types, elem_type(self, p), code)
                    .expect("an element of the domain's type")
            })
            .collect()
    }

    /// How each parameter of `action` is coded: the integer itself
    /// (`true`), or its index among its type's values; the fast path's
    /// choice where the action is compiled.
    pub(super) fn arg_kinds(&self, action: ActionId) -> Vec<bool> {
        self.fast.arg_is_int(action).unwrap_or_else(|| {
            let params = &self.spec.actions[action.index()].params;
            let int = |p| matches!(self.spec.types[elem_type(self, p).index()], Type::Int);
            params.iter().map(int).collect()
        })
    }

    /// A parameter's value as a code.
    pub(super) fn arg_code(&self, param: &Binding, int: bool, value: &Value) -> u64 {
        match value {
            Value::Int(v) if int => *v as u64,
            _ => domain::index_of(&self.spec.types, elem_type(self, param), value)
                .expect("an element of the domain's type"),
        }
    }

    /// Hot path: whether a property holds in a packed state (the same
    /// answer as [`Model::holds`]).
    pub fn check(
        &self,
        w: &mut Worker,
        property: PropertyId,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        if let Some(holds) = self.refinement_holds(w, property, state) {
            return holds;
        }
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, state);
        match self.fast.check(property, m) {
            Some(Ok(holds)) => Ok(holds),
            _ => self.holds(property, state),
        }
    }

    /// Whether predicate `i` of liveness property `l` (`P`, or `P` then
    /// `Q` of `P leads_to Q`) holds in a packed state.
    pub fn liveness_holds(
        &self,
        w: &mut Worker,
        l: usize,
        i: usize,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, state);
        match self.fast.check_liveness(l, i, m) {
            Some(Ok(holds)) => Ok(holds),
            _ => {
                let def = &self.spec.liveness[l];
                let p = fast::liveness_predicates(&def.kind)[i];
                self.holds_expr(&def.frame, p, &self.decode(state))
            }
        }
    }

    /// Whether the step formula of liveness property `l` (`always
    /// eventually step is A`) holds on the step from `before` to `after`
    /// taken by `action`, all packed.
    pub fn liveness_step_holds(
        &self,
        w: &mut Worker,
        l: usize,
        (before, after): (&[u64], &[u64]),
        action: ActionId,
    ) -> Result<bool, RuntimeError> {
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, before);
        bits::push_words(&mut m.state, after);
        m.state.push(u64::from(action.0));
        match self.fast.check_liveness(l, 0, m) {
            Some(Ok(holds)) => Ok(holds),
            _ => {
                let def = &self.spec.liveness[l];
                let p = fast::liveness_predicates(&def.kind)[0];
                let (before, after) = (self.decode(before), self.decode(after));
                self.holds_expr_on_step(&def.frame, p, (&before, &after), action)
            }
        }
    }

    /// Whether premise `i` of [`Model::premises`] holds in a packed state.
    pub fn premise_holds(
        &self,
        w: &mut Worker,
        i: usize,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, state);
        match self.fast.check_premise(i, m) {
            Some(Ok(holds)) => Ok(holds),
            _ => {
                let p = &self.premises[i];
                self.holds_expr(&p.frame, &p.expr, &self.decode(state))
            }
        }
    }

    /// Which actions and properties run on the reference interpreter
    /// rather than the fast path, and why.
    pub fn fast_coverage(&self) -> Vec<Coverage> {
        let mut coverage = self.fast.coverage(&self.spec);
        if let Some(abs) = self.refinement() {
            // Only the abstract spec's actions run (its properties do not).
            let name = &abs.name;
            coverage.extend(
                abs.model
                    .fast_coverage()
                    .into_iter()
                    .filter(|c| c.item.starts_with("action "))
                    .map(|c| Coverage {
                        item: format!("{name}'s {}", c.item),
                        ..c
                    }),
            );
        }
        coverage
    }
}

/// Empty the worker's successor lists and load `state` into its machine.
fn start<'w>(
    w: &'w mut Worker,
    state: &[u64],
) -> (
    &'w mut fast::Machine,
    &'w mut Vec<ActionId>,
    &'w mut Vec<u64>,
) {
    let Worker {
        machine,
        actions,
        states,
        ..
    } = w;
    actions.clear();
    states.clear();
    machine.state.clear();
    bits::push_words(&mut machine.state, state);
    (machine, actions, states)
}

/// Where [`Model::instances`] hands each successor: its action, its
/// arguments' codes, its words.
pub type InstanceOut<'a> = dyn FnMut(ActionId, &[u64], &[u64]) + 'a;

/// The element type of a parameter's domain.
fn elem_type(model: &Model, param: &Binding) -> TypeId {
    match model.spec.types[param.domain.ty.index()] {
        Type::Set(elem) => elem,
        _ => unreachable!("a parameter's domain is a set"),
    }
}
