//! Typed IR constructors for the code desugaring writes: each gives its
//! result the type the checker would have given the same code written out.

use crate::check::Checker;
use crate::check::expr::{lit, mk};
use crate::check::ir::{self, BinOp, ExprKind, PlaceStep, StmtKind, Type, TypeId, VarId};
use crate::check::types::{BOOL, ERR, INT};
use crate::source::Span;
use crate::value::Value;

impl Checker<'_> {
    /// Read a state variable.
    pub(in crate::check) fn e_var(&self, v: VarId, span: Span) -> ir::Expr {
        mk(ExprKind::Var(v), self.var_types[v.index()], span)
    }

    /// Read a local.
    pub(in crate::check) fn e_local(&self, l: ir::LocalId, span: Span) -> ir::Expr {
        mk(ExprKind::Local(l), self.scope.ty(l), span)
    }

    /// An integer.
    pub(in crate::check) fn e_int(n: i64, span: Span) -> ir::Expr {
        lit(Value::Int(n), INT, span)
    }

    /// A boolean.
    pub(in crate::check) fn e_bool(b: bool, span: Span) -> ir::Expr {
        lit(Value::Bool(b), BOOL, span)
    }

    /// `e[k]` on a map (its value type) or a sequence (its item type).
    pub(in crate::check) fn e_index(&self, e: ir::Expr, k: ir::Expr) -> ir::Expr {
        let ty = match self.types.get(e.ty) {
            Some(Type::Map(_, v)) => *v,
            Some(Type::Seq(t, _)) => *t,
            _ => ERR,
        };
        let span = e.span;
        mk(ExprKind::Index(Box::new(e), Box::new(k)), ty, span)
    }

    /// `a op b`, typed as the checker types it.
    pub(in crate::check) fn e_bin(&mut self, op: BinOp, a: ir::Expr, b: ir::Expr) -> ir::Expr {
        use BinOp as O;
        let ty = match op {
            O::Add | O::Sub | O::Mul | O::Div | O::Mod => INT,
            O::Union | O::Intersect | O::Diff => self.types.join(a.ty, b.ty),
            O::Range => self.types.set_of(INT),
            _ => BOOL,
        };
        let span = a.span;
        mk(ExprKind::Bin(op, Box::new(a), Box::new(b)), ty, span)
    }

    /// `not e`.
    pub(in crate::check) fn e_not(e: ir::Expr) -> ir::Expr {
        let span = e.span;
        mk(ExprKind::Not(Box::new(e)), BOOL, span)
    }

    /// `{e}`.
    pub(in crate::check) fn e_singleton(&mut self, e: ir::Expr) -> ir::Expr {
        let ty = self.types.set_of(e.ty);
        let span = e.span;
        mk(ExprKind::SetLit(vec![e]), ty, span)
    }

    /// A built-in call with its result type.
    pub(in crate::check) fn e_builtin(
        b: ir::Builtin,
        args: Vec<ir::Expr>,
        ty: TypeId,
        span: Span,
    ) -> ir::Expr {
        mk(ExprKind::Builtin(b, args), ty, span)
    }

    /// `require e`.
    pub(in crate::check) fn s_require(e: ir::Expr) -> ir::Stmt {
        let span = e.span;
        ir::Stmt {
            kind: StmtKind::Require(e),
            span,
        }
    }

    /// `v[steps] = value`, the place typed by walking `v`'s type.
    pub(in crate::check) fn s_assign(
        &self,
        v: VarId,
        path: Vec<PlaceStep>,
        value: ir::Expr,
        span: Span,
    ) -> ir::Stmt {
        let mut ty = self.var_types[v.index()];
        for step in &path {
            ty = match (step, self.types.get(ty)) {
                (PlaceStep::Index(_), Some(Type::Map(_, v))) => *v,
                (PlaceStep::Index(_), Some(Type::Seq(t, _))) => *t,
                (PlaceStep::Field(i), Some(Type::Record { fields })) => {
                    fields.get(*i as usize).map_or(ERR, |f| f.ty)
                }
                _ => ERR,
            };
        }
        let place = ir::Place {
            var: v,
            path,
            ty,
            span,
        };
        ir::Stmt {
            kind: StmtKind::Assign(place, value),
            span,
        }
    }

    /// The value at `v[k1][k2]...` (keys that are `None` are skipped: a
    /// single instance has no key).
    pub(in crate::check) fn e_at(
        &self,
        v: VarId,
        keys: &[Option<ir::Expr>],
        span: Span,
    ) -> ir::Expr {
        let mut e = self.e_var(v, span);
        for k in keys.iter().flatten() {
            e = self.e_index(e, k.clone());
        }
        e
    }

    /// The place `v[k1][k2]...`, keys that are `None` skipped.
    pub(in crate::check) fn steps(keys: &[Option<ir::Expr>]) -> Vec<PlaceStep> {
        keys.iter()
            .flatten()
            .cloned()
            .map(PlaceStep::Index)
            .collect()
    }
}
