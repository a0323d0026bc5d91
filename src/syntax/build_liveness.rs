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

/// `fair_decl = { fairness ~ !(("action" ~ !ident_char) | process_kw) ~ ident ~ (or_op ~ ident)* }`
pub(super) fn fair_decl(pair: Pair) -> ast::FairDecl {
    let span = span(&pair);
    let mut inner = pair.into_inner();
    let fairness = fairness(next(&mut inner));
    let members = inner
        .filter(|p| p.as_rule() == Rule::ident)
        .map(ident)
        .collect();
    ast::FairDecl {
        fairness,
        members,
        span,
    }
}

/// `liveness_decl = { property_kw ~ ident ~ ":" ~ temporal_forall* ~ temporal_part ~
/// (temporal_and ~ temporal_part)* }`, where `temporal_forall = { forall_kw ~ binder ~ ("," ~
/// binder)* ~ ":" }` and `temporal_part = _{ "(" ~ temporal ~ ")" | temporal }`
pub(super) fn liveness_decl(pair: Pair) -> Built<ast::LivenessDecl> {
    let span = span(&pair);
    let mut inner = pair.into_inner().peekable();
    let _keyword = next(&mut inner);
    let name = ident(next(&mut inner));
    let mut binders = Vec::new();
    while let Some(form) = inner.next_if(|p| p.as_rule() == Rule::temporal_forall) {
        for b in form.into_inner().filter(|p| p.as_rule() == Rule::binder) {
            binders.push(super::build_expr::binder(b)?);
        }
    }
    let parts = inner
        .filter(|p| p.as_rule() != Rule::temporal_and)
        .map(temporal)
        .collect::<Built<Vec<_>>>()?;
    Ok(ast::LivenessDecl {
        name,
        binders,
        parts,
        span,
    })
}

/// `temporal = _{ from_initial | always_eventually | eventually_always | eventually |
/// leads_to }`, where `from_initial = { disj ~ "=>" ~ (eventually_always | eventually) }`
fn temporal(pair: Pair) -> Built<ast::LivenessPart> {
    let span = span(&pair);
    let mut form = pair;
    let mut initial = None;
    if form.as_rule() == Rule::from_initial {
        let mut inner = form.into_inner();
        initial = Some(expr(next(&mut inner))?);
        form = next(&mut inner);
    }
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
    let kind = match (initial, rule) {
        (Some(p), Rule::eventually) => ast::LivenessKind::EventuallyFrom(p, pred()),
        (Some(p), Rule::eventually_always) => ast::LivenessKind::EventuallyAlwaysFrom(p, pred()),
        (Some(_), other) => unreachable!("grammar: {other:?} does not follow `=>`"),
        (None, rule) => match rule {
            Rule::always_eventually => ast::LivenessKind::AlwaysEventually(pred()),
            Rule::eventually_always => ast::LivenessKind::EventuallyAlways(pred()),
            Rule::eventually => ast::LivenessKind::Eventually(pred()),
            Rule::leads_to => {
                let p = pred();
                ast::LivenessKind::LeadsTo(p, pred())
            }
            other => unreachable!("grammar: {other:?} is not a temporal form"),
        },
    };
    Ok(ast::LivenessPart { kind, span })
}

#[cfg(test)]
mod tests {
    use super::super::ast::{BinOp, Expr, ExprKind, Fairness, Item, LivenessKind};
    use super::super::parse;
    use crate::source::Source;

    fn items(text: &str) -> Vec<Item> {
        match parse(&Source::new("t.rvl", text)) {
            Ok(spec) => spec.items,
            Err(e) => panic!("{text}\n{:?}", e.kind.details()),
        }
    }

    /// The name an expression is, if it is a plain name.
    fn name(e: &Expr) -> &str {
        match &e.kind {
            ExprKind::Name(n) => &n.name,
            other => panic!("not a name: {other:?}"),
        }
    }

    fn kind(text: &str) -> LivenessKind<String> {
        match items(&format!("property L: {text}")).pop() {
            Some(Item::Liveness(l)) => {
                assert_eq!(l.name.name, "L");
                assert_eq!(l.parts.len(), 1, "{text}");
                l.parts[0].kind.map(|e| name(e).to_string())
            }
            other => panic!("not a liveness property: {other:?}"),
        }
    }

    #[test]
    fn every_temporal_form() {
        let s = |x: &str| x.to_string();
        assert_eq!(kind("eventually p"), LivenessKind::Eventually(s("p")));
        assert_eq!(
            kind("always eventually p"),
            LivenessKind::AlwaysEventually(s("p"))
        );
        assert_eq!(
            kind("eventually always p"),
            LivenessKind::EventuallyAlways(s("p"))
        );
        assert_eq!(kind("p leads_to q"), LivenessKind::LeadsTo(s("p"), s("q")));
        assert_eq!(
            kind("p => eventually q"),
            LivenessKind::EventuallyFrom(s("p"), s("q"))
        );
        assert_eq!(
            kind("p => eventually always q"),
            LivenessKind::EventuallyAlwaysFrom(s("p"), s("q"))
        );
        // Word boundaries: these are names, not keywords.
        assert_eq!(
            kind("eventually always_on"),
            LivenessKind::Eventually(s("always_on"))
        );
        assert_eq!(
            kind("eventually_x leads_to leads_to_y"),
            LivenessKind::LeadsTo(s("eventually_x"), s("leads_to_y"))
        );
    }

    #[test]
    fn parts_joined_by_and() {
        let parts = |text: &str| match items(&format!("property L: {text}")).pop() {
            Some(Item::Liveness(l)) => l
                .parts
                .iter()
                .map(|p| p.kind.map(|e| name(e).to_string()))
                .collect::<Vec<_>>(),
            other => panic!("not a liveness property: {other:?}"),
        };
        let s = |x: &str| x.to_string();
        assert_eq!(
            parts("always eventually p and (q leads_to r) and eventually always s"),
            [
                LivenessKind::AlwaysEventually(s("p")),
                LivenessKind::LeadsTo(s("q"), s("r")),
                LivenessKind::EventuallyAlways(s("s")),
            ]
        );
        // A plain `and` stays a boolean one inside a predicate, as does
        // one before names that only look like the temporal words.
        let both = |e: &Expr| matches!(&e.kind, ExprKind::Binary(BinOp::And, ..));
        match items("property L: eventually p and always").pop() {
            Some(Item::Liveness(l)) => match &l.parts[..] {
                [part] => match &part.kind {
                    LivenessKind::Eventually(e) => assert!(both(e), "{e:?}"),
                    other => panic!("{other:?}"),
                },
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fairness_before_action() {
        let fairness: Vec<Fairness> =
            items("action A {}  fair action B {}  strong fair action C(p: P) {}  action fairly {}")
                .iter()
                .map(|item| match item {
                    Item::Action(a) => a.fairness,
                    other => panic!("not an action: {other:?}"),
                })
                .collect();
        use Fairness::{None, Strong, Weak};
        assert_eq!(fairness, [None, Weak, Strong, None]);
    }

    #[test]
    fn a_temporal_form_needs_its_predicates() {
        for bad in [
            "property L: eventually",
            "property L: p leads_to",
            "fair property L: p",
        ] {
            assert!(parse(&Source::new("t.rvl", bad)).is_err(), "{bad}");
        }
    }
}
