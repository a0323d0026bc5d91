//! End-to-end tests of the check stage: spec text in, IR or errors out.
//! Each error kind has a bad spec here, with its exact headline and the
//! text its span covers.

use super::*;
use crate::source::Source;
use crate::syntax;

fn parse(src: &str) -> ast::Spec {
    syntax::parse(&Source::new("test.rvl", src))
        .unwrap_or_else(|e| panic!("syntax error {e:?} in\n{src}"))
}

fn overrides(pairs: &[(&str, &str)]) -> Vec<ConstOverride> {
    pairs
        .iter()
        .map(|(n, v)| ConstOverride {
            name: n.to_string(),
            value: v.to_string(),
        })
        .collect()
}

/// The checked spec; panics with the messages if it is rejected.
fn ok_with(src: &str, consts: &[(&str, &str)]) -> ir::Spec {
    check(&parse(src), &overrides(consts)).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        panic!("rejected: {messages:?}\n{src}")
    })
}

fn ok(src: &str) -> ir::Spec {
    ok_with(src, &[])
}

fn errors_with(src: &str, consts: &[(&str, &str)]) -> Vec<CheckError> {
    match check(&parse(src), &overrides(consts)) {
        Ok(_) => panic!("accepted:\n{src}"),
        Err(errors) => errors,
    }
}

/// Every error as (headline, text under its span).
fn errors(src: &str) -> Vec<(String, String)> {
    let source = Source::new("test.rvl", src);
    errors_with(src, &[])
        .into_iter()
        .map(|e| {
            let text = e
                .span
                .map(|s| source.slice(s).to_string())
                .unwrap_or_default();
            (e.kind.details().message, text)
        })
        .collect()
}

/// The only error: its headline and the text under its span.
fn error(src: &str) -> (String, String) {
    let all = errors(src);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    all.into_iter().next().expect("one error")
}

/// The only error's help line.
fn help(src: &str) -> Option<String> {
    let all = errors_with(src, &[]);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    all[0].kind.details().help
}

fn assert_error(src: &str, message: &str, span_text: &str) {
    assert_eq!(
        error(src),
        (message.to_string(), span_text.to_string()),
        "for\n{src}"
    );
}

/// The only error of a run with overrides (no span: it is on the command line).
fn cli_error(src: &str, consts: &[(&str, &str)]) -> crate::diagnostic::Details {
    let all = errors_with(src, consts);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    assert_eq!(all[0].span, None);
    all[0].kind.details()
}

