//! Operators, calls, field access, indexing and tag tests: the expression
//! forms whose meaning depends on their operands' types (`+` on integers
//! is addition, on sets union; `m[k]` is a map lookup or a sequence index).

use super::expr::{mk, poisoned};
use super::names::suggest;
use super::types::{BOOL, ERR, INT};
use super::{CheckErrorKind as K, Checker};
use crate::check::ir::{self, ActionId, BinOp, ExprKind, Field, Type, TypeId};
use crate::source::Span;
use crate::syntax::ast;

fn bin(op: BinOp, x: ir::Expr, y: ir::Expr, ty: TypeId, span: Span) -> ir::Expr {
    mk(ExprKind::Bin(op, Box::new(x), Box::new(y)), ty, span)
}

impl Checker<'_> {
    /// `l op r`.
    pub(super) fn binary(
        &mut self,
        op: ast::BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        use ast::BinOp as A;
        match op {
            // `and` keeps both sides' `is` names visible (see `infer`), `=>`
            // lets its right side see its left's, `or` neither.
            A::And | A::Or | A::Implies => {
                let (x, y) = match op {
                    A::And => (self.check_expr(l, BOOL), self.check_expr(r, BOOL)),
                    A::Or => (self.check_bool(l), self.check_bool(r)),
                    _ => (self.check_expr(l, BOOL), self.check_bool(r)),
                };
                let op = match op {
                    A::And => BinOp::And,
                    A::Or => BinOp::Or,
                    _ => BinOp::Implies,
                };
                bin(op, x, y, BOOL, span)
            }
            A::Eq | A::Ne => {
                let (x, y) = self.infer_pair(l, r, None);
                let op_text = if op == A::Eq { "==" } else { "!=" };
                if self.reject_disjoint(&x, y.ty, y.span, op_text) {
                    return poisoned(span);
                }
                let (x, y) = self.unify(x, y);
                bin(
                    if op == A::Eq { BinOp::Eq } else { BinOp::Ne },
                    x,
                    y,
                    BOOL,
                    span,
                )
            }
            A::Lt | A::Le | A::Gt | A::Ge => self.compare(op, l, r, span),
            A::In | A::NotIn => self.membership(op == A::In, l, r, span),
            A::Range => {
                let (x, y) = self.ints(l, r);
                let ty = self.types.set_of(INT);
                bin(BinOp::Range, x, y, ty, span)
            }
            A::Mul | A::Div | A::Mod => {
                let (x, y) = self.ints(l, r);
                let op = match op {
                    A::Mul => BinOp::Mul,
                    A::Div => BinOp::Div,
                    _ => BinOp::Mod,
                };
                bin(op, x, y, INT, span)
            }
            A::Add | A::Sub | A::Union | A::Intersect => self.arith_or_sets(op, l, r, hint, span),
            A::Concat => self.concat(l, r, hint, span),
        }
    }

    /// Two integer operands.
    fn ints(&mut self, l: &ast::Expr, r: &ast::Expr) -> (ir::Expr, ir::Expr) {
        let x = self.infer(l, Some(INT));
        let x = self.expect_int(x);
        let y = self.infer(r, Some(INT));
        (x, self.expect_int(y))
    }

    /// `< <= > >=`: on integers, or subset tests on sets.
    fn compare(&mut self, op: ast::BinOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> ir::Expr {
        use ast::BinOp as A;
        let (x, y) = self.infer_pair(l, r, None);
        if self.types.set_elem(x.ty).is_some() {
            let (x, y) = self.unify(x, y);
            let op = match op {
                A::Lt => BinOp::ProperSubset,
                A::Le => BinOp::Subset,
                A::Gt => BinOp::ProperSuperset,
                _ => BinOp::Superset,
            };
            return bin(op, x, y, BOOL, span);
        }
        if x.ty != ERR && !self.types.is_int_like(x.ty) {
            self.wrong_kind(&x, "an integer or a set");
            return poisoned(span);
        }
        let y = self.expect_int(y);
        let op = match op {
            A::Lt => BinOp::Lt,
            A::Le => BinOp::Le,
            A::Gt => BinOp::Gt,
            _ => BinOp::Ge,
        };
        bin(op, x, y, BOOL, span)
    }

    /// `x in S`, `x not in S`: S a set or a sequence.
    fn membership(&mut self, is_in: bool, l: &ast::Expr, r: &ast::Expr, span: Span) -> ir::Expr {
        let (x, s) = if self.needs_hint(l) && !self.needs_hint(r) {
            let s = self.infer(r, None);
            let elem = self.container_elem(s.ty);
            (self.infer(l, elem), s)
        } else {
            let x = self.infer(l, None);
            let set_hint = self.types.set_of(x.ty);
            (x, self.infer(r, Some(set_hint)))
        };
        let Some(elem) = self.container_elem(s.ty) else {
            self.wrong_kind(&s, "a set or a sequence");
            return poisoned(span);
        };
        let op_text = if is_in { "in" } else { "not in" };
        if self.reject_disjoint(&x, elem, s.span, op_text) {
            return poisoned(span);
        }
        let (x, s) = if self.types.widens(x.ty, elem) {
            (self.expect_type(x, elem), s)
        } else {
            self.widen_membership(x, s, elem)
        };
        bin(
            if is_in { BinOp::In } else { BinOp::NotIn },
            x,
            s,
            BOOL,
            span,
        )
    }

    /// The element type of a set or sequence (`ERR` for `ERR`).
    fn container_elem(&self, ty: TypeId) -> Option<TypeId> {
        match self.types.get(ty) {
            _ if ty == ERR => Some(ERR),
            Some(Type::Set(t) | Type::Seq(t, _)) => Some(*t),
            _ => None,
        }
    }

    /// `+ -` on integers or sets; `union intersect` on sets.
    fn arith_or_sets(
        &mut self,
        op: ast::BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        hint: Option<TypeId>,
        span: Span,
    ) -> ir::Expr {
        use ast::BinOp as A;
        let (x, y) = self.infer_pair(l, r, hint);
        let sets = self.types.set_elem(x.ty).is_some()
            || (x.ty == ERR && self.types.set_elem(y.ty).is_some());
        if sets {
            let (x, y) = self.unify(x, y);
            let ty = self.types.join(x.ty, y.ty);
            let op = match op {
                A::Add | A::Union => BinOp::Union,
                A::Sub => BinOp::Diff,
                _ => BinOp::Intersect,
            };
            return bin(op, x, y, ty, span);
        }
        if matches!(op, A::Union | A::Intersect) {
            self.wrong_kind(&x, "a set");
            return poisoned(span);
        }
        if x.ty != ERR && !self.types.is_int_like(x.ty) {
            self.wrong_kind(&x, "an integer or a set");
            return poisoned(span);
        }
        let y = self.expect_int(y);
        bin(
            if op == A::Add { BinOp::Add } else { BinOp::Sub },
            x,
            y,
            INT,
            span,
        )
    }

    /// `e.f` on a record, or on a union value (the field of its variant).
    pub(super) fn field(&mut self, inner: &ast::Expr, field: &ast::Ident, span: Span) -> ir::Expr {
        if let Some(x) = self.single_process_field(inner, field, span) {
            return x;
        }
        let x = self.infer(inner, None);
        let x = match self.instance_field_of(x, field, span) {
            Ok(read) => return read,
            Err(x) => x,
        };
        let name = field.name.as_str();
        match self.types.get(x.ty).cloned() {
            None => poisoned(span),
            Some(Type::Record { fields }) => match fields.iter().position(|f| f.name == name) {
                Some(i) => {
                    let ty = fields[i].ty;
                    mk(ExprKind::Field(Box::new(x), i as u32), ty, span)
                }
                None => self.unknown_field(x.ty, field, &fields),
            },
            Some(Type::Union {
                name: union,
                variants,
            }) => {
                let slots: Vec<Option<u32>> = variants
                    .iter()
                    .map(|v| {
                        v.fields
                            .iter()
                            .position(|f| f.name == name)
                            .map(|i| i as u32)
                    })
                    .collect();
                let tys: Vec<TypeId> = variants
                    .iter()
                    .flat_map(|v| v.fields.iter().filter(|f| f.name == name).map(|f| f.ty))
                    .collect();
                let Some(&first) = tys.first() else {
                    let all: Vec<Field> = variants.iter().flat_map(|v| v.fields.clone()).collect();
                    return self.unknown_field(x.ty, field, &all);
                };
                if !tys.iter().all(|t| self.types.compat(*t, first)) {
                    self.error(
                        field.span,
                        K::InconsistentField {
                            union,
                            field: name.into(),
                        },
                    );
                    return poisoned(span);
                }
                let ty = tys.iter().fold(first, |acc, t| self.types.join(acc, *t));
                mk(ExprKind::VariantField(Box::new(x), slots), ty, span)
            }
            Some(_) => {
                self.wrong_kind(&x, "a record or a union value");
                poisoned(span)
            }
        }
    }

    /// Report `.f` missing from a type whose fields are `fields`.
    pub(super) fn unknown_field(
        &mut self,
        ty: TypeId,
        field: &ast::Ident,
        fields: &[Field],
    ) -> ir::Expr {
        let suggestion = suggest(&field.name, fields.iter().map(|f| f.name.as_str()));
        let ty = self.types.name(ty);
        self.error(
            field.span,
            K::UnknownField {
                ty,
                field: field.name.clone(),
                suggestion,
            },
        );
        poisoned(field.span)
    }

    /// `m[k]` on a map, `s[i]` on a sequence.
    pub(super) fn index(&mut self, inner: &ast::Expr, key: &ast::Expr, span: Span) -> ir::Expr {
        let x = self.infer(inner, None);
        let (key, ty) = match self.types.get(x.ty).cloned() {
            Some(Type::Map(k, v)) => (self.check_expr(key, k), v),
            Some(Type::Seq(item, _)) => {
                let i = self.infer(key, Some(INT));
                (self.expect_int(i), item)
            }
            other => {
                if other.is_some() {
                    self.wrong_kind(&x, "a map or a sequence");
                }
                self.infer(key, None);
                return poisoned(span);
            }
        };
        mk(ExprKind::Index(Box::new(x), Box::new(key)), ty, span)
    }

    /// `e is Tag`; in a `transition`, `step is Name` (`step` not a name
    /// of the spec): whether an instance of action `Name` took the step.
    pub(super) fn is(&mut self, inner: &ast::Expr, tag: &ast::Ident, span: Span) -> ir::Expr {
        if let ast::ExprKind::Name(n) = &inner.kind
            && n.name == "step"
            && self.in_transition
            && self.scope.lookup("step").is_none()
            && !self.globals.contains_key("step")
        {
            return self.step_is(tag, span);
        }
        let x = self.infer(inner, None);
        let Some((union, index, _)) = self.lookup_tag(tag) else {
            return poisoned(span);
        };
        if x.ty == ERR {
            return poisoned(span);
        }
        if x.ty != union {
            if matches!(self.types.get(x.ty), Some(Type::Union { .. })) {
                self.wrong_union(tag, union, x.ty);
            } else {
                self.wrong_kind(&x, "a union value");
            }
            return poisoned(span);
        }
        mk(ExprKind::Is(Box::new(x), index), BOOL, span)
    }

    /// `step is Name`: the actions of that name (a process's action has
    /// one per process kind that declares it).
    fn step_is(&mut self, action: &ast::Ident, span: Span) -> ir::Expr {
        let ids: Vec<ActionId> = (self.action_names.iter().enumerate())
            .filter(|(_, n)| **n == action.name)
            .map(|(i, _)| ActionId(i as u32))
            .collect();
        if ids.is_empty() {
            let names = self.action_names.iter().map(String::as_str);
            let suggestion = suggest(&action.name, names);
            let kind = K::UnknownAction {
                name: action.name.clone(),
                suggestion,
            };
            self.error(action.span, kind);
            return poisoned(span);
        }
        mk(ExprKind::StepIs(ids), BOOL, span)
    }

    /// A tag's union, its index there and its fields; reports an unknown tag.
    pub(super) fn lookup_tag(&mut self, tag: &ast::Ident) -> Option<(TypeId, u32, Vec<Field>)> {
        let Some(&(decl, index)) = self.tags.get(&tag.name) else {
            let suggestion = suggest(&tag.name, self.tags.keys().map(String::as_str));
            self.error(
                tag.span,
                K::UnknownTag {
                    name: tag.name.clone(),
                    suggestion,
                },
            );
            return None;
        };
        self.refer(tag.span, super::symbols::Target::Tag(tag.name.clone()));
        let union = self.type_decl(decl);
        match self.types.get(union) {
            Some(Type::Union { variants, .. }) => {
                let fields = variants.get(index as usize)?.fields.clone();
                Some((union, index, fields))
            }
            _ => None,
        }
    }

    /// Report a tag used where a value of another union is expected.
    pub(super) fn wrong_union(&mut self, tag: &ast::Ident, tag_union: TypeId, expected: TypeId) {
        let (tag_union, expected) = (self.types.name(tag_union), self.types.name(expected));
        self.error(
            tag.span,
            K::WrongUnion {
                tag: tag.name.clone(),
                tag_union,
                expected,
            },
        );
    }
}
