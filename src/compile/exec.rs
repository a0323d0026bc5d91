//! Statements: run a statement list, branching on `choose` and `either`.
//!
//! Input: statements and a [`Branch`] (the variables being built and the
//! locals). Output: every branch that completes is handed to a continuation
//! `done`; a `require` that fails drops its branch. Running is written in
//! continuation style: `run(stmts, branch, done)` runs the first statement
//! and passes "run the rest, then `done`" on to any block it enters, so
//! `choose` inside `if` inside `for` needs no special case. Straight-line
//! statements change the branch in place; only `choose` and `either` copy it
//! (cheaply: values share their contents).

use std::sync::Arc;

use crate::check::ir::{Binding, Expr, Place, PlaceStep, Spec, Stmt, StmtKind, Type, TypeId};
use crate::compile::eval::{self, Env, Tables, fail, internal};
use crate::compile::{RuntimeError, RuntimeErrorKind, fit, pattern, show};
use crate::source::Span;
use crate::value::Value;

/// One branch of execution: the state being built and the local frame.
#[derive(Clone, Debug)]
pub struct Branch {
    /// The variables, by `VarId`.
    pub vars: Vec<Value>,
    /// The locals of the running frame, by `LocalId`.
    pub locals: Vec<Value>,
    /// While running `init`: which variables have no value yet (empty
    /// otherwise).
    pub unset: Vec<bool>,
}

/// What runs after a branch completes.
pub type Done<'k> = dyn FnMut(&mut Branch) -> Result<(), RuntimeError> + 'k;

/// Runs statements of one spec.
#[derive(Clone, Copy)]
pub struct Exec<'a> {
    /// The checked spec.
    pub spec: &'a Spec,
    /// Cached domains.
    pub tables: &'a Tables,
}

/// A resolved step of an assignment's place: the key's value (and the
/// expression, for errors), or a field.
enum Step<'e> {
    Index(Value, &'e Expr),
    Field(u32),
}

