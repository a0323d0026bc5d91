//! Expressions: bidirectional typing of `ast::Expr` into `ir::Expr`.
//!
//! `infer(e, hint)` gives `e` a type, using `hint` (the type the context
//! would like) only where the expression alone cannot tell: an atom shared
//! by several enums, `none`, `{}`, `[]`. `check_expr(e, expected)` also
//! reports a mismatch. Operators, calls, fields and indexing are in `ops`.

use std::sync::Arc;

use super::names::{Global, suggest};
use super::symbols::Target;
use super::types::{BOOL, ERR, INT};
use super::{CheckErrorKind as K, Checker, ConstSlot, Mode};
use crate::check::ir::{self, ExprKind, Type, TypeId};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

/// An expression of this kind and type at this span.
pub(super) fn mk(kind: ExprKind, ty: TypeId, span: Span) -> ir::Expr {
    ir::Expr { kind, ty, span }
}

/// A literal.
pub(super) fn lit(value: Value, ty: TypeId, span: Span) -> ir::Expr {
    mk(ExprKind::Lit(value), ty, span)
}

/// A placeholder for an expression whose error is already reported.
pub(super) fn poisoned(span: Span) -> ir::Expr {
    lit(Value::Bool(false), ERR, span)
}

impl Checker<'_> {
    /// `e` with a type compatible with `expected`, or a mismatch error.
    pub(super) fn check_expr(&mut self, e: &ast::Expr, expected: TypeId) -> ir::Expr {
        let x = self.infer(e, Some(expected));
        self.expect_type(x, expected)
    }

    /// A boolean expression; names its `is` patterns bind are not visible
    /// after it.
    pub(super) fn check_bool(&mut self, e: &ast::Expr) -> ir::Expr {
        let mark = self.scope.mark();
        let x = self.check_expr(e, BOOL);
        self.scope.hide(mark);
        x
    }

    /// `x` if its type fits `expected`; else report and poison it.
    pub(super) fn expect_type(&mut self, x: ir::Expr, expected: TypeId) -> ir::Expr {
        if self.types.compat(x.ty, expected) {
            return x;
        }
        if self.types.widens(x.ty, expected) {
            return self.widen(x, expected);
        }
        let wrap_in_some = matches!(
            self.types.get(expected),
            Some(&Type::Option(inner)) if self.types.compat(x.ty, inner)
        );
        let (expected, found) = (self.types.name(expected), self.types.name(x.ty));
        self.error(
            x.span,
            K::Mismatch {
                expected,
                found,
                wrap_in_some,
            },
        );
        ir::Expr { ty: ERR, ..x }
    }

    /// `x` if it is an integer; else report and poison it.
    pub(super) fn expect_int(&mut self, x: ir::Expr) -> ir::Expr {
        if x.ty == ERR || self.types.is_int_like(x.ty) {
            return x;
        }
        self.expect_type(x, INT)
    }

    /// Report that `x` is not of the kind an operator needs.
    pub(super) fn wrong_kind(&mut self, x: &ir::Expr, expected: &'static str) {
        if x.ty != ERR {
            let found = self.types.name(x.ty);
            self.error(x.span, K::ExpectedKind { expected, found });
        }
    }

    /// Type `e`, using `hint` where `e` alone cannot tell.
    ///
    /// Scoping of `is` patterns: `x is some(l)` makes `l` visible after
    /// it, and so does an `and` of such tests; every other expression
    /// hides what its parts bound once it is typed (`=>` and `if` first
    /// let their right side or `then` branch see their left side's names).
    pub(super) fn infer(&mut self, e: &ast::Expr, hint: Option<TypeId>) -> ir::Expr {
        let exports = matches!(
            e.kind,
            ast::ExprKind::Matches(..) | ast::ExprKind::Binary(ast::BinOp::And, ..)
        );
        if exports {
            return self.infer_kind(e, hint);
        }
        let mark = self.scope.mark();
        let x = self.infer_kind(e, hint);
        self.scope.hide(mark);
        x
    }

    fn infer_kind(&mut self, e: &ast::Expr, hint: Option<TypeId>) -> ir::Expr {
        let span = e.span;
        match &e.kind {
            ast::ExprKind::Int(n) => lit(Value::Int(*n), INT, span),
            ast::ExprKind::Bool(b) => lit(Value::Bool(*b), BOOL, span),
            ast::ExprKind::None => match hint.filter(|h| self.option_inner(*h).is_some()) {
                Some(ty) => lit(Value::None, ty, span),
                None => self.needs_context(hint, "`none`", span),
            },
            ast::ExprKind::Some(inner) => {
                let x = self.infer(inner, hint.and_then(|h| self.option_inner(h)));
                let ty = self.types.intern(Type::Option(x.ty));
                match x.kind {
                    ExprKind::Lit(v) => lit(Value::Some(Arc::new(v)), ty, span),
                    kind => mk(ExprKind::Some(Box::new(mk(kind, x.ty, x.span))), ty, span),
                }
            }
            ast::ExprKind::Name(ident) => self.name(ident, hint),
            ast::ExprKind::Neg(inner) => {
                let x = self.infer(inner, Some(INT));
                let x = self.expect_int(x);
                match x.kind {
                    ExprKind::Lit(Value::Int(n)) if n.checked_neg().is_some() => {
                        lit(Value::Int(-n), INT, span)
                    }
                    _ => mk(ExprKind::Neg(Box::new(x)), INT, span),
                }
            }
            ast::ExprKind::Not(inner) => {
                let x = self.check_bool(inner);
                mk(ExprKind::Not(Box::new(x)), BOOL, span)
            }
            ast::ExprKind::Binary(op, l, r) => self.binary(*op, l, r, hint, span),
            ast::ExprKind::Card(inner) => {
                let x = self.infer(inner, None);
                if !matches!(self.types.get(x.ty), Some(Type::Set(_) | Type::Seq(..))) {
                    self.wrong_kind(&x, "a set or a sequence");
                    return poisoned(span);
                }
                mk(ExprKind::Card(Box::new(x)), INT, span)
            }
            ast::ExprKind::If(c, a, b) => {
                let (c, a, b) = self.if_expr(c, a, b, hint);
                let (a, b) = self.unify(a, b);
                let ty = self.types.join(a.ty, b.ty);
                mk(
                    ExprKind::If(Box::new(c), Box::new(a), Box::new(b)),
                    ty,
                    span,
                )
            }
            ast::ExprKind::Let(name, value, body) => {
                let value = self.infer(value, None);
                let mark = self.scope.enter(span.end);
                let id = self
                    .scope
                    .bind_at(name, value.ty, super::names::LocalKind::Let);
                let body = self.infer(body, hint);
                self.scope.leave(mark);
                let ty = body.ty;
                mk(ExprKind::Let(id, Box::new(value), Box::new(body)), ty, span)
            }
            ast::ExprKind::Quant(q, binders, body) => {
                let mark = self.scope.enter(span.end);
                if binders.len() > 1 {
                    self.distinct_binds(binders.iter().flat_map(|b| &b.patterns));
                }
                let bindings = binders.iter().flat_map(|b| self.binder(b)).collect();
                let body = self.check_bool(body);
                self.scope.leave(mark);
                mk(ExprKind::Quant(*q, bindings, Box::new(body)), BOOL, span)
            }
            ast::ExprKind::MapLit(key, domain, body) => self.map_lit(key, domain, body, hint, span),
            ast::ExprKind::SeqLit(items) => self.seq_lit(items, hint, span),
            ast::ExprKind::RecordLit(fields) => self.record_lit(fields, hint, span),
            ast::ExprKind::VariantLit(tag, fields) => self.variant_lit(tag, fields, span),
            ast::ExprKind::SetLit(items) => self.set_lit(items, hint, span),
            ast::ExprKind::EveryValue(te) => {
                let ty = self.resolve_type(te, None, false);
                if ty == ERR {
                    return poisoned(span);
                }
                let set = self.types.set_of(ty);
                mk(ir::ExprKind::AllOf(ty), set, span)
            }
            ast::ExprKind::SetMap(map, binder, filter) => {
                let mark = self.scope.enter(span.end);
                let bindings = self.binder(binder);
                let filter = filter.as_ref().map(|f| Box::new(self.check_bool(f)));
                let elem_hint = hint.and_then(|h| self.types.set_elem(h));
                let map = self.infer(map, elem_hint);
                self.scope.leave(mark);
                let ty = self.types.set_of(map.ty);
                let map = Box::new(map);
                mk(
                    ExprKind::SetMap {
                        bindings,
                        filter,
                        map,
                    },
                    ty,
                    span,
                )
            }
            ast::ExprKind::SetFilter(pattern, domain, cond) => {
                let (domain, elem) = self.set_domain(domain);
                let mark = self.scope.enter(span.end);
                self.distinct_binds([pattern.as_ref()]);
                let pattern = self.pattern(pattern, elem);
                let cond = self.check_bool(cond);
                self.scope.leave(mark);
                let ty = domain.ty;
                let binding = Box::new(ir::Binding { pattern, domain });
                mk(ExprKind::SetFilter(binding, Box::new(cond)), ty, span)
            }
            ast::ExprKind::SeqMap(map, pattern, domain, filter) => {
                self.seq_map(map, pattern, domain, filter.as_deref(), hint, span)
            }
            ast::ExprKind::Fold(f) => self.fold(f, hint, span),
            ast::ExprKind::SumOf(pattern, domain, term) => self.sum_of(pattern, domain, term, span),
            ast::ExprKind::Call(name, args) => self.call(name, args, span),
            ast::ExprKind::Field(inner, field) => self.field(inner, field, span),
            ast::ExprKind::Index(inner, key) => self.index(inner, key, span),
            ast::ExprKind::Is(inner, tag) => self.is(inner, tag, span),
            ast::ExprKind::Matches(inner, pattern) => {
                let x = self.infer(inner, None);
                self.distinct_binds([pattern.as_ref()]);
                let pattern = self.pattern(pattern, x.ty);
                mk(ExprKind::Match(Box::new(x), pattern), BOOL, span)
            }
            ast::ExprKind::Pick(name, domain, cond) => {
                let (domain, elem) = self.set_domain(domain);
                let mark = self.scope.enter(span.end);
                let local = self
                    .scope
                    .bind_at(name, elem, super::names::LocalKind::Bound);
                let cond = match cond {
                    Some(c) => self.check_bool(c),
                    None => lit(Value::Bool(true), BOOL, span),
                };
                self.scope.leave(mark);
                let pattern = ir::Pattern {
                    kind: ir::PatternKind::Bind(local),
                    alias: None,
                    span: name.span,
                };
                let binding = Box::new(ir::Binding { pattern, domain });
                mk(ExprKind::Pick(binding, Box::new(cond)), elem, span)
            }
        }
    }

    /// `if c then a else b`: the names `c`'s patterns bind are visible in
    /// `a` only. Whichever branch can be typed alone goes first.
    fn if_expr(
        &mut self,
        c: &ast::Expr,
        a: &ast::Expr,
        b: &ast::Expr,
        hint: Option<TypeId>,
    ) -> (ir::Expr, ir::Expr, ir::Expr) {
        let mark = self.scope.mark();
        let c = self.check_expr(c, BOOL);
        let bound = self.scope.take(mark);
        if self.needs_hint(a) && !self.needs_hint(b) {
            let y = self.infer(b, hint);
            self.scope.restore(bound);
            let x = self.infer(a, Some(y.ty));
            self.scope.hide(mark);
            (c, x, y)
        } else {
            self.scope.restore(bound);
            let x = self.infer(a, hint);
            self.scope.hide(mark);
            let y = self.infer(b, Some(x.ty));
            (c, x, y)
        }
    }

    /// Report that the type of `what` is unknown, unless the context is
    /// already wrong.
    pub(super) fn needs_context(
        &mut self,
        hint: Option<TypeId>,
        what: &'static str,
        span: Span,
    ) -> ir::Expr {
        if hint != Some(ERR) {
            self.error(span, K::NeedsContext { what });
        }
        poisoned(span)
    }

    /// The inner type of an option type.
    pub(super) fn option_inner(&self, ty: TypeId) -> Option<TypeId> {
        match self.types.get(ty) {
            Some(Type::Option(inner)) => Some(*inner),
            _ => None,
        }
    }

    /// Whether `e` can only be typed from context.
    pub(super) fn needs_hint(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            ast::ExprKind::None => true,
            ast::ExprKind::SetLit(items) | ast::ExprKind::SeqLit(items) => {
                items.iter().all(|i| self.needs_hint(i))
            }
            ast::ExprKind::Some(inner) => self.needs_hint(inner),
            ast::ExprKind::If(_, a, b) => self.needs_hint(a) && self.needs_hint(b),
            ast::ExprKind::Fold(f) => self.needs_hint(&f.init),
            ast::ExprKind::Name(ident) => {
                let name = ident.name.as_str();
                self.scope.lookup(name).is_none()
                    && !self.globals.contains_key(name)
                    && !self.tags.contains_key(name)
                    && self.atoms.get(name).is_some_and(|enums| enums.len() > 1)
            }
            _ => false,
        }
    }

    /// Two operands that should have one type: whichever can be typed alone
    /// goes first and gives the other its hint.
    pub(super) fn infer_pair(
        &mut self,
        l: &ast::Expr,
        r: &ast::Expr,
        hint: Option<TypeId>,
    ) -> (ir::Expr, ir::Expr) {
        if self.needs_hint(l) && !self.needs_hint(r) {
            let y = self.infer(r, hint);
            let x = self.infer(l, Some(y.ty));
            (x, y)
        } else {
            let x = self.infer(l, hint);
            let y = self.infer(r, Some(x.ty));
            (x, y)
        }
    }

    /// Several items of one type, in order; the first that can be typed
    /// alone gives the others their hint when the context gives none.
    pub(super) fn infer_items(
        &mut self,
        items: &[ast::Expr],
        hint: Option<TypeId>,
    ) -> (Vec<ir::Expr>, Option<TypeId>) {
        let mut out: Vec<Option<ir::Expr>> = vec![None; items.len()];
        let mut hint = hint;
        if hint.is_none()
            && let Some(i) = items.iter().position(|e| !self.needs_hint(e))
        {
            let x = self.infer(&items[i], None);
            hint = Some(x.ty);
            out[i] = Some(x);
        }
        let mut done = Vec::with_capacity(items.len());
        for (slot, e) in out.into_iter().zip(items) {
            let x = match slot {
                Some(x) => x,
                None => self.infer(e, hint),
            };
            done.push(match hint {
                Some(want) => self.expect_type(x, want),
                None => x,
            });
        }
        (done, hint)
    }

    /// A name used as a value.
    fn name(&mut self, ident: &ast::Ident, hint: Option<TypeId>) -> ir::Expr {
        let (name, span) = (ident.name.as_str(), ident.span);
        if let Some(local) = self.scope.lookup(name) {
            if let Some((def, _)) = self.scope.bound(local) {
                self.refer(span, Target::Def(def));
            }
            return mk(ExprKind::Local(local), self.scope.ty(local), span);
        }
        let global = self.globals.contains_key(name) || self.tags.contains_key(name);
        if !global && !self.atoms.contains_key(name) && self.scope.expired(name) {
            self.error(span, K::OutOfScope { name: name.into() });
            return poisoned(span);
        }
        if let Some(x) = self.process_name(ident) {
            return x;
        }
        if let Some(global) = self.globals.get(name).copied() {
            self.refer(span, Target::Global(name.into()));
            return self.global_value(name, global, span);
        }
        if let Some(&(decl, tag)) = self.tags.get(name) {
            self.refer(span, Target::Tag(name.into()));
            return self.bare_tag(name, decl, tag, span);
        }
        if let Some(x) = self.atom(name, hint, span) {
            self.refer(span, Target::Atom(name.into()));
            return x;
        }
        if self.decls.actions.iter().any(|a| a.name.name == name) {
            let what = Global::Action.what();
            self.error(
                span,
                K::NotAValue {
                    name: name.into(),
                    what,
                },
            );
            return poisoned(span);
        }
        let mut candidates: Vec<&str> = self.scope.names().collect();
        candidates.extend(self.globals.keys().map(String::as_str));
        candidates.extend(self.tags.keys().map(String::as_str));
        candidates.extend(self.atoms.keys().map(String::as_str));
        let suggestion = suggest(name, candidates);
        self.error(
            span,
            K::UnknownName {
                name: name.into(),
                suggestion,
            },
        );
        poisoned(span)
    }

    fn global_value(&mut self, name: &str, global: Global, span: Span) -> ir::Expr {
        match global {
            Global::Const(i) => match &self.consts[i] {
                ConstSlot::Done { ty, value, .. } => lit(value.clone(), *ty, span),
                ConstSlot::Failed => poisoned(span),
                ConstSlot::Pending => {
                    self.error(span, K::ConstOrder { name: name.into() });
                    poisoned(span)
                }
            },
            Global::Var(_) | Global::Channel if self.mode == Mode::Const => {
                let what = global.what();
                self.error(
                    span,
                    K::NotConstant {
                        name: name.into(),
                        what,
                    },
                );
                poisoned(span)
            }
            Global::Var(v) => {
                self.read_var(v);
                mk(ExprKind::Var(v), self.var_types[v.index()], span)
            }
            Global::Type(i) => {
                let t = self.type_decl(i);
                if t == ERR {
                    return poisoned(span);
                }
                let ty = self.types.set_of(t);
                mk(ExprKind::AllOf(t), ty, span)
            }
            Global::Channel => {
                let c = self.dist.channels.iter().find(|c| c.decl.name.name == name);
                match c.map(|c| c.var) {
                    Some(v) => self.keyed_read(v, None, span),
                    None => poisoned(span),
                }
            }
            Global::Fn(_) | Global::Action | Global::Property | Global::Process => {
                let what = global.what();
                self.error(
                    span,
                    K::NotAValue {
                        name: name.into(),
                        what,
                    },
                );
                poisoned(span)
            }
        }
    }

    /// A tag without fields, as a value.
    fn bare_tag(&mut self, name: &str, decl: usize, tag: u32, span: Span) -> ir::Expr {
        let union = self.type_decl(decl);
        let has_fields = match self.types.get(union) {
            Some(Type::Union { variants, .. }) => variants
                .get(tag as usize)
                .is_some_and(|v| !v.fields.is_empty()),
            _ => return poisoned(span),
        };
        if has_fields {
            self.error(span, K::VariantNeedsFields { tag: name.into() });
            return poisoned(span);
        }
        lit(Value::Variant(tag, Arc::from(Vec::new())), union, span)
    }

    /// An enum atom or model value: from the hint's enum if it has the
    /// atom, else from the only enum that has it.
    fn atom(&mut self, name: &str, hint: Option<TypeId>, span: Span) -> Option<ir::Expr> {
        if let Some(h) = hint
            && let Some(Type::Enum { atoms, .. }) = self.types.get(h)
            && let Some(i) = atoms.iter().position(|a| a == name)
        {
            return Some(lit(Value::Atom(i as u32), h, span));
        }
        let enums = self.atoms.get(name)?.clone();
        if let [only] = enums[..] {
            let Some(Type::Enum { atoms, .. }) = self.types.get(only) else {
                return Some(poisoned(span));
            };
            let i = atoms.iter().position(|a| a == name).unwrap_or(0);
            return Some(lit(Value::Atom(i as u32), only, span));
        }
        if hint != Some(ERR) {
            let types = enums.iter().map(|t| self.types.name(*t)).collect();
            self.error(
                span,
                K::AmbiguousAtom {
                    name: name.into(),
                    types,
                },
            );
        }
        Some(poisoned(span))
    }
}
