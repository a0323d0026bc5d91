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
    match spec(&format!("action A {{ {text} }}"))
        .items
        .into_iter()
        .next()
    {
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
    match spec(&format!("action A({text} in S) {{}}"))
        .items
        .into_iter()
        .next()
    {
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
        K::EveryValue(_) => "(every value)".into(),
        K::SetMap(x, b, c) => {
            let c = c
                .as_ref()
                .map_or(String::new(), |c| format!(" {}", show(c)));
            format!("(setmap {} {}{c})", show(x), show_binder(b))
        }
        K::SetFilter(p, d, c) => format!("(filter {} {} {})", show_pat(p), show(d), show(c)),
        K::Call(f, args) => format!("(call {} {})", f.name, list(args)),
        K::Field(x, f) => format!("(. {} {})", show(x), f.name),
        K::Index(x, k) => format!("([] {} {})", show(x), show(k)),
        K::Is(x, t) => format!("(is {} {})", show(x), t.name),
        K::Matches(x, p) => format!("(matches {} {})", show(x), show_pat(p)),
        K::Pick(x, d, c) => {
            let c = c
                .as_ref()
                .map_or(String::new(), |c| format!(" {}", show(c)));
            format!("(pick {} {}{c})", x.name, show(d))
        }
        K::SeqMap(x, p, d, c) => {
            let c = c
                .as_ref()
                .map_or(String::new(), |c| format!(" {}", show(c)));
            format!("(seqmap {} {} {}{c})", show(x), show_pat(p), show(d))
        }
        K::Fold(f) => format!(
            "(fold {} {} {} {} {})",
            f.acc.name,
            show(&f.init),
            show_pat(&f.pattern),
            show(&f.domain),
            show(&f.body)
        ),
        K::SumOf(p, d, x) => format!("(sum {} {} {})", show_pat(p), show(d), show(x)),
    }
}

fn show_binder(b: &Binder) -> String {
    let ps = b
        .patterns
        .iter()
        .map(show_pat)
        .collect::<Vec<_>>()
        .join(",");
    format!("[{ps} in {}]", show(&b.domain))
}

