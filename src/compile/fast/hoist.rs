//! Hoisting tests out of loops, where that cannot change a result:
//!
//! - `forall x, y in S: not (A(x) and B(x, y))` becomes
//!   `forall x in S: not A(x) or forall y in S: not B(x, y)`: the leading
//!   disjuncts that do not use the inner binder are tested once per outer
//!   value (and `exists` likewise with leading conjuncts);
//! - an action's leading `require` conjuncts that use no parameter are
//!   tested once per state, before its parameters are enumerated.
//!
//! Only a *leading* run is hoisted, so a hoisted test is evaluated before
//! anything it used to follow: nothing that the reference would evaluate
//! (and might fail on) is skipped. A hoisted test may be evaluated where
//! the reference would not (an empty domain); if it fails there, the fast
//! path gives up on the state and the reference redoes it.

use crate::check::ir::{BinOp, Binding, Expr, ExprKind, LocalId, Pattern, PatternKind};

/// Whether `e` reads any of `locals`.
pub fn uses(e: &Expr, locals: &[LocalId]) -> bool {
    let any = |xs: &[Expr]| xs.iter().any(|x| uses(x, locals));
    let binds = |bs: &[Binding]| bs.iter().any(|b| uses(&b.domain, locals));
    match &e.kind {
        ExprKind::Local(l) => locals.contains(l),
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::AllOf(_) | ExprKind::StepIs(_) => false,
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Some(x) | ExprKind::Card(x) => {
            uses(x, locals)
        }
        ExprKind::Field(x, _) | ExprKind::VariantField(x, _) | ExprKind::Is(x, _) => {
            uses(x, locals)
        }
        ExprKind::Bin(_, x, y) | ExprKind::Index(x, y) | ExprKind::Let(_, x, y) => {
            uses(x, locals) || uses(y, locals)
        }
        ExprKind::If(x, y, z) => uses(x, locals) || uses(y, locals) || uses(z, locals),
        ExprKind::Quant(_, bs, body) => binds(bs) || uses(body, locals),
        ExprKind::SetLit(xs) | ExprKind::Record(xs) | ExprKind::Variant(_, xs) => any(xs),
        ExprKind::SeqLit(xs) | ExprKind::Builtin(_, xs) | ExprKind::Call(_, xs) => any(xs),
        ExprKind::Refines(_, xs) => any(xs),
        ExprKind::SetMap {
            bindings,
            filter,
            map,
        } => {
            binds(bindings) || filter.as_ref().is_some_and(|f| uses(f, locals)) || uses(map, locals)
        }
        ExprKind::SetFilter(b, f) | ExprKind::Pick(b, f) => {
            uses(&b.domain, locals) || uses(f, locals)
        }
        ExprKind::SeqMap {
            binding,
            filter,
            map,
        } => {
            uses(&binding.domain, locals)
                || filter.as_ref().is_some_and(|f| uses(f, locals))
                || uses(map, locals)
        }
        ExprKind::Fold {
            init,
            binding,
            body,
            ..
        } => uses(init, locals) || uses(&binding.domain, locals) || uses(body, locals),
        ExprKind::Match(x, _) | ExprKind::Next(x) => uses(x, locals),
        ExprKind::MapLit(_, body) => uses(body, locals),
    }
}

/// Whether `e` binds locals that outlive it (an `is` pattern, read by
/// the terms after it): such a term is never moved.
pub fn binds(e: &Expr) -> bool {
    let mut found = false;
    crate::compile::fast::build_quant::walk(e, &mut |x| {
        found |= matches!(x.kind, ExprKind::Match(..));
    });
    found
}

/// The locals a pattern binds.
pub fn bound(p: &Pattern, out: &mut Vec<LocalId>) {
    if let Some(a) = p.alias {
        out.push(a);
    }
    match &p.kind {
        PatternKind::Bind(l) => out.push(*l),
        PatternKind::Variant { fields, .. } => fields.iter().for_each(|(_, f)| bound(f, out)),
        PatternKind::Some(inner) => bound(inner, out),
        PatternKind::Wildcard | PatternKind::None | PatternKind::Literal(_) => {}
    }
}

/// A term of a disjunction (`or`) or conjunction (`and`), maybe negated.
#[derive(Clone, Copy)]
pub struct Term<'e> {
    /// The expression.
    pub expr: &'e Expr,
    /// Whether it stands negated.
    pub negated: bool,
}

/// `e` as terms joined by `or` (`any`) or `and` (not `any`), in order:
/// `not (a and b)` is `not a or not b`, `a => b` is `not a or b`.
pub fn terms<'e>(e: &'e Expr, any: bool, negated: bool, out: &mut Vec<Term<'e>>) {
    match (&e.kind, any != negated) {
        (ExprKind::Not(x), _) => terms(x, any, !negated, out),
        (ExprKind::Bin(BinOp::Or, x, y), true) | (ExprKind::Bin(BinOp::And, x, y), false) => {
            terms(x, any, negated, out);
            terms(y, any, negated, out);
        }
        (ExprKind::Bin(BinOp::Implies, x, y), true) => {
            terms(x, any, !negated, out);
            terms(y, any, negated, out);
        }
        _ => out.push(Term { expr: e, negated }),
    }
}
