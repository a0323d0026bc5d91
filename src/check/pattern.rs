//! Patterns and bindings: `P1a { bal: b } in msgs`, `some(v)`, `x as m`.
//!
//! A pattern is checked against the element type of the set it ranges
//! over; the names it binds become locals of the current frame, visible
//! until the caller leaves the scope.

use super::names::LocalKind;
use super::types::ERR;
use super::{CheckErrorKind as K, Checker};
use crate::check::ir::{self, Type, TypeId};
use crate::syntax::ast;

impl Checker<'_> {
    /// `p1, p2 in S`: one binding per pattern, all over the same set.
    pub(super) fn binder(&mut self, b: &ast::Binder) -> Vec<ir::Binding> {
        self.distinct_binds(&b.patterns);
        let (domain, elem) = self.set_domain(&b.domain);
        b.patterns
            .iter()
            .map(|p| ir::Binding {
                pattern: self.pattern(p, elem),
                domain: domain.clone(),
            })
            .collect()
    }

    /// A set to range over, and its element type (`ERR` if it is not a
    /// set). A sequence stands for the set of its items (`forall v in log`,
    /// `{ x for x in s }`): it is rewritten as that set, so a binder sees
    /// each item once, in value order, as over any set.
    pub(super) fn set_domain(&mut self, e: &ast::Expr) -> (ir::Expr, TypeId) {
        let x = self.infer(e, None);
        if let Some(&Type::Seq(item, _)) = self.types.get(x.ty) {
            return (self.items_of(x, item), item);
        }
        match self.types.set_elem(x.ty) {
            Some(elem) => (x, elem),
            None => {
                self.wrong_kind(&x, "a set or a sequence");
                (x, ERR)
            }
        }
    }

    /// `{ v for v in s }`: the set of the items of the sequence `s`.
    fn items_of(&mut self, s: ir::Expr, item: TypeId) -> ir::Expr {
        let span = s.span;
        let local = self.scope.fresh("item", item, LocalKind::Bound);
        let pattern = ir::Pattern {
            kind: ir::PatternKind::Bind(local),
            alias: None,
            span,
        };
        let ty = self.types.set_of(item);
        ir::Expr {
            kind: ir::ExprKind::SetMap {
                bindings: vec![ir::Binding { pattern, domain: s }],
                filter: None,
                map: Box::new(ir::Expr {
                    kind: ir::ExprKind::Local(local),
                    ty: item,
                    span,
                }),
            },
            ty,
            span,
        }
    }

    /// Report a name that `patterns` bind twice (`forall y, y in S`,
    /// `A { a: y, b: y }`): the second would hide the first.
    pub(super) fn distinct_binds<'p>(
        &mut self,
        patterns: impl IntoIterator<Item = &'p ast::Pattern>,
    ) {
        let mut names = Vec::new();
        for p in patterns {
            self.binds(p, &mut names);
        }
        if let Some(dup) = super::literals::first_duplicate(names.into_iter()) {
            let kind = K::Duplicate {
                name: dup.name.clone(),
                previous: "bound name",
            };
            self.error(dup.span, kind);
        }
    }

    /// The names a pattern binds, in order (a bare tag binds nothing).
    fn binds<'p>(&self, p: &'p ast::Pattern, out: &mut Vec<&'p ast::Ident>) {
        match &p.kind {
            ast::PatternKind::Name(ident) if !self.tags.contains_key(&ident.name) => {
                out.push(ident)
            }
            ast::PatternKind::Variant { fields, .. } => {
                for (_, sub) in fields {
                    self.binds(sub, out);
                }
            }
            ast::PatternKind::Some(inner) => self.binds(inner, out),
            _ => {}
        }
        out.extend(&p.alias);
    }

    /// A pattern matched against values of type `ty`; binds its names.
    pub(super) fn pattern(&mut self, p: &ast::Pattern, ty: TypeId) -> ir::Pattern {
        let kind = match &p.kind {
            ast::PatternKind::Wildcard => ir::PatternKind::Wildcard,
            ast::PatternKind::Name(ident) if self.tags.contains_key(&ident.name) => {
                self.variant_pattern(ident, &[], ty, true)
            }
            ast::PatternKind::Name(ident) => {
                ir::PatternKind::Bind(self.scope.bind_at(ident, ty, LocalKind::Bound))
            }
            ast::PatternKind::Variant { tag, fields } => {
                self.variant_pattern(tag, fields, ty, false)
            }
            ast::PatternKind::Some(inner) => {
                let inner_ty = self.option_of(ty, p);
                ir::PatternKind::Some(Box::new(self.pattern(inner, inner_ty)))
            }
            ast::PatternKind::None => {
                self.option_of(ty, p);
                ir::PatternKind::None
            }
            ast::PatternKind::Literal(e) => self.literal_pattern(e, ty),
        };
        let alias = p
            .alias
            .as_ref()
            .map(|a| self.scope.bind_at(a, ty, LocalKind::Bound));
        ir::Pattern {
            kind,
            alias,
            span: p.span,
        }
    }

    /// The inner type when `ty` is an option; else report (and `ERR`).
    fn option_of(&mut self, ty: TypeId, p: &ast::Pattern) -> TypeId {
        match self.types.get(ty) {
            Some(Type::Option(inner)) => *inner,
            None => ERR,
            Some(_) => {
                let found = self.types.name(ty);
                self.error(
                    p.span,
                    K::ExpectedKind {
                        expected: "an option",
                        found,
                    },
                );
                ERR
            }
        }
    }

    /// `Tag { f: p, g }`, or a bare `Tag` (`bare`: it must have no fields).
    fn variant_pattern(
        &mut self,
        tag: &ast::Ident,
        fields: &[(ast::Ident, ast::Pattern)],
        ty: TypeId,
        bare: bool,
    ) -> ir::PatternKind {
        let found = self.lookup_tag(tag);
        let decl = match found {
            Some((union, _, _)) if ty != ERR && ty != union => {
                self.wrong_union(tag, union, ty);
                None
            }
            Some((_, index, decl)) if ty != ERR => Some((index, decl)),
            _ => None,
        };
        if bare && decl.as_ref().is_some_and(|(_, d)| !d.is_empty()) {
            self.error(
                tag.span,
                K::VariantNeedsFields {
                    tag: tag.name.clone(),
                },
            );
        }
        let Some((index, decl)) = decl else {
            // Still bind the names, so that their uses raise no more errors.
            for (_, sub) in fields {
                self.pattern(sub, ERR);
            }
            return ir::PatternKind::Wildcard;
        };
        if let Some(dup) = super::literals::first_duplicate(fields.iter().map(|(f, _)| f)) {
            self.error(
                dup.span,
                K::DuplicateField {
                    field: dup.name.clone(),
                },
            );
        }
        let mut out = Vec::new();
        for (f, sub) in fields {
            match decl.iter().position(|d| d.name == f.name) {
                Some(i) => out.push((i as u32, self.field_pattern(sub, decl[i].ty))),
                None => {
                    self.unknown_field_of_tag(tag, f, &decl);
                    self.pattern(sub, ERR);
                }
            }
        }
        ir::PatternKind::Variant {
            tag: index,
            fields: out,
        }
    }

    /// A literal pattern: the value of `e`, which must have type `ty`.
    fn literal_pattern(&mut self, e: &ast::Expr, ty: TypeId) -> ir::PatternKind {
        let x = self.check_expr(e, ty);
        match x.kind {
            ir::ExprKind::Lit(v) => ir::PatternKind::Literal(v),
            _ => ir::PatternKind::Wildcard,
        }
    }

    /// A field's pattern: as any pattern, except that a bare name that is
    /// an atom of the field's enum type (and no local) matches that atom:
    /// `Vote { from: n1 }` takes votes from `n1` only.
    fn field_pattern(&mut self, p: &ast::Pattern, ty: TypeId) -> ir::Pattern {
        if let ast::PatternKind::Name(ident) = &p.kind
            && !self.tags.contains_key(&ident.name)
            && let Some(Type::Enum { atoms, .. }) = self.types.get(ty)
            && let Some(i) = atoms.iter().position(|a| *a == ident.name)
        {
            let alias = p
                .alias
                .as_ref()
                .map(|a| self.scope.bind_at(a, ty, LocalKind::Bound));
            return ir::Pattern {
                kind: ir::PatternKind::Literal(crate::value::Value::Atom(i as u32)),
                alias,
                span: p.span,
            };
        }
        self.pattern(p, ty)
    }

    fn unknown_field_of_tag(&mut self, tag: &ast::Ident, f: &ast::Ident, decl: &[ir::Field]) {
        let suggestion = super::names::suggest(&f.name, decl.iter().map(|d| d.name.as_str()));
        self.error(
            f.span,
            K::UnknownField {
                ty: tag.name.clone(),
                field: f.name.clone(),
                suggestion,
            },
        );
    }
}
