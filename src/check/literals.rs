//! Literals: sets, sequences, records, variants and maps. A literal takes
//! its element or field types from the expected type when it has one (so
//! `{}` and `[]` can be typed), and folds to a value when all its parts are
//! literals.

use super::expr::{lit, mk, poisoned};
use super::names::{Global, LocalKind, suggest};
use super::types::ERR;
use super::{CheckErrorKind as K, Checker, ConstSlot};
use crate::check::ir::{self, ExprKind, Type, TypeId};
use crate::source::Span;
use crate::syntax::ast;
use crate::value::Value;

impl Checker<'_> {
    /// `{a, b}` and `{}`.
    pub(super) fn set_lit(
        &mut self,
        items: &[ast::Expr],
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        let elem_hint = hint.and_then(|h| self.types.set_elem(h));
        if items.is_empty() {
            return match hint.filter(|_| elem_hint.is_some()) {
                Some(ty) => lit(Value::empty_set(), ty, span),
                None => self.needs_context(hint, "`{}`", span),
            };
        }
        let (items, _) = self.infer_items(items, elem_hint);
        let elem = items.iter().fold(ERR, |acc, x| self.types.join(acc, x.ty));
        let ty = self.types.set_of(elem);
        if items.iter().all(|x| matches!(x.kind, ExprKind::Lit(_))) {
            let values = items
                .into_iter()
                .filter_map(|x| match x.kind {
                    ExprKind::Lit(v) => Some(v),
                    _ => None,
                })
                .collect();
            return lit(Value::set_from(values), ty, span);
        }
        mk(ExprKind::SetLit(items), ty, span)
    }

    /// `[a, b]` and `[]`.
    pub(super) fn seq_lit(
        &mut self,
        items: &[ast::Expr],
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        let item_hint = match hint.and_then(|h| self.types.get(h)) {
            Some(Type::Seq(t, _)) => Some(*t),
            _ => None,
        };
        if items.is_empty() && item_hint.is_none() {
            return self.needs_context(hint, "`[]`", span);
        }
        let (items, item_hint) = self.infer_items(items, item_hint);
        let item = items.iter().fold(item_hint.unwrap_or(ERR), |acc, x| {
            self.types.join(acc, x.ty)
        });
        let ty = self.types.intern(Type::Seq(item, items.len() as u32));
        mk(ExprKind::SeqLit(items), ty, span)
    }

    /// `{ f: a, g: b }`: in the field order of the expected record type
    /// when it has the same fields, else as written.
    pub(super) fn record_lit(
        &mut self,
        fields: &[(ast::Ident, ast::Expr)],
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        if let Some(dup) = first_duplicate(fields.iter().map(|(f, _)| f)) {
            self.error(
                dup.span,
                K::DuplicateField {
                    field: dup.name.clone(),
                },
            );
            return poisoned(span);
        }
        let expected = match hint.and_then(|h| self.types.get(h)) {
            Some(Type::Record { fields: want })
                if want.len() == fields.len()
                    && want
                        .iter()
                        .all(|w| fields.iter().any(|(f, _)| f.name == w.name)) =>
            {
                Some(want.clone())
            }
            _ => None,
        };
        let Some(want) = expected else {
            let values: Vec<ir::Expr> = fields.iter().map(|(_, e)| self.infer(e, None)).collect();
            let decl = fields
                .iter()
                .zip(&values)
                .map(|((f, _), x)| ir::Field {
                    name: f.name.clone(),
                    ty: x.ty,
                })
                .collect();
            let ty = self.types.intern(Type::Record { fields: decl });
            return mk(ExprKind::Record(values), ty, span);
        };
        let mut values = Vec::with_capacity(want.len());
        for w in &want {
            if let Some((_, e)) = fields.iter().find(|(f, _)| f.name == w.name) {
                values.push(self.check_expr(e, w.ty));
            }
        }
        let ty = hint.unwrap_or(ERR);
        mk(ExprKind::Record(values), ty, span)
    }

    /// `Tag { f: a }`: every field of the variant, each once.
    pub(super) fn variant_lit(
        &mut self,
        tag: &ast::Ident,
        fields: &[(ast::Ident, ast::Expr)],
        span: Span,
    ) -> ir::Expr {
        let Some((union, index, decl)) = self.lookup_tag(tag) else {
            for (_, e) in fields {
                self.infer(e, None);
            }
            return poisoned(span);
        };
        let mut ok = true;
        let mut values: Vec<Option<ir::Expr>> = vec![None; decl.len()];
        for (f, e) in fields {
            match decl.iter().position(|d| d.name == f.name) {
                Some(i) if values[i].is_some() => {
                    self.error(
                        f.span,
                        K::DuplicateField {
                            field: f.name.clone(),
                        },
                    );
                    ok = false;
                }
                Some(i) => values[i] = Some(self.check_expr(e, decl[i].ty)),
                None => {
                    let suggestion = suggest(&f.name, decl.iter().map(|d| d.name.as_str()));
                    let field = f.name.clone();
                    self.error(
                        f.span,
                        K::UnknownField {
                            ty: tag.name.clone(),
                            field,
                            suggestion,
                        },
                    );
                    self.infer(e, None);
                    ok = false;
                }
            }
        }
        for (d, v) in decl.iter().zip(&values) {
            if v.is_none() && ok {
                let (of, field) = (tag.name.clone(), d.name.clone());
                self.error(span, K::MissingField { of, field });
                ok = false;
            }
        }
        let values: Vec<ir::Expr> = values.into_iter().flatten().collect();
        if !ok || values.iter().any(|v| v.ty == ERR) {
            return poisoned(span);
        }
        mk(ExprKind::Variant(index, values), union, span)
    }

    /// `[k in K: e]`: K must be a whole type (a type name, a model-value
    /// constant, or a constant range); the key ranges over all of it.
    pub(super) fn map_lit(
        &mut self,
        key: &ast::Ident,
        domain: &ast::Expr,
        body: &ast::Expr,
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        let d = self.infer(domain, None);
        let key_ty = match &d.kind {
            _ if d.ty == ERR => ERR,
            ExprKind::AllOf(t) => *t,
            ExprKind::Bin(ir::BinOp::Range, lo, hi) => match (&lo.kind, &hi.kind) {
                (ExprKind::Lit(Value::Int(lo)), ExprKind::Lit(Value::Int(hi))) if lo <= hi => {
                    self.types.intern(Type::Range { lo: *lo, hi: *hi })
                }
                _ => self.map_domain_error(&d),
            },
            ExprKind::Lit(_) => match self.model_value_enum(domain) {
                Some(e) => e,
                None => self.map_domain_error(&d),
            },
            _ => self.map_domain_error(&d),
        };
        let value_hint = match hint.and_then(|h| self.types.get(h)) {
            Some(Type::Map(_, v)) => Some(*v),
            _ => None,
        };
        let mark = self.scope.enter(span.end);
        let id = self.scope.bind_at(key, key_ty, LocalKind::Bound);
        let value = match value_hint {
            Some(v) => self.check_expr(body, v),
            None => self.infer(body, None),
        };
        self.scope.leave(mark);
        let value_ty = value_hint.unwrap_or(value.ty);
        let ty = self.types.intern(Type::Map(key_ty, value_ty));
        mk(ExprKind::MapLit(id, Box::new(value)), ty, span)
    }

    fn map_domain_error(&mut self, d: &ir::Expr) -> TypeId {
        let found = self.types.name(d.ty);
        self.error(d.span, K::MapDomain { found });
        ERR
    }

    /// The enum of a model-value constant named by `e`, if it is one.
    fn model_value_enum(&self, e: &ast::Expr) -> Option<TypeId> {
        let ast::ExprKind::Name(ident) = &e.kind else {
            return None;
        };
        if self.scope.lookup(&ident.name).is_some() {
            return None;
        }
        match self.globals.get(&ident.name) {
            Some(Global::Const(i)) => match &self.consts[*i] {
                ConstSlot::Done { enum_ty, .. } => *enum_ty,
                _ => None,
            },
            _ => None,
        }
    }
}

/// The first name that repeats an earlier one.
pub(super) fn first_duplicate<'a>(
    names: impl Iterator<Item = &'a ast::Ident>,
) -> Option<&'a ast::Ident> {
    let mut seen: Vec<&str> = Vec::new();
    for n in names {
        if seen.contains(&n.name.as_str()) {
            return Some(n);
        }
        seen.push(&n.name);
    }
    None
}