fn spec_file(name: &str) -> String {
    let path = format!("{}/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn var_type(spec: &ir::Spec, name: &str) -> String {
    let var = spec
        .vars
        .iter()
        .find(|v| v.name == name)
        .expect("the variable exists");
    type_name(&spec.types, var.ty)
}

fn enum_atoms(spec: &ir::Spec, name: &str) -> Vec<String> {
    spec.types
        .iter()
        .find_map(|t| match t {
            ir::Type::Enum { name: n, atoms, .. } if n == name => Some(atoms.clone()),
            _ => None,
        })
        .expect("the enum exists")
}

// ------------------------------------------------------------------ specs

#[test]
fn two_phase_commit_checks() {
    let spec = ok(&spec_file("two_phase_commit.rvl"));
    assert_eq!(spec.name, "TwoPhaseCommit");
    assert_eq!(spec.vars.len(), 4);
    assert_eq!(spec.actions.len(), 7);
    assert_eq!(spec.properties.len(), 2);
    assert_eq!(var_type(&spec, "msgs"), "set<Msg>");
    assert_eq!(var_type(&spec, "rm_state"), "RM -> RMState");
    assert_eq!(var_type(&spec, "tm_state"), "{init, committed, aborted}");
    assert_eq!(enum_atoms(&spec, "RM"), ["r1", "r2", "r3"]);
    let rm = spec.consts.iter().find(|c| c.name == "RM").expect("RM");
    assert_eq!(type_name(&spec.types, rm.ty), "set<RM>");
}

#[test]
fn paxos_checks() {
    let spec = ok(&spec_file("paxos.rvl"));
    assert_eq!(spec.vars.len(), 4);
    assert_eq!(spec.actions.len(), 4);
    assert_eq!(spec.fns.len(), 4);
    assert_eq!(var_type(&spec, "msgs"), "set<Msg>");
    assert_eq!(var_type(&spec, "max_bal"), "Acceptor -> -1..1");
    assert_eq!(var_type(&spec, "max_val"), "Acceptor -> option<Value>");
    // Phase1b ranges over an acceptor, then over the P1a messages.
    assert_eq!(spec.actions[1].params.len(), 2);
}

#[test]
fn plus_equals_is_desugared_to_a_union() {
    let spec = ok("var s: set<0..3> = {}\naction Add { s += {1} }");
    let ir::StmtKind::Assign(place, value) = &spec.actions[0].body[0].kind else {
        panic!("an assignment");
    };
    assert!(place.path.is_empty());
    assert!(
        matches!(&value.kind, ir::ExprKind::Bin(ir::BinOp::Union, read, _)
        if matches!(read.kind, ir::ExprKind::Var(VarId(0))))
    );
}

#[test]
fn a_shared_atom_takes_its_enum_from_context() {
    ok("var tm: {init, committed} = init
        var rm: {working, committed} = working
        action A { tm = committed
            rm = committed }
        invariant I: tm == committed or committed == rm");
}

#[test]
fn a_type_name_is_the_set_of_its_values() {
    let spec = ok("type B = 0..2\nvar x: bool = forall b in B: b >= 0");
    let (_, init) = spec.vars[0].init.as_ref().expect("an initial value");
    let ir::ExprKind::Quant(_, bindings, _) = &init.kind else {
        panic!("a quantifier");
    };
    assert!(matches!(bindings[0].domain.kind, ir::ExprKind::AllOf(_)));
}

// ------------------------------------------------------------------ overrides

#[test]
fn model_values_can_be_overridden_by_a_set_or_a_count() {
    let src = spec_file("two_phase_commit.rvl");
    let by_set = ok_with(&src, &[("RM", "{r1, r2, r3, r4, r5}")]);
    assert_eq!(enum_atoms(&by_set, "RM"), ["r1", "r2", "r3", "r4", "r5"]);
    let by_count = ok_with(&src, &[("RM", "5")]);
    assert_eq!(enum_atoms(&by_count, "RM"), ["r1", "r2", "r3", "r4", "r5"]);
}

#[test]
fn an_int_constant_can_be_overridden() {
    let spec = ok_with(&spec_file("paxos.rvl"), &[("MaxBallot", "2")]);
    let c = spec
        .consts
        .iter()
        .find(|c| c.name == "MaxBallot")
        .expect("MaxBallot");
    assert_eq!(c.value, Value::Int(2));
    assert_eq!(var_type(&spec, "max_bal"), "Acceptor -> -1..2");
}

#[test]
fn an_unknown_constant_on_the_command_line_is_reported() {
    let d = cli_error("const N = 3\nvar x: 0..N = 0", &[("M", "3")]);
    assert_eq!(d.message, "--const: no constant `M` in the spec");
    assert_eq!(d.help.as_deref(), Some("did you mean `N`?"));
}

#[test]
fn an_override_of_the_wrong_kind_is_reported() {
    let src = "const RM = {r1, r2}\nconst N = 3\nvar s: set<RM> = {}\nvar x: 0..N = 0";
    let d = cli_error(src, &[("RM", "true")]);
    assert_eq!(
        d.message,
        "--const RM: expected a set of model values or a count, found a boolean"
    );
    let d = cli_error(src, &[("N", "true")]);
    assert_eq!(d.message, "--const N: expected an integer, found a boolean");
    let d = cli_error(src, &[("N", "{a, b}")]);
    assert_eq!(
        d.message,
        "--const N: expected an integer, found a set of model values"
    );
}

#[test]
fn an_override_that_does_not_parse_is_reported() {
    let d = cli_error(
        "const RM = {r1, r2}\nvar s: set<RM> = {}",
        &[("RM", "{r1,,r2}")],
    );
    assert!(d.message.starts_with("--const RM: "), "{}", d.message);
}

#[test]
fn override_model_values_must_be_fresh() {
    let d = cli_error(
        "const RM = {r1, r2}\nvar x: bool = true",
        &[("RM", "{x, y}")],
    );
    assert_eq!(d.message, "`x` is declared twice");
}

// ------------------------------------------------------------------ names

#[test]
fn unknown_names_suggest_a_close_one() {
    let src = "var tm_state: {init, done} = init
        action Finish { require tm_stat == init
            tm_state = done }";
    assert_error(src, "unknown name `tm_stat`", "tm_stat");
    assert_eq!(help(src).as_deref(), Some("did you mean `tm_state`?"));
}

#[test]
fn unknown_types_suggest_a_close_one() {
    let src = "type State = {idle, busy}\nvar s: Stat = idle";
    assert_error(src, "unknown type `Stat`", "Stat");
    assert_eq!(help(src).as_deref(), Some("did you mean `State`?"));
}

#[test]
fn unknown_functions_suggest_a_close_one() {
    let src = "const A = {a1, a2, a3}
        fn quorums() -> set<set<A>> = {q for q in subsets(A) if 2 * |q| > |A|}
        invariant Some: |quorum()| > 0";
    assert_error(src, "unknown function `quorum`", "quorum");
    assert_eq!(help(src).as_deref(), Some("did you mean `quorums`?"));
}

#[test]
fn unknown_tags_suggest_a_close_one() {
    let src = "const RM = {r1, r2}
        type Msg = Prepared { rm: RM } | Commit
        var msgs: set<Msg> = {}
        action Prepare(r: RM) { msgs += {Prepard { rm: r }} }";
    assert_error(src, "unknown name `Prepard`", "Prepard");
    assert_eq!(help(src).as_deref(), Some("did you mean `Prepared`?"));
}

#[test]
fn unknown_fields_suggest_a_close_one() {
    let src = "var p: { ball: 0..2, val: bool } = { ball: 0, val: false }
        invariant Small: p.bal < 2";
    assert_error(src, "`{ ball: 0..2, val: bool }` has no field `bal`", "bal");
    assert_eq!(help(src).as_deref(), Some("did you mean `ball`?"));
}

#[test]
fn duplicate_declarations_are_reported_at_the_second() {
    assert_error(
        "var x: bool = true\nvar x: 0..3 = 0",
        "`x` is declared twice",
        "x",
    );
    assert_error(
        "const N = 3\nvar N: bool = true",
        "`N` is declared twice",
        "N",
    );
    assert_error(
        "var x: bool = true\nfn Flip() -> bool = not x\naction Flip { x = not x }",
        "`Flip` is declared twice",
        "Flip",
    );
    assert_error(
        "type A = X | Y\ntype B = Y | Z",
        "`Y` is declared twice",
        "Y",
    );
}

#[test]
fn a_model_value_may_not_reuse_a_name() {
    assert_error(
        "const A = {x, y}\nvar x: bool = true",
        "`x` is declared twice",
        "x",
    );
}

// ------------------------------------------------------------------ types

#[test]
fn mismatches_name_both_types() {
    assert_error(
        "var x: 0..3 = 0\naction Inc { require x + 1\n x = x + 1 }",
        "type mismatch: expected `bool`, found `int`",
        "x + 1",
    );
    assert_error(
        "type Msg = Ping | Pong\nvar msgs: set<Msg> = {}\naction Send { msgs += {3} }",
        "type mismatch: expected `Msg`, found `int`",
        "3",
    );
    assert_error(
        "type Msg = Ping | Pong\nvar msgs: set<Msg> = {}\naction A { require msgs }",
        "type mismatch: expected `bool`, found `set<Msg>`",
        "msgs",
    );
    assert_error(
        "var x: 0..3 = 0\ninvariant Positive: x",
        "type mismatch: expected `bool`, found `0..3`",
        "x",
    );
}

#[test]
fn calls_need_the_right_number_of_arguments() {
    assert_error(
        "var x: 0..8 = 1\nfn double(n: 0..8) -> 0..16 = 2 * n\ninvariant Small: double(x, 1) < 16",
        "`double` takes 1 argument, but 2 were given",
        "double(x, 1)",
    );
}

#[test]
fn unbounded_types_are_rejected_where_stored() {
    assert_error("var x: int = 0", "unbounded type `int`", "int");
    assert_error("var s: set<int> = {}", "unbounded type `int`", "int");
    assert_error("var m: nat -> bool", "unbounded type `nat`", "nat");
    assert_error(
        "fn f(n: int) -> bool = n > 0",
        "unbounded type `int`",
        "int",
    );
    // A function's result is not stored.
    ok("var x: 0..3 = 0\nfn next() -> int = x + 1\ninvariant I: next() > 0");
}

#[test]
fn an_empty_range_is_rejected() {
    assert_error("var x: 3..1 = 3", "empty range `3..1`", "3..1");
}

#[test]
fn domains_too_large_to_represent_are_rejected() {
    assert_error(
        "var s: set<0..100000> = {}",
        "set element type `0..100000` is too large",
        "0..100000",
    );
    assert_error(
        "var m: 0..100000 -> bool = [k in 0..100000: false]",
        "map key type `0..100000` is too large",
        "0..100000",
    );
    assert_error(
        "var q: seq<bool, 100> = []",
        "sequence bound 100 is out of range",
        "100",
    );
}

#[test]
fn a_recursive_type_is_rejected() {
    assert_error(
        "type T = { next: set<T> }\nvar x: bool = true",
        "recursive type `T`",
        "T",
    );
}

#[test]
fn an_atom_in_two_enums_needs_context() {
    let (message, span) = errors(
        "var tm: {init, committed, aborted} = init
        var rm: {working, committed, aborted} = working
        invariant Odd: committed == committed",
    )
    .remove(0);
    assert_eq!(message, "ambiguous atom `committed`");
    assert_eq!(span, "committed");
}

#[test]
fn none_and_empty_sets_need_context() {
    assert_error(
        "var x: bool = true\ninvariant I: none == none",
        "cannot tell the type of `none`",
        "none",
    );
    assert_error(
        "var x: bool = true\ninvariant I: |{}| == 0",
        "cannot tell the type of `{}`",
        "{}",
    );
}

#[test]
fn a_pattern_tag_must_belong_to_the_union() {
    assert_error(
        "type Msg = Ping { n: 0..2 } | Nop
        type Other = Pong { n: 0..2 }
        var msgs: set<Msg> = {}
        action Recv(Pong { n: k } in msgs) { msgs -= {} }",
        "`Pong` is a variant of `Other`, not of `Msg`",
        "Pong",
    );
}

#[test]
fn variant_literals_need_every_field() {
    assert_error(
        "type Msg = P { a: bool, b: bool }\nvar m: set<Msg> = {P { a: true }}",
        "missing field `b` of `P`",
        "P { a: true }",
    );
}

// ------------------------------------------------------------------ statements

#[test]
fn constants_cannot_be_assigned() {
    assert_error(
        "const N = 3\nvar x: 0..3 = 0\naction Grow { N = 4 }",
        "cannot assign to constant `N`",
        "N",
    );
}

#[test]
fn locals_cannot_be_assigned() {
    assert_error(
        "var x: 0..3 = 0\naction Step {\n let y = x + 1\n y = 2\n}",
        "cannot assign to `y`",
        "y",
    );
}

#[test]
fn a_value_assigned_twice_without_a_read_is_lost() {
    assert_error(
        "var x: 0..3 = 0\naction Step {\n x = 1\n x = 2\n}",
        "`x` is assigned twice with no read in between",
        "x = 2",
    );
    // A read in between, a default then an update, and separate branches are fine.
    ok("var x: 0..3 = 0
        var y: 0..3 = 0
        action A { x = 1
            y = x
            x = 2 }
        action B { x = 0
            if y > 0 { x = 1 } }
        action C { either { x = 1 } or { x = 2 } }");
}

#[test]
fn a_variable_needs_an_initial_value() {
    assert_error(
        "var x: 0..3 = 0\nvar y: bool\naction Step { require x < 3\n x = x + 1 }",
        "`y` has no initial value",
        "y",
    );
    ok("var y: bool\ninit { either { y = true } or { y = false } }");
}

// ------------------------------------------------------------------ functions

#[test]
fn recursion_is_rejected() {
    assert_error(
        "var x: 0..3 = 0\nfn f(n: 0..3) -> bool = f(n)\ninvariant I: f(x)",
        "recursive function: `f` calls `f`",
        "f(n)",
    );
    assert_error(
        "fn f() -> bool = g()\nfn g() -> bool = not f()\nvar x: bool = true",
        "recursive function: `f` calls `g` calls `f`",
        "f()",
    );
}

#[test]
fn constants_use_only_earlier_constants() {
    assert_error(
        "var x: 0..3 = 0\nconst N = x + 1",
        "`x` is a state variable, not a constant",
        "x",
    );
    assert_error(
        "const N = M + 1\nconst M = 2",
        "constant `M` is used before its declaration",
        "M",
    );
    assert_error(
        "const N = 1 / 0",
        "cannot compute this constant: division by zero",
        "1 / 0",
    );
}

// ------------------------------------------------------------------ reporting

#[test]
fn every_error_is_reported_in_source_order() {
    let all = errors(
        "var x: int = 0
        var y: 0..3 = tru
        invariant I: y",
    );
    let messages: Vec<&str> = all.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unbounded type `int`",
            "unknown name `tru`",
            "type mismatch: expected `bool`, found `0..3`"
        ]
    );
}

#[test]
fn the_documented_expressions_check() {
    ok("type Ballot = 0..2
        type Msg = Ping { n: 0..2 } | Ack
        var x: bool = true
        var q: seq<0..1, 2> = []
        var o: option<0..2> = none
        action Stay { x = x }
        action Push(v: 0..1) { require len(q) < 2
            q = append(q, v) }
        action Clear(some(v) in {o}) { o = none }
        invariant Facts: {1} <= {1, 2} and {1} < {1, 2} and {1, 2} - {2} == {1}
            and ({1, 2} intersect {2, 3}) == {2} and |{1, 2} union {3}| == 3
            and -7 / 2 == -4 and -7 % 2 == 1 and min({3, 1, 2}) == 1 and max(2, 5) == 5
            and subsets({1, 2}) == {{}, {1}, {2}, {1, 2}}
            and {x * 2 for x in 1..3 if x != 2} == {2, 6}
            and {x in 1..5 if x % 2 == 0} == {2, 4}
            and [k in 0..2: k * k][2] == 4 and [5, 6, 7][1] == 6
            and head([5, 6]) == 5 and tail([5, 6]) == [6]
            and (if 1 < 2 then 10 else 20) == 10 and (let y = 4; y * y) == 16
            and (forall a, b in 0..2: a + b <= 4) and not (exists a in 1..0: a == a)
            and (forall b in Ballot: b >= 0) and { f: 1, g: true }.g
            and Ping { n: 1 } is Ping and not (Ack is Ping) and Ping { n: 2 }.n == 2
            and some(1) != none and (len(q) == 0 or head(q) == q[0])");
}

#[test]
fn the_bad_spec_corpus_reports_its_key_words() {
    let dir = format!("{}/tests/bad", env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/bad")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rvl"))
    {
        let src = std::fs::read_to_string(path).expect("readable");
        let header = |key: &str| -> Vec<String> {
            let prefix = format!("// {key}: ");
            src.lines()
                .filter_map(|l| l.strip_prefix(prefix.as_str()))
                .map(|l| l.trim().to_string())
                .collect()
        };
        if header("exit") != ["2"] {
            continue;
        }
        let Ok(ast) = syntax::parse(&Source::new("bad.rvl", &src)) else {
            continue;
        };
        let args: Vec<String> = header("args")
            .iter()
            .flat_map(|a| a.split_whitespace().map(String::from).collect::<Vec<_>>())
            .filter(|a| a != "--const")
            .collect();
        // A malformed `--const` is the command line's to report.
        let Some(consts) = args
            .iter()
            .map(|a| {
                a.split_once('=').map(|(n, v)| ConstOverride {
                    name: n.into(),
                    value: v.into(),
                })
            })
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let text = match check(&ast, &consts) {
            Ok(_) => String::from("accepted"),
            Err(errors) => errors
                .iter()
                .map(|e| {
                    let d = e.kind.details();
                    format!("{} [{}] {}", d.message, d.label, d.help.unwrap_or_default())
                })
                .collect::<Vec<_>>()
                .join("\n"),
        };
        if std::env::var_os("SHOW").is_some() {
            eprintln!("== {}\n{text}", path.display());
        }
        for key in header("expect-output") {
            if !text.contains(&key) {
                failures.push(format!("{}: `{key}` not in\n{text}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