fn show_pat(p: &Pattern) -> String {
    let core = match &p.kind {
        PatternKind::Name(n) => n.name.clone(),
        PatternKind::Wildcard => "_".into(),
        PatternKind::Variant { tag, fields } => {
            let fs = fields
                .iter()
                .map(|(f, p)| format!("{}:{}", f.name, show_pat(p)));
            format!("{}{{{}}}", tag.name, fs.collect::<Vec<_>>().join(" "))
        }
        PatternKind::Some(inner) => format!("some({})", show_pat(inner)),
        PatternKind::None => "none".into(),
        PatternKind::Literal(e) => show(e),
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
        B::Concat => "++",
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ---------------------------------------------------------------- bundled specs

#[test]
fn two_phase_commit_structure() {
    let spec = spec(&read("specs/two_phase_commit/two_phase_commit.rvl"));
    assert_eq!(spec.name.map(|n| n.name).as_deref(), Some("TwoPhaseCommit"));
    let names: Vec<&str> = spec.items.iter().map(item_name).collect();
    assert_eq!(
        names,
        [
            "RM",
            "RMState",
            "Msg",
            "rm_state",
            "tm_state",
            "tm_prepared",
            "msgs",
            "TMRcvPrepared",
            "TMCommit",
            "TMAbort",
            "RMPrepare",
            "RMChooseToAbort",
            "RMRcvCommitMsg",
            "RMRcvAbortMsg",
            "Consistent",
            "SomeoneCommits",
        ]
    );
    let Item::Const(rm) = &spec.items[0] else {
        panic!()
    };
    let ConstValue::ModelValues {
        symmetric, values, ..
    } = &rm.value
    else {
        panic!()
    };
    assert!(*symmetric);
    assert_eq!(
        values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        ["r1", "r2", "r3"]
    );
    let Item::Type(msg) = &spec.items[2] else {
        panic!()
    };
    let TypeDef::Union(variants) = &msg.def else {
        panic!()
    };
    assert_eq!(variants.len(), 3);
    assert_eq!(variants[0].fields[0].name.name, "rm");
    assert!(variants[1].fields.is_empty());
    let Item::Action(rcv) = &spec.items[7] else {
        panic!()
    };
    let StmtKind::Require(cond) = &rcv.body.stmts[0].kind else {
        panic!()
    };
    assert_eq!(
        show(cond),
        "(and (== tm_state init) (in (Prepared rm:r) msgs))"
    );
    let Item::Property(consistent) = &spec.items[14] else {
        panic!()
    };
    assert_eq!(consistent.kind, PropertyKind::Invariant);
    assert_eq!(
        show(&consistent.body),
        "(Forall [r1,r2 in RM] (not (and (== ([] rm_state r1) aborted) (== ([] rm_state r2) committed))))"
    );
}

#[test]
fn paxos_structure() {
    let spec = spec(&read("specs/paxos/paxos.rvl"));
    assert_eq!(spec.items.len(), 20);
    let Item::Type(msg) = &spec.items[4] else {
        panic!()
    };
    let TypeDef::Union(variants) = &msg.def else {
        panic!()
    };
    let p1b = &variants[1].fields;
    assert_eq!(p1b.len(), 4);
    let TypeExprKind::Range(lo, hi) = &p1b[2].ty.kind else {
        panic!()
    };
    assert_eq!(show(lo), "(neg 1)");
    assert_eq!(show(hi), "MaxBallot");
    let Item::Action(phase1b) = &spec.items[11] else {
        panic!()
    };
    assert_eq!(phase1b.name.name, "Phase1b");
    let ActionParam::In {
        pattern, domain, ..
    } = &phase1b.params[1]
    else {
        panic!()
    };
    assert_eq!(show_pat(pattern), "P1a{bal:b}");
    assert_eq!(show(domain), "msgs");
    let Item::Action(phase2a) = &spec.items[12] else {
        panic!()
    };
    let StmtKind::Require(quorum) = &phase2a.body.stmts[1].kind else {
        panic!()
    };
    let ExprKind::Quant(Quant::Exists, _, body) = &quorum.kind else {
        panic!()
    };
    let ExprKind::Binary(BinOp::And, _, lets) = &body.kind else {
        panic!()
    };
    let ExprKind::Let(q1b, _, _) = &lets.kind else {
        panic!()
    };
    assert_eq!(q1b.name, "q1b");
    let Item::Property(agreement) = &spec.items[17] else {
        panic!()
    };
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
        Item::Liveness(l) => &l.name.name,
        Item::Process(p) => &p.name.name,
        Item::Channel(c) => &c.name.name,
        Item::Time(_) => "time",
        Item::Partition(_) => "partition",
        Item::View(_) => "view",
        Item::Reduce(_) => "reduce",
        Item::Refines(_) => "refines",
        Item::Fair(_) => "fair",
    }
}

#[test]
fn no_panic_on_any_prefix() {
    for path in [
        "specs/two_phase_commit/two_phase_commit.rvl",
        "specs/paxos/paxos.rvl",
    ] {
        let text = read(path);
        let cuts = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for cut in cuts {
            let prefix = &text[..cut];
            let _ = parse(&Source::new(path, prefix));
        }
    }
}

// ---------------------------------------------------------------- expressions

#[test]
fn precedence_and_associativity() {
    assert_eq!(sexp("a and b => c"), "(=> (and a b) c)");
    assert_eq!(sexp("a => b => c"), "(=> a (=> b c))");
    assert_eq!(sexp("a or b and c"), "(or a (and b c))");
    assert_eq!(sexp("a or b or c"), "(or (or a b) c)");
    assert_eq!(sexp("x in S and y"), "(and (in x S) y)");
    assert_eq!(sexp("x not in S"), "(notin x S)");
    assert_eq!(sexp("not x in S"), "(not (in x S))");
    assert_eq!(sexp("not not a"), "(not (not a))");
    assert_eq!(sexp("-1..N"), "(.. (neg 1) N)");
    assert_eq!(sexp("a + b * c - d"), "(- (+ a (* b c)) d)");
    assert_eq!(sexp("a - b - c"), "(- (- a b) c)");
    assert_eq!(sexp("a / b % c"), "(% (/ a b) c)");
    assert_eq!(sexp("A union B intersect C"), "(union A (intersect B C))");
    assert_eq!(sexp("0..n + 1"), "(.. 0 (+ n 1))");
    assert_eq!(sexp("x + 1 < y"), "(< (+ x 1) y)");
    assert_eq!(sexp("--x"), "(neg (neg x))");
    assert_eq!(sexp("-m.f[k]"), "(neg ([] (. m f) k))");
    assert_eq!(sexp("(a or b) and c"), "(and (or a b) c)");
    assert_eq!(
        sexp("m is P1b and m.acc in q"),
        "(and (is m P1b) (in (. m acc) q))"
    );
}

#[test]
fn is_patterns_and_picks() {
    assert_eq!(
        sexp("lease[n] is some(l) and l.counter > c"),
        "(and (matches ([] lease n) some(l)) (> (. l counter) c))"
    );
    assert_eq!(sexp("x is none"), "(matches x none)");
    assert_eq!(
        sexp("x is -1 or x is true"),
        "(or (matches x -1) (matches x true))"
    );
    assert_eq!(
        sexp("m is Vote { round: 0, from } as v"),
        "(matches m Vote{round:0 from:from} as v)"
    );
    assert_eq!(sexp("m is Vote"), "(is m Vote)");
    assert_eq!(sexp("pick x in S: x > 1"), "(pick x S (> x 1))");
    assert_eq!(sexp("(pick x in 0..2) + 1"), "(+ (pick x (.. 0 2)) 1)");
    // `pick` is not reserved: without a name and `in` it is a name.
    assert_eq!(sexp("pick + pick(1)"), "(+ pick (call pick 1))");
    // A variant pattern needs a field, so an `if` keeps its empty block.
    let s = stmts("if m is Done {}");
    assert_eq!(s.len(), 1);
}

#[test]
fn comparisons_and_range_do_not_chain() {
    for op in ["==", "!=", "<", "<=", ">", ">=", "in"] {
        assert_eq!(sexp(&format!("a {op} b")), format!("({op} a b)"));
        let chained = format!("invariant I: a {op} b {op} c");
        assert!(
            parse(&Source::new("t", chained.as_str())).is_err(),
            "{chained}"
        );
    }
    assert!(parse(&Source::new("t", "invariant I: 1..2..3")).is_err());
}

#[test]
fn every_expression_form() {
    let cases = [
        ("42", "42"),
        ("true", "true"),
        ("false", "false"),
        ("none", "none"),
        ("some(v)", "(some v)"),
        ("|S|", "(card S)"),
        ("if c then 1 else 2", "(if c 1 2)"),
        ("let x = 1; x + 1", "(let x 1 (+ x 1))"),
        ("forall x in S, y in T: x", "(Forall [x in S] [y in T] x)"),
        ("exists a, b in S: a", "(Exists [a,b in S] a)"),
        ("[k in K: 0]", "(map k K 0)"),
        ("[a, b]", "(seq a b)"),
        ("[]", "(seq )"),
        ("{ f: 1, g: x }", "(record f:1 g:x)"),
        ("Tag { f: 1 }", "(Tag f:1)"),
        ("Tag", "Tag"),
        ("{a, b,}", "(set a b)"),
        ("{}", "(set )"),
        (
            "{ x + 1 for x in S if x > 0 }",
            "(setmap (+ x 1) [x in S] (> x 0))",
        ),
        (
            "{ f(a, b) for a, b in S }",
            "(setmap (call f a b) [a,b in S])",
        ),
        ("{ m in msgs if m is P1b }", "(filter m msgs (is m P1b))"),
        (
            "{ P1b { bal } in msgs if bal > 0 }",
            "(filter P1b{bal:bal} msgs (> bal 0))",
        ),
        ("s ++ t ++ [x]", "(++ (++ s t) (seq x))"),
        ("s ++ t + 1", "(+ (++ s t) 1)"),
        ("[x + 1 for x in s]", "(seqmap (+ x 1) x s)"),
        (
            "[m for P1b { bal } as m in s if bal > 0]",
            "(seqmap m P1b{bal:bal} as m s (> bal 0))",
        ),
        (
            "fold(acc = 0, x in s: acc + x)",
            "(fold acc 0 x s (+ acc x))",
        ),
        ("fold(a == b)", "(call fold (== a b))"),
        ("sum(x in S: 2 * x)", "(sum x S (* 2 x))"),
        ("sum(S)", "(call sum S)"),
        ("sub(s, 1, len(s))", "(call sub s 1 (call len s))"),
        ("f()", "(call f )"),
        ("max(a, b)", "(call max a b)"),
        ("r.f.g", "(. (. r f) g)"),
        ("m[k][j]", "([] ([] m k) j)"),
        ("forallx", "forallx"),
        ("required", "required"),
    ];
    for (text, want) in cases {
        assert_eq!(sexp(text), want, "{text}");
    }
}

#[test]
fn int_literal_at_the_limit() {
    assert_eq!(sexp("9223372036854775807"), "9223372036854775807");
}

#[test]
fn spans_cover_the_written_text() {
    let text = "invariant I: a and b  // trailing\n";
    let Some(Item::Property(p)) = spec(text).items.into_iter().next() else {
        panic!()
    };
    assert_eq!(
        &text[p.body.span.start as usize..p.body.span.end as usize],
        "a and b"
    );
    assert_eq!(
        &text[p.span.start as usize..p.span.end as usize],
        "invariant I: a and b"
    );
    let ExprKind::Binary(_, a, b) = &p.body.kind else {
        panic!()
    };
    assert_eq!(a.span, Span::new(13, 14));
    assert_eq!(b.span, Span::new(19, 20));
    assert_eq!(expr("(a)").span, Span::new(13, 16));
    assert_eq!(expr("x.f  /* c */").span, Span::new(13, 16));
}

// ---------------------------------------------------------------- statements

#[test]
fn every_statement_form() {
    assert!(matches!(stmt("require x"), StmtKind::Require(_)));
    let StmtKind::Assert(_, msg) = stmt(r#"assert x, "bad \"x\" \\ here""#) else {
        panic!()
    };
    assert_eq!(msg.as_deref(), Some(r#"bad "x" \ here"#));
    assert!(matches!(stmt("assert x"), StmtKind::Assert(_, None)));
    let StmtKind::Let(x, v) = stmt("let x = 1") else {
        panic!()
    };
    assert_eq!((x.name.as_str(), show(&v).as_str()), ("x", "1"));
    let StmtKind::Choose {
        pattern,
        domain,
        body,
    } = stmt("choose r in RM { x = r }")
    else {
        panic!()
    };
    assert_eq!(
        (show_pat(&pattern), show(&domain), body.stmts.len()),
        ("r".into(), "RM".into(), 1)
    );
    let StmtKind::For { pattern, .. } = stmt("for Tag { a } in S { }") else {
        panic!()
    };
    assert_eq!(show_pat(&pattern), "Tag{a:a}");
    let StmtKind::Either(blocks) = stmt("either { x = 1 } or { x = 2 } or { }") else {
        panic!()
    };
    assert_eq!(blocks.len(), 3);
}

#[test]
fn assignments_and_places() {
    let StmtKind::Assign { place, op, value } = stmt("m[k].f[j] += {a}") else {
        panic!()
    };
    assert_eq!(op, AssignOp::Add);
    assert_eq!(place.root.name, "m");
    assert_eq!(place.path.len(), 3);
    assert!(matches!(&place.path[1], PlaceStep::Field(f) if f.name == "f"));
    assert!(matches!(&place.path[2], PlaceStep::Index(e) if show(e) == "j"));
    assert_eq!(show(&value), "(set a)");
    assert!(matches!(
        stmt("x -= 1"),
        StmtKind::Assign {
            op: AssignOp::Sub,
            ..
        }
    ));
    assert!(matches!(
        stmt("x = 1"),
        StmtKind::Assign {
            op: AssignOp::Set,
            ..
        }
    ));
    // Names that start with a keyword are names.
    assert!(matches!(stmt("required = true"), StmtKind::Assign { .. }));
    assert!(matches!(stmt("letter = 1"), StmtKind::Assign { .. }));
    assert!(matches!(stmt("assertion = 1"), StmtKind::Assign { .. }));
    assert!(matches!(stmt("format = 1"), StmtKind::Assign { .. }));
}

#[test]
fn else_if_chains_nest() {
    let StmtKind::If { cond, then, els } = stmt("if a { x = 1 } else if b { x = 2 } else { }")
    else {
        panic!()
    };
    assert_eq!((show(&cond), then.stmts.len()), ("a".into(), 1));
    let els = els.expect("else");
    assert_eq!(els.stmts.len(), 1);
    let StmtKind::If { els: inner_els, .. } = &els.stmts[0].kind else {
        panic!()
    };
    assert_eq!(inner_els.as_ref().map(|b| b.stmts.len()), Some(0));
    assert!(matches!(stmt("if a { }"), StmtKind::If { els: None, .. }));
}

// ---------------------------------------------------------------- patterns

#[test]
fn every_pattern_form() {
    assert_eq!(show_pat(&pat("x")), "x");
    assert_eq!(show_pat(&pat("_")), "_");
    assert_eq!(show_pat(&pat("P { f: _, g }")), "P{f:_ g:g}");
    assert_eq!(show_pat(&pat("P { }")), "P{}");
    assert_eq!(show_pat(&pat("some(x)")), "some(x)");
    assert_eq!(show_pat(&pat("none")), "none");
    assert_eq!(show_pat(&pat("P { f: some(v) } as m")), "P{f:some(v)} as m");
    let punned = pat("P { g }");
    let PatternKind::Variant { fields, .. } = &punned.kind else {
        panic!()
    };
    assert_eq!(fields[0].1.span, fields[0].0.span);
}

// ---------------------------------------------------------------- types and items

#[test]
fn every_type_form() {
    use TypeExprKind as T;
    assert!(matches!(ty("bool").kind, T::Bool));
    assert!(matches!(ty("boolean").kind, T::Named(n) if n.name == "boolean"));
    assert!(matches!(ty("0..N").kind, T::Range(..)));
    assert!(matches!(ty("{a, b, c}").kind, T::Enum(atoms) if atoms.len() == 3));
    assert!(matches!(ty("{ f: bool, g: 0..3 }").kind, T::Record(fs) if fs.len() == 2));
    assert!(matches!(ty("set<RM>").kind, T::Set(_)));
    assert!(matches!(ty("option<RM>").kind, T::Option(_)));
    let T::Seq(elem, bound) = ty("seq<RM, N + 1>").kind else {
        panic!()
    };
    assert_eq!(
        (show(&bound), matches!(elem.kind, T::Named(_))),
        ("(+ N 1)".into(), true)
    );
    let T::Map(k, v) = ty("A -> B -> C").kind else {
        panic!()
    };
    assert!(matches!(k.kind, T::Named(_)) && matches!(v.kind, T::Map(..)));
    let T::Map(k, _) = ty("(A -> B) -> C").kind else {
        panic!()
    };
    assert!(matches!(k.kind, T::Map(..)));
    assert!(matches!(ty("set<set<A>>").kind, T::Set(_)));
    assert_eq!(ty("int").span, Span::new(7, 10));
}

#[test]
fn declarations() {
    let text = "
        const A = {x, y}
        const N = 3
        const S = {1, 2} union T
        type T = {a, b}
        type U = V { f: bool }
        type W = P | Q { g: T } | R
        var v: bool
        init { v = true }
        fn f(a: A, b: bool,) -> bool = b
        fn g() -> bool = true
        action Act { }
        action Par(r: A, Tag { f } in S) { }
        invariant I: true
        reachable R: true
        constraint C: true
        terminal D: true";
    let items = spec(text).items;
    assert_eq!(items.len(), 16);
    assert!(
        matches!(&items[0], Item::Const(c) if matches!(&c.value, ConstValue::ModelValues { symmetric: false, values, .. } if values.len() == 2))
    );
    assert!(matches!(&items[1], Item::Const(c) if matches!(&c.value, ConstValue::Expr(_))));
    assert!(
        matches!(&items[2], Item::Const(c) if matches!(&c.value, ConstValue::Expr(e) if show(e) == "(union (set 1 2) T)"))
    );
    assert!(matches!(&items[3], Item::Type(t) if matches!(t.def, TypeDef::Alias(_))));
    assert!(
        matches!(&items[4], Item::Type(t) if matches!(&t.def, TypeDef::Union(v) if v.len() == 1))
    );
    assert!(
        matches!(&items[5], Item::Type(t) if matches!(&t.def, TypeDef::Union(v) if v.len() == 3 && v[1].fields.len() == 1))
    );
    assert!(matches!(&items[6], Item::Var(v) if v.init.is_none()));
    assert!(matches!(&items[7], Item::Init(b) if b.stmts.len() == 1));
    assert!(matches!(&items[8], Item::Fn(f) if f.params.len() == 2));
    assert!(matches!(&items[9], Item::Fn(f) if f.params.is_empty()));
    assert!(matches!(&items[10], Item::Action(a) if a.params.is_empty()));
    let Item::Action(par) = &items[11] else {
        panic!()
    };
    assert!(matches!(&par.params[0], ActionParam::Typed { name, .. } if name.name == "r"));
    assert!(matches!(&par.params[1], ActionParam::In { .. }));
    let kinds: Vec<PropertyKind> = items[12..]
        .iter()
        .map(|i| match i {
            Item::Property(p) => p.kind,
            _ => panic!(),
        })
        .collect();
    use PropertyKind as P;
    assert_eq!(
        kinds,
        [P::Invariant, P::Reachable, P::Constraint, P::Terminal]
    );
}

#[test]
fn const_values_from_the_command_line() {
    let Ok(ConstValue::ModelValues {
        symmetric,
        values,
        span,
    }) = parse_const_value("{r1, r2}")
    else {
        panic!()
    };
    assert!(!symmetric);
    assert_eq!((values.len(), span), (2, Span::new(0, 8)));
    let Ok(ConstValue::Expr(e)) = parse_const_value(" 5 ") else {
        panic!()
    };
    assert_eq!((show(&e), e.span), ("5".into(), Span::new(1, 2)));
    assert!(matches!(
        parse_const_value("symmetric {a}"),
        Ok(ConstValue::ModelValues {
            symmetric: true,
            ..
        })
    ));
    assert!(parse_const_value("").is_err());
    assert!(parse_const_value("3 4").is_err());
}

#[test]
fn comments_anywhere() {
    let text = "// head\nspec /* c */ S\nvar x: /* t */ bool = // v\n true\n/* end */";
    let spec = spec(text);
    assert_eq!(spec.name.map(|n| n.name).as_deref(), Some("S"));
    assert_eq!(spec.items.len(), 1);
}
