//! Tests of the parser: the bundled specs, every construct of the language,
//! spans, and no panic on any prefix of a real spec.
//!
//! Expression shapes are compared as s-expressions (`(=> (and a b) c)`),
//! written by [`show`].

use super::ast::*;
use super::{parse, parse_const_value};
use crate::source::{Source, Span};

/// Parse a spec that must be well formed.
fn spec(text: &str) -> Spec {
    match parse(&Source::new("test.rvl", text)) {
        Ok(spec) => spec,
        Err(e) => panic!("{text}\n{e:?}: {:?}", e.kind.details()),
    }
}

/// The body of `invariant I: <text>`.
fn expr(text: &str) -> Expr {
    let spec = spec(&format!("invariant I: {text}"));
    match spec.items.into_iter().next() {
        Some(Item::Property(p)) => p.body,
        other => panic!("not a property: {other:?}"),
    }
}

/// `expr(text)` as an s-expression.
fn sexp(text: &str) -> String {
    show(&expr(text))
}

/// The statements of `action A { <text> }`.
fn stmts(text: &str) -> Vec<Stmt> {
    match spec(&format!("action A {{ {text} }}")).items.into_iter().next() {
        Some(Item::Action(a)) => a.body.stmts,
        other => panic!("not an action: {other:?}"),
    }
}

/// The one statement of `action A { <text> }`.
fn stmt(text: &str) -> StmtKind {
    let mut all = stmts(text);
    assert_eq!(all.len(), 1, "{text}");
    all.remove(0).kind
}

/// The type in `var x: <text>`.
fn ty(text: &str) -> TypeExpr {
    match spec(&format!("var x: {text}")).items.into_iter().next() {
        Some(Item::Var(v)) => v.ty,
        other => panic!("not a var: {other:?}"),
    }
}

/// The pattern `p` in `action A(<text> in S) {}`.
fn pat(text: &str) -> Pattern {
    match spec(&format!("action A({text} in S) {{}}")).items.into_iter().next() {
        Some(Item::Action(mut a)) => match a.params.remove(0) {
            ActionParam::In { pattern, .. } => pattern,
            other => panic!("not a bound param: {other:?}"),
        },
        other => panic!("not an action: {other:?}"),
    }
}

/// A compact s-expression of an expression, for shape assertions.
fn show(e: &Expr) -> String {
    use ExprKind as K;
    let list = |es: &[Expr]| es.iter().map(show).collect::<Vec<_>>().join(" ");
    let fields = |fs: &[(Ident, Expr)]| {
        let shown = fs.iter().map(|(f, e)| format!("{}:{}", f.name, show(e)));
        shown.collect::<Vec<_>>().join(" ")
    };
    match &e.kind {
        K::Int(n) => n.to_string(),
        K::Bool(b) => b.to_string(),
        K::None => "none".into(),
        K::Some(x) => format!("(some {})", show(x)),
        K::Name(n) => n.name.clone(),
        K::Neg(x) => format!("(neg {})", show(x)),
        K::Not(x) => format!("(not {})", show(x)),
        K::Binary(op, a, b) => format!("({} {} {})", op_text(*op), show(a), show(b)),
        K::Card(x) => format!("(card {})", show(x)),
        K::If(c, a, b) => format!("(if {} {} {})", show(c), show(a), show(b)),
        K::Let(x, v, b) => format!("(let {} {} {})", x.name, show(v), show(b)),
        K::Quant(q, bs, body) => {
            let bs = bs.iter().map(show_binder).collect::<Vec<_>>().join(" ");
            format!("({q:?} {bs} {})", show(body))
        }
        K::MapLit(k, d, v) => format!("(map {} {} {})", k.name, show(d), show(v)),
        K::SeqLit(es) => format!("(seq {})", list(es)),
        K::RecordLit(fs) => format!("(record {})", fields(fs)),
        K::VariantLit(t, fs) => format!("({} {})", t.name, fields(fs)),
        K::SetLit(es) => format!("(set {})", list(es)),
        K::SetMap(x, b, c) => {
            let c = c.as_ref().map_or(String::new(), |c| format!(" {}", show(c)));
            format!("(setmap {} {}{c})", show(x), show_binder(b))
        }
        K::SetFilter(p, d, c) => format!("(filter {} {} {})", show_pat(p), show(d), show(c)),
        K::Call(f, args) => format!("(call {} {})", f.name, list(args)),
        K::Field(x, f) => format!("(. {} {})", show(x), f.name),
        K::Index(x, k) => format!("([] {} {})", show(x), show(k)),
        K::Is(x, t) => format!("(is {} {})", show(x), t.name),
    }
}

fn show_binder(b: &Binder) -> String {
    let ps = b.patterns.iter().map(show_pat).collect::<Vec<_>>().join(",");
    format!("[{ps} in {}]", show(&b.domain))
}

fn show_pat(p: &Pattern) -> String {
    let core = match &p.kind {
        PatternKind::Name(n) => n.name.clone(),
        PatternKind::Wildcard => "_".into(),
        PatternKind::Variant { tag, fields } => {
            let fs = fields.iter().map(|(f, p)| format!("{}:{}", f.name, show_pat(p)));
            format!("{}{{{}}}", tag.name, fs.collect::<Vec<_>>().join(" "))
        }
        PatternKind::Some(inner) => format!("some({})", show_pat(inner)),
        PatternKind::None => "none".into(),
    };
    match &p.alias {
        Some(a) => format!("{core} as {}", a.name),
        None => core,
    }
}

