//! The hot-path API over the fast evaluator: [`Model::step`] and
//! [`Model::check`] on packed states with a per-thread [`Worker`].
//!
//! Successors of a state are collected in the worker and handed out once
//! the whole state is expanded: if the fast path gives up anywhere (a
//! runtime error, a value it cannot hold), they are dropped and the
//! reference interpreter expands the state instead, so the successors and
//! the error are exactly the reference's. Actions the fast path does not
//! compile run on the reference interpreter in their turn.

use crate::check::ir::{ActionId, PropertyId};
use crate::compile::bits;
use crate::compile::fast::Coverage;
use crate::compile::{ActionError, Expand, Model, RuntimeError, Worker};
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
        for (k, action) in w.actions.iter().enumerate() {
            sym.canonical(
                &mut w.symmetry,
                &w.states[k * words..(k + 1) * words],
                &mut w.canon,
            );
            out(*action, &w.canon);
        }
        Ok(())
    }

    /// Every successor into the worker's lists; `Err` when the reference
    /// must redo the state.
    pub(super) fn collect(&self, w: &mut Worker, state: &[u64]) -> Result<(), ()> {
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
        let mut decoded: Option<Vec<Value>> = None;
        for i in 0..self.spec.actions.len() {
            let action = ActionId(i as u32);
            let mut push = |s: &[u64]| {
                actions.push(action);
                bits::push_words(states, s);
            };
            if self
                .fast
                .successors(action, machine, &mut push)
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

    /// Hot path: whether a property holds in a packed state (the same
    /// answer as [`Model::holds`]).
    pub fn check(
        &self,
        w: &mut Worker,
        property: PropertyId,
        state: &[u64],
    ) -> Result<bool, RuntimeError> {
        let m = &mut w.machine;
        m.state.clear();
        bits::push_words(&mut m.state, state);
        match self.fast.check(property, m) {
            Some(Ok(holds)) => Ok(holds),
            _ => self.holds(property, state),
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
        self.fast.coverage(&self.spec)
    }
}
