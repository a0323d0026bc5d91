//! Enum widening: a value of `{yes, no}` stands where a
//! `{waiting, yes, no}` is expected, and `decision != notsent` compares
//! values of two enums. An atom's value is its index in its enum, so a
//! widened value is rewritten into the core IR: an enum value is looked
//! up in a constant map from the narrow enum to the wide one, and a
//! composite is rebuilt around its parts (`{ W[x] for x in s }` for a set,
//! a record of widened fields, ...). Literals are widened in place. Later
//! stages see only ordinary expressions.

use super::expr::{lit, mk};
use super::names::LocalKind;
use super::{CheckErrorKind as K, Checker};
use crate::check::ir::{self, ExprKind, Type, TypeId};
use crate::source::Span;
use crate::value::Value;

impl Checker<'_> {
    /// `x` and `y` with one type: the one the other widens to, or an enum
    /// join of both. A mismatch that no widening mends is reported on `y`.
    pub(super) fn unify(&mut self, x: ir::Expr, y: ir::Expr) -> (ir::Expr, ir::Expr) {
        if self.types.compat(y.ty, x.ty) {
            return (x, y);
        }
        if !self.types.widens(y.ty, x.ty)
            && let Some(to) = self.types.enum_join(x.ty, y.ty)
        {
            let x = self.widen(x, to);
            let y = self.widen(y, to);
            return (x, y);
        }
        let y = self.expect_type(y, x.ty);
        (x, y)
    }

    /// Report `x op y` (`==`, `in`, ...) when `x`'s enum and `y`'s (`ty`,
    /// a container's item type for `in`) share no atom: the comparison
    /// would have one answer in every state, which is a typo far more
    /// often than an intent. `true` if reported.
    pub(super) fn reject_disjoint(
        &mut self,
        x: &ir::Expr,
        ty: TypeId,
        at: Span,
        op: &'static str,
    ) -> bool {
        if !self.types.disjoint_enums(x.ty, ty) {
            return false;
        }
        let (left, right) = (self.types.name(x.ty), self.types.name(ty));
        self.error(at, K::Disjoint { left, right, op });
        true
    }

    /// `x in s` where `s`'s items (of type `elem`) are of a narrower or
    /// another enum than `x`: both widened to their join. A mismatch that
    /// no widening mends is reported on `x`.
    pub(super) fn widen_membership(
        &mut self,
        x: ir::Expr,
        s: ir::Expr,
        elem: TypeId,
    ) -> (ir::Expr, ir::Expr) {
        let Some(to) = self.types.enum_join(x.ty, elem) else {
            return (self.expect_type(x, elem), s);
        };
        let container = match self.types.get(s.ty) {
            Some(Type::Seq(_, n)) => Type::Seq(to, *n),
            _ => Type::Set(to),
        };
        let container = self.types.intern(container);
        let x = self.widen(x, to);
        let s = self.widen(s, container);
        (x, s)
    }

    /// `x` as a value of `to`; `x`'s type must widen to `to`
    /// ([`TypeTable::widens`](super::types::TypeTable::widens)). Parts
    /// that need no change (an integer, a bool) keep their own types.
    pub(super) fn widen(&mut self, x: ir::Expr, to: TypeId) -> ir::Expr {
        if self.types.compat(x.ty, to) {
            return x;
        }
        let (Some(from_ty), Some(to_ty)) =
            (self.types.get(x.ty).cloned(), self.types.get(to).cloned())
        else {
            return x;
        };
        let span = x.span;
        match (from_ty, to_ty) {
            (Type::Enum { atoms: narrow, .. }, Type::Enum { atoms: wide, .. }) => {
                let place = |i: usize| {
                    let j = wide.iter().position(|a| *a == narrow[i]).unwrap_or(0);
                    Value::Atom(j as u32)
                };
                if let ExprKind::Lit(Value::Atom(i)) = x.kind {
                    return lit(place(i as usize), to, span);
                }
                let table = Value::Map((0..narrow.len()).map(place).collect());
                let table_ty = self.types.intern(Type::Map(x.ty, to));
                let table = lit(table, table_ty, span);
                mk(ExprKind::Index(Box::new(table), Box::new(x)), to, span)
            }
            (Type::Set(_), Type::Set(wide)) => {
                if let ExprKind::SetLit(items) = x.kind {
                    let items: Vec<ir::Expr> =
                        items.into_iter().map(|i| self.widen(i, wide)).collect();
                    let ty = self.elem_container(&items, wide, Type::Set);
                    return mk(ExprKind::SetLit(items), ty, span);
                }
                let (binding, item) = self.each(x, wide);
                let ty = self.types.intern(Type::Set(item.ty));
                let kind = ExprKind::SetMap {
                    bindings: vec![binding],
                    filter: None,
                    map: Box::new(item),
                };
                mk(kind, ty, span)
            }
            (Type::Seq(_, n), Type::Seq(wide, _)) => {
                if let ExprKind::SeqLit(items) = x.kind {
                    let items: Vec<ir::Expr> =
                        items.into_iter().map(|i| self.widen(i, wide)).collect();
                    let ty = self.elem_container(&items, wide, |t| Type::Seq(t, n));
                    return mk(ExprKind::SeqLit(items), ty, span);
                }
                let (binding, item) = self.each(x, wide);
                let ty = self.types.intern(Type::Seq(item.ty, n));
                let kind = ExprKind::SeqMap {
                    binding: Box::new(binding),
                    filter: None,
                    map: Box::new(item),
                };
                mk(kind, ty, span)
            }
            (Type::Option(narrow), Type::Option(wide)) => match x.kind {
                ExprKind::Some(inner) => {
                    let inner = self.widen(*inner, wide);
                    let ty = self.types.intern(Type::Option(inner.ty));
                    mk(ExprKind::Some(Box::new(inner)), ty, span)
                }
                ExprKind::Lit(Value::None) => lit(Value::None, to, span),
                kind => {
                    // let o = x; if o is some(v) then some(W(v)) else none
                    let x = mk(kind, x.ty, span);
                    let (o, read) = self.hold(&x);
                    let v = self.scope.fresh("value", narrow, LocalKind::Bound);
                    let pattern = ir::Pattern {
                        kind: ir::PatternKind::Some(Box::new(bind(v, span))),
                        alias: None,
                        span,
                    };
                    let test = mk(
                        ExprKind::Match(Box::new(read), pattern),
                        super::types::BOOL,
                        span,
                    );
                    let inner = self.widen(mk(ExprKind::Local(v), narrow, span), wide);
                    let ty = self.types.intern(Type::Option(inner.ty));
                    let some = mk(ExprKind::Some(Box::new(inner)), ty, span);
                    let none = lit(Value::None, ty, span);
                    let pick = mk(
                        ExprKind::If(Box::new(test), Box::new(some), Box::new(none)),
                        ty,
                        span,
                    );
                    mk(ExprKind::Let(o, Box::new(x), Box::new(pick)), ty, span)
                }
            },
            (Type::Record { fields: narrow }, Type::Record { fields: wide }) => {
                if let ExprKind::Record(parts) = x.kind {
                    let parts: Vec<ir::Expr> = parts
                        .into_iter()
                        .zip(&wide)
                        .map(|(p, f)| self.widen(p, f.ty))
                        .collect();
                    let ty = self.record_type(&narrow, &parts);
                    return mk(ExprKind::Record(parts), ty, span);
                }
                let (r, read) = self.hold(&x);
                let parts: Vec<ir::Expr> = narrow
                    .iter()
                    .zip(&wide)
                    .enumerate()
                    .map(|(i, (f, g))| {
                        let field = mk(
                            ExprKind::Field(Box::new(read.clone()), i as u32),
                            f.ty,
                            span,
                        );
                        self.widen(field, g.ty)
                    })
                    .collect();
                let ty = self.record_type(&narrow, &parts);
                let record = mk(ExprKind::Record(parts), ty, span);
                mk(ExprKind::Let(r, Box::new(x), Box::new(record)), ty, span)
            }
            (Type::Map(key, narrow), Type::Map(_, wide)) => {
                // let m = x; [k in K: W(m[k])]
                let (m, read) = self.hold(&x);
                let k = self.scope.fresh("key", key, LocalKind::Bound);
                let at = mk(
                    ExprKind::Index(Box::new(read), Box::new(mk(ExprKind::Local(k), key, span))),
                    narrow,
                    span,
                );
                let value = self.widen(at, wide);
                let ty = self.types.intern(Type::Map(key, value.ty));
                let map = mk(ExprKind::MapLit(k, Box::new(value)), ty, span);
                mk(ExprKind::Let(m, Box::new(x), Box::new(map)), ty, span)
            }
            _ => x,
        }
    }

    /// A binding of a fresh local to each item of `x` (a set or a
    /// sequence), and that item widened to `wide`.
    fn each(&mut self, x: ir::Expr, wide: TypeId) -> (ir::Binding, ir::Expr) {
        let span = x.span;
        let item_ty = match self.types.get(x.ty) {
            Some(Type::Set(t) | Type::Seq(t, _)) => *t,
            _ => super::types::ERR,
        };
        let local = self.scope.fresh("item", item_ty, LocalKind::Bound);
        let pattern = bind(local, span);
        let item = self.widen(mk(ExprKind::Local(local), item_ty, span), wide);
        (ir::Binding { pattern, domain: x }, item)
    }

    /// A fresh `let` local for `x`'s value, and a read of it.
    fn hold(&mut self, x: &ir::Expr) -> (ir::LocalId, ir::Expr) {
        let local = self.scope.fresh("value", x.ty, LocalKind::Let);
        (local, mk(ExprKind::Local(local), x.ty, x.span))
    }

    /// The container type of widened items: of the first item's type
    /// (they are all one type), or of `wide` when there are none.
    fn elem_container(
        &mut self,
        items: &[ir::Expr],
        wide: TypeId,
        make: impl Fn(TypeId) -> Type,
    ) -> TypeId {
        let item = items.first().map_or(wide, |i| i.ty);
        self.types.intern(make(item))
    }

    /// The record type of `fields` with the types of `parts`.
    fn record_type(&mut self, fields: &[ir::Field], parts: &[ir::Expr]) -> TypeId {
        let fields = fields
            .iter()
            .zip(parts)
            .map(|(f, p)| ir::Field {
                name: f.name.clone(),
                ty: p.ty,
            })
            .collect();
        self.types.intern(Type::Record { fields })
    }
}

/// The pattern that binds `local` to the whole value.
fn bind(local: ir::LocalId, span: Span) -> ir::Pattern {
    ir::Pattern {
        kind: ir::PatternKind::Bind(local),
        alias: None,
        span,
    }
}
