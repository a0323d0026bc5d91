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
//!
//! A value is checked against its place's type when the branch completes
//! ([`Exec::body`]), not when it is assigned: `x = x + 1` then `require x
//! <= 3` drops the branch at `x == 3` rather than failing, as TLA+'s `x' =
//! x + 1 /\ x' <= 3` has no successor there. An assignment whose value does
//! not fit is remembered ([`Unfit`]); if the branch completes and the place
//! still holds a value outside its type, that assignment is the error.

use std::sync::Arc;

use crate::check::domain;
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
    /// Assignments on this branch that stored a value outside its type.
    pub unfit: Vec<Unfit>,
}

impl Branch {
    /// A branch from these variables and locals, outside `init`.
    pub fn new(vars: Vec<Value>, locals: Vec<Value>) -> Branch {
        Branch {
            vars,
            locals,
            unset: Vec::new(),
            unfit: Vec::new(),
        }
    }
}

/// An assignment that stored a value outside its place's type: checked
/// again when the branch completes.
#[derive(Clone, Debug)]
pub struct Unfit {
    /// The variable assigned into.
    var: usize,
    /// The place's keys (as values) and fields, from the variable down.
    steps: Vec<Step>,
    /// The place's type.
    ty: TypeId,
    /// The place as written, e.g. `rm_state[r1]`.
    place: String,
    /// The assignment.
    span: Span,
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
/// key expression's span and type, for errors), or a field.
#[derive(Clone, Debug)]
enum Step {
    Index(Value, Span, TypeId),
    Field(u32),
}

impl Exec<'_> {
    /// What an expression on branch `b` reads (its variables), and its
    /// locals.
    fn env<'b>(&'b self, b: &'b mut Branch) -> (Env<'b>, &'b mut [Value]) {
        let env = Env {
            spec: self.spec,
            tables: self.tables,
            vars: &b.vars,
            unset: &b.unset,
            next: &[],
            step: None,
        };
        (env, &mut b.locals)
    }

    fn eval(&self, b: &mut Branch, e: &Expr) -> Result<Value, RuntimeError> {
        let (env, locals) = self.env(b);
        env.eval(e, locals)
    }

    fn eval_bool(&self, b: &mut Branch, e: &Expr) -> Result<bool, RuntimeError> {
        let (env, locals) = self.env(b);
        env.eval_bool(e, locals)
    }

    fn elements(&self, b: &mut Branch, e: &Expr) -> Result<Arc<[Value]>, RuntimeError> {
        let (env, locals) = self.env(b);
        env.elements(e, locals)
    }

    /// Run a whole body (an action's, `init`'s) on `b`, then `done` on
    /// every branch that completes with every stored value in its type.
    pub fn body(
        &self,
        stmts: &[Stmt],
        b: &mut Branch,
        done: &mut Done,
    ) -> Result<(), RuntimeError> {
        self.run(stmts, b, &mut |b| {
            self.settle(b)?;
            done(b)
        })
    }

    /// The error of the first assignment on a completed branch whose place
    /// still holds a value outside its type (a later assignment of an
    /// unfit value to the same place stands for it).
    fn settle(&self, b: &mut Branch) -> Result<(), RuntimeError> {
        for (k, unfit) in b.unfit.iter().enumerate() {
            let superseded = b.unfit[k + 1..]
                .iter()
                .any(|later| later.var == unfit.var && same_steps(&later.steps, &unfit.steps));
            if superseded {
                continue;
            }
            let value = self.read(
                &b.vars[unfit.var],
                self.spec.vars[unfit.var].ty,
                &unfit.steps,
            );
            if let Some(value) = value
                && let Err(why) = fit::fits(self.spec, unfit.ty, value)
            {
                let kind = RuntimeErrorKind::LeavesType {
                    place: unfit.place.as_str().into(),
                    value: show::value(self.spec, unfit.ty, value).into(),
                    ty: show::type_name(self.spec, unfit.ty).into(),
                    why: why.into(),
                };
                return fail(kind, unfit.span);
            }
        }
        b.unfit.clear();
        Ok(())
    }

    /// The part of `value` (of type `ty`) at `steps`, if it is there.
    fn read<'v>(&self, value: &'v Value, ty: TypeId, steps: &[Step]) -> Option<&'v Value> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(value);
        };
        let (items, slot, inner) = match (step, self.spec.ty(ty), value) {
            (Step::Index(key, ..), Type::Map(key_ty, val_ty), Value::Map(items)) => {
                let slot = domain::index_of(&self.spec.types, *key_ty, key)?;
                (items, slot as usize, *val_ty)
            }
            (Step::Index(Value::Int(i), ..), Type::Seq(item_ty, _), Value::Seq(items)) => {
                (items, usize::try_from(*i).ok()?, *item_ty)
            }
            (Step::Field(i), Type::Record { fields }, Value::Record(items)) => {
                (items, *i as usize, fields.get(*i as usize)?.ty)
            }
            _ => return None,
        };
        self.read(items.get(slot)?, inner, rest)
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

    /// `place = e`: store the value; one outside the place's type is
    /// remembered, to be checked when the branch completes.
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
                PlaceStep::Index(k) => Step::Index(self.eval(b, k)?, k.span, k.ty),
                PlaceStep::Field(i) => Step::Field(*i),
            });
        }
        let var = place.var.index();
        let unset = b.unset.get(var).copied().unwrap_or(false);
        if unset && !steps.is_empty() {
            let var = self.spec.vars[var].name.clone();
            return fail(RuntimeErrorKind::NoInitialValue { var }, place.span);
        }
        if fit::fits(self.spec, place.ty, &value).is_err() {
            b.unfit.push(Unfit {
                var,
                place: self.place_name(place, &steps),
                steps: steps.clone(),
                ty: place.ty,
                span: stmt.span,
            });
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
            (Step::Index(key, at, key_ty_at), Type::Map(key_ty, val_ty), Value::Map(items)) => {
                let slot = eval::key_slot(self.spec, *key_ty, key, *key_ty_at, *at)?;
                (items, slot, *val_ty)
            }
            (Step::Index(key, at, _), Type::Seq(item_ty, _), Value::Seq(items)) => {
                let slot = eval::seq_slot(key, items.len(), *at)?;
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
                (Step::Index(key, _, key_ty), Type::Map(_, v) | Type::Seq(v, _)) => {
                    out.push_str(&format!("[{}]", show::value(self.spec, *key_ty, key)));
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

/// Whether two places' steps are the same (the same keys and fields).
fn same_steps(a: &[Step], b: &[Step]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Step::Index(x, ..), Step::Index(y, ..)) => x == y,
            (Step::Field(x), Step::Field(y)) => x == y,
            _ => false,
        })
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
