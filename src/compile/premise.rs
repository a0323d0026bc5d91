//! The premises of implication invariants, for the vacuity warning: an
//! invariant `forall r in RM: P(r) => Q(r)` whose premise `exists r in RM:
//! P(r)` holds in no reachable state says nothing.
//!
//! Only the shapes that plainly read as "whenever P, then Q" count: an
//! implication, under any `forall`s, and each side of an `and` of them.

use crate::check::ir::{BinOp, Expr, ExprKind, Frame, PropertyId, PropertyKind, Quant, Spec};

/// The premise of one implication of an invariant, as a closed predicate.
#[derive(Clone, Debug)]
pub struct Premise {
    /// The invariant it belongs to.
    pub invariant: PropertyId,
    /// The invariant's locals (the premise uses its bindings).
    pub frame: Frame,
    /// `exists <the foralls' bindings>: P`, or `P` without them.
    pub expr: Expr,
    /// Where the premise `P` is written.
    pub span: crate::source::Span,
}

/// Every premise of the spec's invariants, in declaration order.
pub fn premises(spec: &Spec) -> Vec<Premise> {
    let mut out = Vec::new();
    for (i, p) in spec.properties.iter().enumerate() {
        if p.kind != PropertyKind::Invariant {
            continue;
        }
        let mut found = Vec::new();
        collect(&p.body, &mut Vec::new(), &mut found);
        out.extend(found.into_iter().map(|(expr, span)| Premise {
            invariant: PropertyId(i as u32),
            frame: p.frame.clone(),
            expr,
            span,
        }));
    }
    out
}

/// The premises in `e`, under the `forall`s of `outer` (outermost first).
fn collect(e: &Expr, outer: &mut Vec<Expr>, out: &mut Vec<(Expr, crate::source::Span)>) {
    match &e.kind {
        ExprKind::Bin(BinOp::Implies, premise, _) => {
            let span = premise.span;
            let mut closed = (**premise).clone();
            for quant in outer.iter().rev() {
                let ExprKind::Quant(_, bindings, _) = &quant.kind else {
                    continue;
                };
                closed = Expr {
                    kind: ExprKind::Quant(Quant::Exists, bindings.clone(), Box::new(closed)),
                    ty: quant.ty,
                    span: quant.span,
                };
            }
            out.push((closed, span));
        }
        ExprKind::Bin(BinOp::And, a, b) => {
            collect(a, outer, out);
            collect(b, outer, out);
        }
        ExprKind::Quant(Quant::Forall, _, body) => {
            outer.push(e.clone());
            collect(body, outer, out);
            outer.pop();
        }
        _ => {}
    }
}
