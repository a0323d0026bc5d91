//! An `init` block that gives a map every entry one by one, for a
//! variable with no `= value`:
//!
//! ```text
//! init {                          init {
//!     m[a] = 0          becomes       let t1 = 0
//!     m[b] = 1                        let t2 = 1
//! }                                   m = [k in K: if k == a then t1 else t2]
//!                                 }
//! init {                          init {
//!     for k in K {      becomes       m = [k in K: f(k)]
//!         m[k] = f(k)             }
//!     }
//! }
//! ```
//!
//! Only statements at the top of the block count, each entry's value must
//! not read the map, and nothing may read or change the map before every
//! entry is given: then the whole map is assigned once, where the last
//! entry was, and the result is the same.

use super::Checker;
use super::domain;
use super::expr::mk;
use super::ir::{
    self, BinOp, ExprKind, Frame, LocalDef, LocalId, Place, PlaceStep, Stmt, StmtKind, Type, VarId,
};
use super::types::BOOL;
use crate::value::Value;

impl Checker<'_> {
    /// Rewrite the entry-by-entry assignments of `var` (a map with no
    /// initial value) into one whole assignment; whether it could.
    pub(super) fn init_by_entries(
        &self,
        var: VarId,
        ty: ir::TypeId,
        stmts: &mut Vec<Stmt>,
        frame: &mut Frame,
    ) -> bool {
        let Type::Map(key_ty, _) = self.types.list[ty.index()] else {
            return false;
        };
        let keys = match domain::size(&self.types.list, key_ty) {
            Some(n) if n <= 4096 => domain::values(&self.types.list, key_ty),
            _ => return false,
        };
        let mut given: Vec<(Value, LocalId)> = Vec::new();
        for i in 0..stmts.len() {
            let s = &stmts[i];
            if let Some((l, value)) = self.whole_loop(s, var, &keys) {
                if !given.is_empty() {
                    return false;
                }
                let place = whole(var, ty, s.span);
                let map = mk(ExprKind::MapLit(l, Box::new(value.clone())), ty, s.span);
                stmts[i] = Stmt {
                    kind: StmtKind::Assign(place, map),
                    span: s.span,
                };
                return true;
            }
            let entry = match &s.kind {
                StmtKind::Assign(place, value) if place.var == var && !reads(value, var) => {
                    match &place.path[..] {
                        [PlaceStep::Index(k)] if !reads(k, var) => self
                            .known(k, &vec![None; frame.locals.len()])
                            .map(|key| (key, value.clone(), place.ty)),
                        _ => None,
                    }
                }
                _ => None,
            };
            let Some((key, value, value_ty)) = entry else {
                if touches(s, var) {
                    return false;
                }
                continue;
            };
            if given.iter().any(|(k, _)| *k == key) {
                return false;
            }
            let t = LocalId(frame.locals.len() as u32);
            frame.locals.push(LocalDef {
                name: format!("{} entry", self.var_name(var)),
                ty: value_ty,
            });
            let span = s.span;
            stmts[i] = Stmt {
                kind: StmtKind::Let(t, value),
                span,
            };
            given.push((key, t));
            if keys.iter().all(|k| given.iter().any(|(g, _)| g == k)) {
                let k = LocalId(frame.locals.len() as u32);
                frame.locals.push(LocalDef {
                    name: "key".into(),
                    ty: key_ty,
                });
                let at = |t: LocalId| mk(ExprKind::Local(t), value_ty, span);
                let (last, rest) = given.split_last().expect("an entry");
                let mut body = at(last.1);
                for (key, t) in rest.iter().rev() {
                    let is = mk(
                        ExprKind::Bin(
                            BinOp::Eq,
                            Box::new(mk(ExprKind::Local(k), key_ty, span)),
                            Box::new(mk(ExprKind::Lit(key.clone()), key_ty, span)),
                        ),
                        BOOL,
                        span,
                    );
                    body = mk(
                        ExprKind::If(Box::new(is), Box::new(at(*t)), Box::new(body)),
                        value_ty,
                        span,
                    );
                }
                let map = mk(ExprKind::MapLit(k, Box::new(body)), ty, span);
                stmts.insert(
                    i + 1,
                    Stmt {
                        kind: StmtKind::Assign(whole(var, ty, span), map),
                        span,
                    },
                );
                return true;
            }
        }
        false
    }

    /// `for k in K { var[k] = e }` over every key: the loop's local and `e`.
    fn whole_loop<'s>(
        &self,
        s: &'s Stmt,
        var: VarId,
        keys: &[Value],
    ) -> Option<(LocalId, &'s ir::Expr)> {
        let StmtKind::For(b, body) = &s.kind else {
            return None;
        };
        let ir::PatternKind::Bind(l) = b.pattern.kind else {
            return None;
        };
        let [one] = &body[..] else {
            return None;
        };
        let StmtKind::Assign(place, value) = &one.kind else {
            return None;
        };
        let [PlaceStep::Index(k)] = &place.path[..] else {
            return None;
        };
        let every = match &b.domain.kind {
            ExprKind::AllOf(_) => true,
            _ => matches!(self.known(&b.domain, &[]), Some(Value::Set(items)) if *items == *keys),
        };
        (place.var == var
            && b.pattern.alias.is_none()
            && matches!(k.kind, ExprKind::Local(x) if x == l)
            && every
            && !reads(value, var))
        .then_some((l, value))
    }

    fn var_name(&self, var: VarId) -> &str {
        self.decls.vars[var.index()].name.name.as_str()
    }
}

fn whole(var: VarId, ty: ir::TypeId, span: crate::source::Span) -> Place {
    Place {
        var,
        path: Vec::new(),
        ty,
        span,
    }
}

/// Whether `e` reads `var`.
fn reads(e: &ir::Expr, var: VarId) -> bool {
    let mut found = false;
    ir::walk(e, &mut |x| {
        found |= matches!(x.kind, ExprKind::Var(v) if v == var)
    });
    found
}

/// Whether a statement reads or assigns `var` anywhere.
fn touches(s: &Stmt, var: VarId) -> bool {
    let any = |body: &[Stmt]| body.iter().any(|s| touches(s, var));
    match &s.kind {
        StmtKind::Require(e) | StmtKind::Assert(e, _) | StmtKind::Let(_, e) => reads(e, var),
        StmtKind::Assign(place, e) => {
            place.var == var
                || reads(e, var)
                || place
                    .path
                    .iter()
                    .any(|p| matches!(p, PlaceStep::Index(k) if reads(k, var)))
        }
        StmtKind::If(c, a, b) => reads(c, var) || any(a) || any(b),
        StmtKind::Either(blocks) => blocks.iter().any(|b| any(b)),
        StmtKind::Choose(b, body) | StmtKind::For(b, body) => reads(&b.domain, var) || any(body),
    }
}
