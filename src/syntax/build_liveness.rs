//! pest pairs → AST for liveness: action fairness and temporal properties.
//!
//! Each function is named after the grammar rule it builds and quotes it.

use super::Rule;
use super::ast;
use super::build::{Built, Pair, ident, next, span};
use super::build_expr::expr;

/// `fairness = { strong_kw? ~ fair_kw }`
pub(super) fn fairness(pair: Pair) -> ast::Fairness {
    if pair.into_inner().any(|p| p.as_rule() == Rule::strong_kw) {
        ast::Fairness::Strong
    } else {
        ast::Fairness::Weak
    }
}

/// `liveness_decl = { property_kw ~ ident ~ ":" ~ temporal }`, where
/// `temporal = _{ always_eventually | eventually_always | eventually | leads_to }`
pub(super) fn liveness_decl(pair: Pair) -> Built<ast::LivenessDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let _keyword = next(&mut inner);
    let name = ident(next(&mut inner));
    let form = next(&mut inner);
    let rule = form.as_rule();
    // The keywords are pairs of their own; the predicates are the `expr`s.
    let mut preds = form
        .into_inner()
        .filter(|p| p.as_rule() == Rule::expr)
        .map(expr)
        .collect::<Built<Vec<ast::Expr>>>()?
        .into_iter();
    let mut pred = || {
        preds
            .next()
            .expect("grammar: a temporal form has its predicates")
    };
    let kind = match rule {
        Rule::always_eventually => ast::LivenessKind::AlwaysEventually(pred()),
        Rule::eventually_always => ast::LivenessKind::EventuallyAlways(pred()),
        Rule::eventually => ast::LivenessKind::Eventually(pred()),
        _ => {
            let p = pred();
            ast::LivenessKind::LeadsTo(p, pred())
        }
    };
    Ok(ast::LivenessDecl { name, kind, span })
}
