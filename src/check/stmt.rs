//! Statements: places, assignments (`+=`/`-=` desugared to `=`),
//! control flow, and the "assigned twice" check.
//!
//! "Assigned twice": within one block (a straight-line path), assigning a
//! whole variable when its last whole assignment has not been read since
//! loses the first value; so does assigning one map entry or record field
//! (`m[1]`, `r.f`, `m[k]` for a local `k`) twice. Each open block keeps a map of such pending
//! assignments; a read of the variable anywhere (a nested block included,
//! or any function call, which may read any variable) clears it. An
//! assignment inside a nested block is not flagged against the outer one
//! (`x = 0` then `if c { x = 1 }` is a default and an update).

use std::collections::HashMap;

use super::expr::{mk, poisoned};
use super::names::{Global, LocalKind, suggest};
use super::types::{ERR, INT};
use super::{CheckErrorKind as K, Checker};
use crate::check::ir::{self, BinOp, ExprKind, Type, TypeId, VarId};
use crate::source::Span;
use crate::syntax::ast;

/// A key naming one entry of a variable, when each step is a field or a
/// constant or local index (`[1]`, `.f`, `[k]`): two places with the same
/// key are the same entry. `None` for any other index.
fn entry_key(path: &[ir::PlaceStep]) -> Option<String> {
    let mut key = String::new();
    for step in path {
        match step {
            ir::PlaceStep::Field(i) => key.push_str(&format!(".{i}")),
            ir::PlaceStep::Index(e) => match &e.kind {
                ExprKind::Lit(v) => key.push_str(&format!("[{v:?}]")),
                ExprKind::Local(l) => key.push_str(&format!("[local {}]", l.index())),
                _ => return None,
            },
        }
    }
    Some(key)
}

/// A place as written, for messages: `m[k]`, `r.f`.
fn place_text(place: &ast::Place) -> String {
    let mut text = place.root.name.clone();
    for step in &place.path {
        match step {
            ast::PlaceStep::Field(f) => text.push_str(&format!(".{}", f.name)),
            ast::PlaceStep::Index(e) => match &e.kind {
                ast::ExprKind::Name(n) => text.push_str(&format!("[{}]", n.name)),
                ast::ExprKind::Int(i) => text.push_str(&format!("[{i}]")),
                _ => text.push_str("[...]"),
            },
        }
    }
    text
}

/// A checked place and the type after each of its steps.
struct PlaceInfo {
    place: ir::Place,
    var_ty: TypeId,
    step_tys: Vec<TypeId>,
}

