//! Good specs, overrides, and the bad-spec corpus's key words.

use super::*;

// ------------------------------------------------------------------ specs

#[test]
fn two_phase_commit_checks() {
    let spec = ok(&spec_file("two_phase_commit/two_phase_commit.rvl"));
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
    let spec = ok_file("paxos/paxos.rvl", &[]);
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
    let src = spec_file("two_phase_commit/two_phase_commit.rvl");
    let by_set = ok_with(&src, &[("RM", "{r1, r2, r3, r4, r5}")]);
    assert_eq!(enum_atoms(&by_set, "RM"), ["r1", "r2", "r3", "r4", "r5"]);
    let by_count = ok_with(&src, &[("RM", "5")]);
    assert_eq!(enum_atoms(&by_count, "RM"), ["r1", "r2", "r3", "r4", "r5"]);
}

#[test]
fn an_int_constant_can_be_overridden() {
    let spec = ok_file("paxos/paxos.rvl", &[("MaxBallot", "2")]);
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
        let name = path.display().to_string();
        let Ok(mut ast) = syntax::parse(&Source::new(name.clone(), &src)) else {
            continue;
        };
        crate::load_refined(&mut ast, &name);
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

#[test]
fn a_failed_override_does_not_cascade() {
    // With `RM` broken, `rm[r]` has no type; the atom assigned to it must
    // not be reported as ambiguous on top of the override's error.
    let src = "const RM = {r1, r2}
        var rm: RM -> {working, committed} = [r in RM: working]
        var tm: {init, committed} = init
        action Commit(r: RM) { rm[r] = committed }";
    let d = cli_error(src, &[("RM", "true")]);
    assert_eq!(
        d.message,
        "--const RM: expected a set of model values or a count, found a boolean"
    );
}