impl Exec<'_> {
    fn eval(&self, b: &mut Branch, e: &Expr) -> Result<Value, RuntimeError> {
        let env = Env {
            spec: self.spec,
            tables: self.tables,
            vars: &b.vars,
            unset: &b.unset,
        };
        env.eval(e, &mut b.locals)
    }

    fn eval_bool(&self, b: &mut Branch, e: &Expr) -> Result<bool, RuntimeError> {
        match self.eval(b, e)? {
            Value::Bool(x) => Ok(x),
            _ => internal("a boolean", e.span),
        }
    }

    fn elements(&self, b: &mut Branch, e: &Expr) -> Result<Arc<[Value]>, RuntimeError> {
        match self.eval(b, e)? {
            Value::Set(items) | Value::Seq(items) => Ok(items),
            _ => internal("a set", e.span),
        }
    }

    /// Run `stmts` on `b`, then `done` on every branch that completes.
    /// Straight-line statements run in a loop; only a statement that opens
    /// a block nests a continuation, so a long action does not recurse once
    /// per line.
    pub fn run(&self, stmts: &[Stmt], b: &mut Branch, done: &mut Done) -> Result<(), RuntimeError> {
        let mut stmts = stmts;
        let (first, rest) = loop {
            let Some((first, rest)) = stmts.split_first() else {
                return done(b);
            };
            match &first.kind {
                StmtKind::Require(c) => {
                    if !self.eval_bool(b, c)? {
                        return Ok(());
                    }
                }
                StmtKind::Assert(c, message) => {
                    if !self.eval_bool(b, c)? {
                        let message = message.clone();
                        return fail(RuntimeErrorKind::AssertFailed { message }, first.span);
                    }
                }
                StmtKind::Let(local, e) => b.locals[local.index()] = self.eval(b, e)?,
                StmtKind::Assign(place, e) => self.assign(b, place, e, first)?,
                _ => break (first, rest),
            }
            stmts = rest;
        };
        match &first.kind {
            StmtKind::Require(_)
            | StmtKind::Assert(..)
            | StmtKind::Let(..)
            | StmtKind::Assign(..) => unreachable!("straight-line statements run in the loop"),
            StmtKind::If(c, then, otherwise) => {
                let block = if self.eval_bool(b, c)? {
                    then
                } else {
                    otherwise
                };
                self.run(block, b, &mut |b| self.run(rest, b, done))
            }
            StmtKind::Choose(binding, body) => {
                let elems = self.elements(b, &binding.domain)?;
                for elem in elems.iter() {
                    if pattern::bind(&binding.pattern, elem, &mut b.locals) {
                        let mut next = b.clone();
                        self.run(body, &mut next, &mut |b| self.run(rest, b, done))?;
                    }
                }
                Ok(())
            }
            StmtKind::Either(blocks) => {
                for block in blocks {
                    let mut next = b.clone();
                    self.run(block, &mut next, &mut |b| self.run(rest, b, done))?;
                }
                Ok(())
            }
            StmtKind::For(binding, body) => {
                let elems = self.elements(b, &binding.domain)?;
                self.run_for(binding, &elems, body, b, &mut |b| self.run(rest, b, done))
            }
        }
    }

    /// The body of `for` once per matching element, in order, then `done`.
    fn run_for(
        &self,
        binding: &Binding,
        elems: &[Value],
        body: &[Stmt],
        b: &mut Branch,
        done: &mut Done,
    ) -> Result<(), RuntimeError> {
        if !branches(body) {
            // One path through the body: loop instead of nesting continuations.
            for elem in elems {
                if pattern::bind(&binding.pattern, elem, &mut b.locals) {
                    let mut completed = false;
                    self.run(body, b, &mut |_| {
                        completed = true;
                        Ok(())
                    })?;
                    if !completed {
                        return Ok(());
                    }
                }
            }
            return done(b);
        }
        let Some((first, rest)) = elems.split_first() else {
            return done(b);
        };
        if !pattern::bind(&binding.pattern, first, &mut b.locals) {
            return self.run_for(binding, rest, body, b, done);
        }
        self.run(body, b, &mut |b| self.run_for(binding, rest, body, b, done))
    }

    /// `place = e`: store the value, after checking it fits the place's type.
    fn assign(
        &self,
        b: &mut Branch,
        place: &Place,
        e: &Expr,
        stmt: &Stmt,
    ) -> Result<(), RuntimeError> {
        let value = self.eval(b, e)?;
        let mut steps = Vec::with_capacity(place.path.len());
        for step in &place.path {
            steps.push(match step {
                PlaceStep::Index(k) => Step::Index(self.eval(b, k)?, k),
                PlaceStep::Field(i) => Step::Field(*i),
            });
        }
        let var = place.var.index();
        let unset = b.unset.get(var).copied().unwrap_or(false);
        if unset && !steps.is_empty() {
            let var = self.spec.vars[var].name.clone();
            return fail(RuntimeErrorKind::NoInitialValue { var }, place.span);
        }
        if let Err(why) = fit::fits(self.spec, place.ty, &value) {
            let kind = RuntimeErrorKind::LeavesType {
                place: self.place_name(place, &steps).into(),
                value: show::value(self.spec, place.ty, &value).into(),
                ty: show::type_name(self.spec, place.ty).into(),
                why: why.into(),
            };
            return fail(kind, stmt.span);
        }
        let old = std::mem::replace(&mut b.vars[var], Value::Bool(false));
        b.vars[var] = self.store(old, self.spec.vars[var].ty, &steps, value, place.span)?;
        if unset {
            b.unset[var] = false;
        }
        Ok(())
    }

    /// `cur` with the part at `steps` replaced by `new`.
    fn store(
        &self,
        cur: Value,
        ty: TypeId,
        steps: &[Step],
        new: Value,
        span: Span,
    ) -> Result<Value, RuntimeError> {
        let Some((step, rest)) = steps.split_first() else {
            return Ok(new);
        };
        let (mut items, slot, inner) = match (step, self.spec.ty(ty), cur) {
            (Step::Index(key, at), Type::Map(key_ty, val_ty), Value::Map(items)) => {
                (items, eval::key_slot(self.spec, *key_ty, key, at)?, *val_ty)
            }
            (Step::Index(key, at), Type::Seq(item_ty, _), Value::Seq(items)) => {
                let slot = eval::seq_slot(key, items.len(), at.span)?;
                (items, slot, *item_ty)
            }
            (Step::Field(i), Type::Record { fields }, Value::Record(items)) => {
                let Some(field) = fields.get(*i as usize) else {
                    return internal("a record field", span);
                };
                (items, *i as usize, field.ty)
            }
            _ => return internal("a map, sequence or record to assign into", span),
        };
        let rebuild = |items| match step {
            Step::Field(_) => Value::Record(items),
            Step::Index(..) => match self.spec.ty(ty) {
                Type::Seq(..) => Value::Seq(items),
                _ => Value::Map(items),
            },
        };
        let slots = Arc::make_mut(&mut items);
        let Some(target) = slots.get_mut(slot) else {
            return internal("a slot for every key", span);
        };
        let old = std::mem::replace(target, Value::Bool(false));
        *target = self.store(old, inner, rest, new, span)?;
        Ok(rebuild(items))
    }

    /// The place as written with its keys' values: `rm_state[r1]`, `r.f`.
    fn place_name(&self, place: &Place, steps: &[Step]) -> String {
        let mut out = self.spec.vars[place.var.index()].name.clone();
        let mut ty = self.spec.vars[place.var.index()].ty;
        for step in steps {
            match (step, self.spec.ty(ty)) {
                (Step::Index(key, at), Type::Map(_, v) | Type::Seq(v, _)) => {
                    out.push_str(&format!("[{}]", show::value(self.spec, at.ty, key)));
                    ty = *v;
                }
                (Step::Field(i), Type::Record { fields }) => match fields.get(*i as usize) {
                    Some(f) => {
                        out.push('.');
                        out.push_str(&f.name);
                        ty = f.ty;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        out
    }
}

/// Whether a statement list can make more than one branch.
fn branches(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Choose(..) | StmtKind::Either(_) => true,
        StmtKind::If(_, a, b) => branches(a) || branches(b),
        StmtKind::For(_, body) => branches(body),
        _ => false,
    })
}