fn op_text(op: BinOp) -> &'static str {
    use BinOp as B;
    match op {
        B::Implies => "=>",
        B::Or => "or",
        B::And => "and",
        B::Eq => "==",
        B::Ne => "!=",
        B::Lt => "<",
        B::Le => "<=",
        B::Gt => ">",
        B::Ge => ">=",
        B::In => "in",
        B::NotIn => "notin",
        B::Range => "..",
        B::Add => "+",
        B::Sub => "-",
        B::Union => "union",
        B::Mul => "*",
        B::Div => "/",
        B::Mod => "%",
        B::Intersect => "intersect",
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ---------------------------------------------------------------- bundled specs

#[test]
fn two_phase_commit_structure() {
    let spec = spec(&read("specs/two_phase_commit.rvl"));
    assert_eq!(spec.name.map(|n| n.name).as_deref(), Some("TwoPhaseCommit"));
    let names: Vec<&str> = spec.items.iter().map(item_name).collect();
    assert_eq!(
        names,
        [
            "RM", "RMState", "Msg", "rm_state", "tm_state", "tm_prepared", "msgs",
            "TMRcvPrepared", "TMCommit", "TMAbort", "RMPrepare", "RMChooseToAbort",
            "RMRcvCommitMsg", "RMRcvAbortMsg", "Consistent", "SomeoneCommits",
        ]
    );
    let Item::Const(rm) = &spec.items[0] else { panic!() };
    let ConstValue::ModelValues { symmetric, values, .. } = &rm.value else { panic!() };
    assert!(*symmetric);
    assert_eq!(values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["r1", "r2", "r3"]);
    let Item::Type(msg) = &spec.items[2] else { panic!() };
    let TypeDef::Union(variants) = &msg.def else { panic!() };
    assert_eq!(variants.len(), 3);
    assert_eq!(variants[0].fields[0].name.name, "rm");
    assert!(variants[1].fields.is_empty());
    let Item::Action(rcv) = &spec.items[7] else { panic!() };
    let StmtKind::Require(cond) = &rcv.body.stmts[0].kind else { panic!() };
    assert_eq!(show(cond), "(and (== tm_state init) (in (Prepared rm:r) msgs))");
    let Item::Property(consistent) = &spec.items[14] else { panic!() };
    assert_eq!(consistent.kind, PropertyKind::Invariant);
    assert_eq!(
        show(&consistent.body),
        "(Forall [r1,r2 in RM] (not (and (== ([] rm_state r1) aborted) (== ([] rm_state r2) committed))))"
    );
}

#[test]
fn paxos_structure() {
    let spec = spec(&read("specs/paxos.rvl"));
    assert_eq!(spec.items.len(), 19);
    let Item::Type(msg) = &spec.items[4] else { panic!() };
    let TypeDef::Union(variants) = &msg.def else { panic!() };
    let p1b = &variants[1].fields;
    assert_eq!(p1b.len(), 4);
    let TypeExprKind::Range(lo, hi) = &p1b[2].ty.kind else { panic!() };
    assert_eq!(show(lo), "(neg 1)");
    assert_eq!(show(hi), "MaxBallot");
    let Item::Action(phase1b) = &spec.items[11] else { panic!() };
    assert_eq!(phase1b.name.name, "Phase1b");
    let ActionParam::In { pattern, domain } = &phase1b.params[1] else { panic!() };
    assert_eq!(show_pat(pattern), "P1a{bal:b}");
    assert_eq!(show(domain), "msgs");
    let Item::Action(phase2a) = &spec.items[12] else { panic!() };
    let StmtKind::Require(quorum) = &phase2a.body.stmts[1].kind else { panic!() };
    let ExprKind::Quant(Quant::Exists, _, body) = &quorum.kind else { panic!() };
    let ExprKind::Binary(BinOp::And, _, lets) = &body.kind else { panic!() };
    let ExprKind::Let(q1b, _, _) = &lets.kind else { panic!() };
    assert_eq!(q1b.name, "q1b");
    let Item::Property(agreement) = &spec.items[17] else { panic!() };
    assert_eq!(
        show(&agreement.body),
        "(Forall [v1,v2 in Value] (=> (and (call chosen v1) (call chosen v2)) (== v1 v2)))"
    );
}

fn item_name(item: &Item) -> &str {
    match item {
        Item::Const(c) => &c.name.name,
        Item::Type(t) => &t.name.name,
        Item::Var(v) => &v.name.name,
        Item::Init(_) => "init",
        Item::Fn(f) => &f.name.name,
        Item::Action(a) => &a.name.name,
        Item::Property(p) => &p.name.name,
    }
}

#[test]
fn no_panic_on_any_prefix() {
    for path in ["specs/two_phase_commit.rvl", "specs/paxos.rvl"] {
        let text = read(path);
        let cuts = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for cut in cuts {
            let prefix = &text[..cut];
            let _ = parse(&Source::new(path, prefix));
        }
    }
}
