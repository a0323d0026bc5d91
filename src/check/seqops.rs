//! Sequence operations and folds: `s ++ t`, `[e for p in s if c]`,
//! `fold(acc = init, p in S: body)` and `sum(p in S: e)` (`sub(s, i, j)`
//! and `sum(S)` are built-ins, in `calls.rs`, which calls [`sum_fold`]
//! for the latter). `sum` is a fold: `acc + e` from 0.
//!
//! A fold's accumulator is a local of the fold's own frame; its type is
//! its first value's, widened to `int` for integers (a sum outgrows the
//! range of its first value) and to the context's type where that is
//! compatible (`[]` where a `seq<T, 4>` is expected gives a `seq<T, 4>`).

use super::expr::{mk, poisoned};
use super::names::LocalKind;
use super::types::{ERR, INT};
use super::{CheckErrorKind as K, Checker};
use crate::check::ir::{self, BinOp, ExprKind, Type, TypeId};
use crate::source::Span;
use crate::syntax::ast;

impl Checker<'_> {
    /// The item type and bound of a sequence type.
    pub(super) fn seq_item(&self, ty: TypeId) -> Option<(TypeId, u32)> {
        match self.types.get(ty) {
            Some(Type::Seq(item, n)) => Some((*item, *n)),
            _ => None,
        }
    }

    /// `s ++ t`: a sequence whose bound is the sum of the two bounds (a
    /// result longer than where it is stored is reported when it is
    /// stored, as for any value leaving its type). Each side gives the
    /// other its item type (`s ++ [x]`, `[] ++ s`).
    pub(super) fn concat(
        &mut self,
        l: &ast::Expr,
        r: &ast::Expr,
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        let hint = hint.filter(|h| self.seq_item(*h).is_some());
        let (x, y) = self.infer_pair(l, r, hint);
        let (Some((_, n)), Some((_, m))) = (self.seq_item(x.ty), self.seq_item(y.ty)) else {
            for side in [&x, &y] {
                if self.seq_item(side.ty).is_none() {
                    self.wrong_kind(side, "a sequence");
                }
            }
            return poisoned(span);
        };
        let (x, y) = self.unify(x, y);
        let (Some((xi, _)), Some((yi, _))) = (self.seq_item(x.ty), self.seq_item(y.ty)) else {
            return poisoned(span);
        };
        let item = self.types.join(xi, yi);
        let ty = self.types.intern(Type::Seq(item, n.saturating_add(m)));
        mk(ExprKind::Builtin(ir::Builtin::Concat, vec![x, y]), ty, span)
    }

    /// `[map for p in s if filter]`: the sequence of the mapped items, in
    /// order, with `s`'s bound.
    pub(super) fn seq_map(
        &mut self,
        map: &ast::Expr,
        pattern: &ast::Pattern,
        domain: &ast::Expr,
        filter: Option<&ast::Expr>,
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        let s = self.infer(domain, None);
        let (item, bound) = match (self.seq_item(s.ty), self.types.set_elem(s.ty)) {
            (Some(found), _) => found,
            (None, Some(_)) => {
                let found = self.types.name(s.ty);
                self.error(s.span, K::SeqForOverSet { found });
                (ERR, 0)
            }
            (None, None) => {
                self.wrong_kind(&s, "a sequence");
                (ERR, 0)
            }
        };
        let mark = self.scope.enter(span.end);
        self.distinct_binds([pattern]);
        let pattern = self.pattern(pattern, item);
        let filter = filter.map(|f| Box::new(self.check_bool(f)));
        let item_hint = hint.and_then(|h| self.seq_item(h)).map(|(t, _)| t);
        let map = self.infer(map, item_hint);
        self.scope.leave(mark);
        if item == ERR {
            return poisoned(span);
        }
        let ty = self.types.intern(Type::Seq(map.ty, bound));
        let binding = Box::new(ir::Binding { pattern, domain: s });
        let map = Box::new(map);
        mk(
            ExprKind::SeqMap {
                binding,
                filter,
                map,
            },
            ty,
            span,
        )
    }

    /// A sequence or a set to fold over, and its item (element) type
    /// (`ERR` if it is neither).
    fn fold_domain(&mut self, e: &ast::Expr) -> (ir::Expr, TypeId) {
        let x = self.infer(e, None);
        let elem = match (self.seq_item(x.ty), self.types.set_elem(x.ty)) {
            (Some((item, _)), _) => item,
            (None, Some(elem)) => elem,
            (None, None) => {
                self.wrong_kind(&x, "a sequence or a set");
                ERR
            }
        };
        (x, elem)
    }

    /// `fold(acc = init, p in S: body)`.
    pub(super) fn fold(&mut self, f: &ast::Fold, hint: Option<TypeId>, span: Span) -> ir::Expr {
        let init = self.infer(&f.init, hint);
        let acc_ty = match hint {
            _ if self.types.is_int_like(init.ty) => INT,
            Some(h) if self.types.compat(init.ty, h) => self.types.join(init.ty, h),
            _ => init.ty,
        };
        let (domain, elem) = self.fold_domain(&f.domain);
        let mark = self.scope.enter(span.end);
        let acc = self.scope.bind_at(&f.acc, acc_ty, LocalKind::Bound);
        self.distinct_binds([&f.pattern]);
        let pattern = self.pattern(&f.pattern, elem);
        if self.scope.lookup(&f.acc.name) != Some(acc) {
            let kind = K::Duplicate {
                name: f.acc.name.clone(),
                previous: "bound name",
            };
            self.error(f.pattern.span, kind);
        }
        let before = self.errors.len();
        let body = self.infer(&f.body, Some(acc_ty));
        self.scope.leave(mark);
        // A step already reported wrong inside (`acc or x` with an int
        // `acc`) gets no second error.
        if self.errors.len() == before && !self.types.compat(body.ty, acc_ty) {
            let kind = K::FoldStep {
                acc: f.acc.name.clone(),
                expected: self.types.name(acc_ty),
                found: self.types.name(body.ty),
            };
            self.error(body.span, kind);
            return poisoned(span);
        }
        if acc_ty == ERR || elem == ERR {
            return poisoned(span);
        }
        let binding = Box::new(ir::Binding { pattern, domain });
        let kind = ExprKind::Fold {
            acc,
            init: Box::new(init),
            binding,
            body: Box::new(body),
        };
        mk(kind, acc_ty, span)
    }

    /// `sum(p in S: e)`: the fold `acc + e` from 0 over `S`.
    pub(super) fn sum_of(
        &mut self,
        pattern: &ast::Pattern,
        domain: &ast::Expr,
        term: &ast::Expr,
        span: Span,
    ) -> ir::Expr {
        let (domain, elem) = self.fold_domain(domain);
        let mark = self.scope.enter(span.end);
        self.distinct_binds([pattern]);
        let pattern = self.pattern(pattern, elem);
        let term = self.infer(term, Some(INT));
        let term = self.expect_int(term);
        self.scope.leave(mark);
        if elem == ERR || term.ty == ERR {
            return poisoned(span);
        }
        let binding = ir::Binding { pattern, domain };
        self.sum_fold(binding, term, span)
    }

    /// The fold that sums `term` over `binding`: a fresh accumulator,
    /// `acc + term` from 0.
    pub(super) fn sum_fold(
        &mut self,
        binding: ir::Binding,
        term: ir::Expr,
        span: Span,
    ) -> ir::Expr {
        let acc = self.scope.fresh("sum", INT, LocalKind::Bound);
        let read = mk(ExprKind::Local(acc), INT, span);
        let body = mk(
            ExprKind::Bin(BinOp::Add, Box::new(read), Box::new(term)),
            INT,
            span,
        );
        let kind = ExprKind::Fold {
            acc,
            init: Box::new(super::expr::lit(crate::value::Value::Int(0), INT, span)),
            binding: Box::new(binding),
            body: Box::new(body),
        };
        mk(kind, INT, span)
    }

    /// `sum(S)` of a set or sequence of integers.
    pub(super) fn sum_all(&mut self, arg: &ast::Expr, span: Span) -> ir::Expr {
        let (domain, elem) = self.fold_domain(arg);
        if elem == ERR {
            return poisoned(span);
        }
        if !self.types.is_int_like(elem) {
            self.wrong_kind(&domain, "a set or a sequence of integers");
            return poisoned(span);
        }
        let x = self.scope.fresh("item", elem, LocalKind::Bound);
        let pattern = ir::Pattern {
            kind: ir::PatternKind::Bind(x),
            alias: None,
            span: domain.span,
        };
        let term = mk(ExprKind::Local(x), elem, domain.span);
        let binding = ir::Binding { pattern, domain };
        self.sum_fold(binding, term, span)
    }
}
