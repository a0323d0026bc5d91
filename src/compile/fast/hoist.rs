//! Hoisting tests out of loops, where that cannot change a result:
//!
//! - `forall x, y in S: not (A(x) and B(x, y))` becomes
//!   `forall x in S: not A(x) or forall y in S: not B(x, y)`: the leading
//!   disjuncts that do not use the inner binder are tested once per outer
//!   value (and `exists` likewise with leading conjuncts);
//! - an action's leading `require` conjuncts are tested as soon as the
//!   parameters they read are bound: once per state for those that read
//!   none, once per value of `from` for `clock[from] < Max` in
//!   `Send(from, to)`, before `to` is enumerated.
//!
//! A test moves in front of another only when that one cannot fail
//! ([`total`]): nothing that the reference would evaluate (and might fail
//! on) is skipped. A hoisted test may be evaluated where the reference
//! would not (an empty domain, or in front of a test that is false); if it
//! fails there, the fast path gives up on the state and the reference
//! redoes it.

use crate::check::ir::{
    BinOp, Binding, Builtin, Expr, ExprKind, LocalId, Pattern, PatternKind, Type,
};

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

/// The locals `e` reads and does not bind itself, in order of reading.
pub fn free(e: &Expr) -> Vec<LocalId> {
    let (mut bound, mut used) = (Vec::new(), Vec::new());
    crate::compile::fast::build_quant::walk(e, &mut |x| match &x.kind {
        ExprKind::Local(l) => used.push(*l),
        ExprKind::Let(l, ..) | ExprKind::MapLit(l, _) => bound.push(*l),
        ExprKind::Quant(_, bs, _) | ExprKind::SetMap { bindings: bs, .. } => {
            bs.iter().for_each(|b| self::bound(&b.pattern, &mut bound));
        }
        ExprKind::SetFilter(b, _) | ExprKind::Pick(b, _) | ExprKind::SeqMap { binding: b, .. } => {
            self::bound(&b.pattern, &mut bound)
        }
        ExprKind::Fold { acc, binding, .. } => {
            bound.push(*acc);
            self::bound(&binding.pattern, &mut bound);
        }
        ExprKind::Match(_, p) => self::bound(p, &mut bound),
        _ => {}
    });
    used.retain(|l| !bound.contains(l));
    used
}

/// Whether evaluating `e` can never fail (no runtime error in the
/// reference interpreter, whatever the state): literals, variables and
/// locals; a map read with a key of the map's own key type; a record's
/// field; a length or a size; comparisons, membership, set operations,
/// logic, `if`, `let` and quantifiers over such. Arithmetic (overflow,
/// division by zero), sequence indices, `head`, calls and the rest may
/// fail. A test may be moved in front of a total one.
pub fn total(e: &Expr, types: &[Type]) -> bool {
    let t = |x: &Expr| total(x, types);
    let ty = |x: &Expr| types.get(x.ty.index());
    match &e.kind {
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::Local(_) | ExprKind::AllOf(_) => true,
        ExprKind::Not(x) | ExprKind::Card(x) | ExprKind::Is(x, _) | ExprKind::Some(x) => t(x),
        ExprKind::Field(x, _) => matches!(ty(x), Some(Type::Record { .. })) && t(x),
        ExprKind::Index(m, k) => {
            matches!(ty(m), Some(Type::Map(key, _)) if *key == k.ty) && t(m) && t(k)
        }
        ExprKind::Builtin(Builtin::Len, xs) => xs.iter().all(t),
        ExprKind::Bin(op, x, y) => {
            use BinOp::*;
            matches!(
                op,
                And | Or
                    | Implies
                    | Eq
                    | Ne
                    | Lt
                    | Le
                    | Gt
                    | Ge
                    | In
                    | NotIn
                    | Union
                    | Intersect
                    | Diff
                    | Subset
                    | ProperSubset
                    | Superset
                    | ProperSuperset
            ) && t(x)
                && t(y)
        }
        ExprKind::If(c, x, y) => t(c) && t(x) && t(y),
        ExprKind::Let(_, x, body) => t(x) && t(body),
        ExprKind::Quant(_, bs, body) => bs.iter().all(|b| t(&b.domain)) && t(body),
        _ => false,
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