impl Checker<'_> {
    /// A block: its statements in a scope of their own.
    pub(super) fn block(&mut self, b: &ast::Block) -> Vec<ir::Stmt> {
        let mark = self.scope.enter(b.span.end);
        self.pending.push(HashMap::new());
        let stmts = b.stmts.iter().flat_map(|s| self.stmt(s)).collect();
        self.pending.pop();
        self.scope.leave(mark);
        stmts
    }

    /// Note a read of `v`: its pending assignments are seen.
    pub(super) fn read_var(&mut self, v: VarId) {
        for map in &mut self.pending {
            map.retain(|(var, _), _| *var != v);
        }
    }

    /// Note a read of every variable (a function call).
    pub(super) fn read_all(&mut self) {
        for map in &mut self.pending {
            map.clear();
        }
    }

    /// One statement; the constructs of processes and channels may stand
    /// for several (or, when wrong, none).
    pub(super) fn stmt(&mut self, s: &ast::Stmt) -> Vec<ir::Stmt> {
        let kind = match &s.kind {
            ast::StmtKind::Send {
                broadcast,
                msg,
                to,
                channel,
            } => return self.send(*broadcast, msg, to.as_ref(), channel.as_ref(), s.span),
            ast::StmtKind::StartTimer(t, after) => return self.start_timer(t, after, s.span),
            ast::StmtKind::StopTimer(t) => return self.stop_timer(t, s.span),
            ast::StmtKind::Pause => {
                self.misplaced_pause(s.span, false);
                return Vec::new();
            }
            ast::StmtKind::Require(e) => ir::StmtKind::Require(self.check_bool(e)),
            ast::StmtKind::Assert(e, message) => {
                let message = message.clone().unwrap_or_else(|| "assertion failed".into());
                ir::StmtKind::Assert(self.check_bool(e), message)
            }
            ast::StmtKind::Let(name, e) => {
                let value = self.infer(e, None);
                let id = self.scope.bind_at(name, value.ty, LocalKind::Let);
                ir::StmtKind::Let(id, value)
            }
            ast::StmtKind::Assign { place, op, value } => self.assign(place, *op, value, s.span),
            // The names `cond`'s `is` patterns bind are visible in `then`.
            ast::StmtKind::If { cond, then, els } => {
                let mark = self.scope.mark();
                let cond = self.check_expr(cond, super::types::BOOL);
                let then = self.block(then);
                self.scope.hide(mark);
                let els = els.as_ref().map(|b| self.block(b)).unwrap_or_default();
                ir::StmtKind::If(cond, then, els)
            }
            ast::StmtKind::Choose {
                pattern,
                domain,
                body,
            } => {
                let (binding, body) = self.bound_block(pattern, domain, body);
                ir::StmtKind::Choose(binding, body)
            }
            ast::StmtKind::Either(blocks) => {
                ir::StmtKind::Either(blocks.iter().map(|b| self.block(b)).collect())
            }
            ast::StmtKind::For {
                pattern,
                domain,
                body,
            } => {
                let (binding, body) = self.bound_block(pattern, domain, body);
                ir::StmtKind::For(binding, body)
            }
        };
        vec![ir::Stmt { kind, span: s.span }]
    }

    /// `choose`/`for`: a pattern over a set, and a body that sees its names.
    fn bound_block(
        &mut self,
        pattern: &ast::Pattern,
        domain: &ast::Expr,
        body: &ast::Block,
    ) -> (ir::Binding, Vec<ir::Stmt>) {
        let (domain, elem) = self.set_domain(domain);
        let mark = self.scope.enter(body.span.end);
        self.distinct_binds([pattern]);
        let pattern = self.pattern(pattern, elem);
        let body = self.block(body);
        self.scope.leave(mark);
        (ir::Binding { pattern, domain }, body)
    }

    /// `place = e`, `place += e`, `place -= e`.
    fn assign(
        &mut self,
        place: &ast::Place,
        op: ast::AssignOp,
        value: &ast::Expr,
        span: Span,
    ) -> ir::StmtKind {
        let Some(info) = self.place(place) else {
            // The place's error is reported; the value's type is unknown,
            // so nothing in it may cascade (an atom is not "ambiguous").
            self.infer(value, Some(ERR));
            return ir::StmtKind::Either(Vec::new());
        };
        let ty = info.place.ty;
        let value = match op {
            ast::AssignOp::Set => self.check_expr(value, ty),
            ast::AssignOp::Add | ast::AssignOp::Sub => {
                let add = op == ast::AssignOp::Add;
                let read = self.read_place(&info);
                if self.types.set_elem(ty).is_some() {
                    let v = self.check_expr(value, ty);
                    let op = if add { BinOp::Union } else { BinOp::Diff };
                    mk(ExprKind::Bin(op, Box::new(read), Box::new(v)), ty, span)
                } else if self.types.is_int_like(ty) {
                    let v = self.infer(value, Some(INT));
                    let v = self.expect_int(v);
                    let op = if add { BinOp::Add } else { BinOp::Sub };
                    mk(ExprKind::Bin(op, Box::new(read), Box::new(v)), INT, span)
                } else {
                    let found = self.types.name(ty);
                    if ty != ERR {
                        self.error(
                            place.span,
                            K::ExpectedKind {
                                expected: "an integer or a set",
                                found,
                            },
                        );
                    }
                    self.infer(value, None);
                    poisoned(span)
                }
            }
        };
        let var = info.place.var;
        if op == ast::AssignOp::Set && info.place.path.is_empty() {
            self.whole_assigned.insert(var);
            self.write(var, None, &place.root.name, span);
        } else {
            // A partial or relative update builds on the current value.
            let entry = (op == ast::AssignOp::Set)
                .then(|| entry_key(&info.place.path))
                .flatten();
            match entry {
                Some(key) => {
                    for map in &mut self.pending {
                        map.remove(&(var, None));
                    }
                    let name = place_text(place);
                    self.write(var, Some(key), &name, span);
                }
                None => self.read_var(var),
            }
        }
        ir::StmtKind::Assign(info.place, value)
    }

    /// Record an assignment to a variable or one entry of it (`key`);
    /// report one that loses an unread value.
    fn write(&mut self, var: VarId, key: Option<String>, name: &str, span: Span) {
        let Some((top, outer)) = self.pending.split_last_mut() else {
            return;
        };
        let key = (var, key);
        for map in outer {
            map.remove(&key);
        }
        let twice = top.insert(key, span).is_some();
        if twice {
            self.error(span, K::AssignedTwice { name: name.into() });
        }
    }

    /// Resolve a place: its variable, then each step.
    fn place(&mut self, place: &ast::Place) -> Option<PlaceInfo> {
        let name = place.root.name.as_str();
        let root_span = place.root.span;
        let (var, prefix, used) = match self.process_place(place) {
            Some(Some(p)) => (Some(p.var), Some((p.prefix, p.ty)), p.used),
            Some(None) => (None, None, 0),
            None => (self.assignable(name, root_span), None, 0),
        };
        let Some(var) = var else {
            for step in &place.path {
                if let ast::PlaceStep::Index(k) = step {
                    self.infer(k, None);
                }
            }
            return None;
        };
        let var_ty = self.var_types[var.index()];
        let mut ty = var_ty;
        let mut path = Vec::new();
        let mut step_tys = Vec::new();
        if let Some((steps, instance_ty)) = prefix {
            for step in steps {
                path.push(step);
                step_tys.push(instance_ty);
            }
            ty = instance_ty;
        }
        for step in &place.path[used..] {
            let (step, next) = self.place_step(step, ty, place.span)?;
            path.push(step);
            step_tys.push(next);
            ty = next;
        }
        let place = ir::Place {
            var,
            path,
            ty,
            span: place.span,
        };
        Some(PlaceInfo {
            place,
            var_ty,
            step_tys,
        })
    }

    /// The variable a place's root names, or an error.
    fn assignable(&mut self, name: &str, span: Span) -> Option<VarId> {
        if let Some(local) = self.scope.lookup(name) {
            let what = self.scope.kind(local).what();
            self.error(
                span,
                K::AssignToLocal {
                    name: name.into(),
                    what,
                },
            );
            return None;
        }
        match self.globals.get(name).copied() {
            Some(Global::Var(v)) => {
                self.refer(span, super::symbols::Target::Global(name.into()));
                Some(v)
            }
            Some(Global::Const(_)) => {
                self.error(span, K::AssignToConst { name: name.into() });
                None
            }
            Some(g) => {
                self.error(
                    span,
                    K::NotAssignable {
                        name: name.into(),
                        what: g.what(),
                    },
                );
                None
            }
            None => {
                let vars: Vec<&str> = self
                    .decls
                    .vars
                    .iter()
                    .map(|v| v.name.name.as_str())
                    .collect();
                let suggestion = suggest(name, vars);
                self.error(
                    span,
                    K::UnknownName {
                        name: name.into(),
                        suggestion,
                    },
                );
                None
            }
        }
    }

    /// One step into a value of type `ty`: `[k]` or `.f`.
    fn place_step(
        &mut self,
        step: &ast::PlaceStep,
        ty: TypeId,
        span: Span,
    ) -> Option<(ir::PlaceStep, TypeId)> {
        let t = self.types.get(ty).cloned();
        match (step, t) {
            (_, None) => None,
            (ast::PlaceStep::Index(k), Some(Type::Map(key, value))) => {
                Some((ir::PlaceStep::Index(self.check_expr(k, key)), value))
            }
            (ast::PlaceStep::Index(k), Some(Type::Seq(item, _))) => {
                let i = self.infer(k, Some(INT));
                Some((ir::PlaceStep::Index(self.expect_int(i)), item))
            }
            (ast::PlaceStep::Field(f), Some(Type::Record { fields })) => {
                match fields.iter().position(|g| g.name == f.name) {
                    Some(i) => Some((ir::PlaceStep::Field(i as u32), fields[i].ty)),
                    None => {
                        self.unknown_field(ty, f, &fields);
                        None
                    }
                }
            }
            (ast::PlaceStep::Field(f), Some(Type::Union { .. })) => {
                self.error(
                    f.span,
                    K::AssignUnionField {
                        field: f.name.clone(),
                    },
                );
                None
            }
            (ast::PlaceStep::Index(k), Some(_)) => {
                self.infer(k, None);
                let found = self.types.name(ty);
                self.error(
                    span,
                    K::ExpectedKind {
                        expected: "a map or a sequence",
                        found,
                    },
                );
                None
            }
            (ast::PlaceStep::Field(_), Some(_)) => {
                let found = self.types.name(ty);
                self.error(
                    span,
                    K::ExpectedKind {
                        expected: "a record",
                        found,
                    },
                );
                None
            }
        }
    }

    /// The current value at a place, as an expression.
    fn read_place(&mut self, info: &PlaceInfo) -> ir::Expr {
        let span = info.place.span;
        let mut e = mk(ExprKind::Var(info.place.var), info.var_ty, span);
        for (step, ty) in info.place.path.iter().zip(&info.step_tys) {
            let kind = match step {
                ir::PlaceStep::Index(k) => ExprKind::Index(Box::new(e), Box::new(k.clone())),
                ir::PlaceStep::Field(i) => ExprKind::Field(Box::new(e), *i),
            };
            e = mk(kind, *ty, span);
        }
        e
    }
}
