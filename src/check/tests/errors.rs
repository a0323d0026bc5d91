//! One bad spec (or more) per error kind.

use super::*;

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
    // Actions have names of their own: only two actions clash.
    assert_error(
        "var x: bool = true\naction Flip { x = not x }\naction Flip { x = true }",
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
    // A function's parameters and result may be `int`, never `nat`.
    assert_error("fn f(n: nat) -> int = n", "unbounded type `nat`", "nat");
    assert_error("fn f(n: int) -> nat = n", "unbounded type `nat`", "nat");
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

// ------------------------------------------------------------------ nothing to run

#[test]
fn a_spec_without_variables_is_rejected_once_the_rest_is_right() {
    let errors = |src: &str| -> Vec<String> {
        let source = crate::source::Source::new("t.rvl", src);
        let ast = crate::syntax::parse(&source).expect("parses");
        match crate::check::check(&ast, &[]) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.kind.details().message).collect(),
        }
    };
    assert_eq!(errors(""), ["the spec is empty: there is nothing to check"]);
    assert_eq!(
        errors("const N = 3\ninvariant I: N > 2"),
        ["the spec declares no state variable: there is no state to explore"]
    );
    // Another error first: no second one about the variables.
    assert_eq!(errors("invariant I: M > 2"), ["unknown name `M`"]);
}

// ------------------------------------------------------------------ `is` patterns and `pick`

/// A spec whose invariant `Inv` is `body`, over an option `o` and an int `x`.
fn with_option(body: &str) -> String {
    format!(
        "var o: option<0..2> = none
        var x: 0..2 = 0
        action Set(v: 0..2) {{ o = some(v) }}
        invariant Inv: {body}"
    )
}

#[test]
fn is_patterns_bind_in_the_rest_of_a_conjunction_and_after_implies() {
    for body in [
        "o is some(l) and l <= 2",
        "x == 0 and o is some(l) and x <= l",
        "(o is some(l) and x == 0) and l >= 0",
        "o is some(l) => l <= 2",
        "(if o is some(l) then l else 0) <= 2",
        "not (o is some(l) and l > 2)",
        "forall v in 0..2: o is some(l) and l == v => v == l",
        "(o is some(l) and l > 0) or (o is none)",
    ] {
        ok(&with_option(body));
    }
}

#[test]
fn is_pattern_names_are_out_of_scope_elsewhere() {
    for (body, at) in [
        ("(o is some(l) or x == 0) and l <= 2", "l"),
        ("o is some(l) or l > 0", "l"),
        ("not (o is some(l)) and l > 0", "l"),
        ("(if o is some(l) then 0 else l) <= 2", "l"),
        ("(o is some(l) => x == 0) and l == 0", "l"),
    ] {
        assert_error(&with_option(body), "`l` is not in scope here", at);
    }
}

#[test]
fn if_statements_see_their_conditions_names_in_the_block_only() {
    let src = "var o: option<0..2> = none
        var x: 0..2 = 0
        action A { if o is some(l) { x = l } else { x = l } }";
    assert_error(src, "`l` is not in scope here", "l");
    let src = "var o: option<0..2> = none
        var x: 0..2 = 0
        action A { if o is some(l) { x = l }
            x = l }";
    assert_error(src, "`l` is not in scope here", "l");
}

#[test]
fn is_patterns_are_typed_against_the_value() {
    assert_error(
        &with_option("x is some(l)"),
        "expected an option, found `0..2`",
        "some(l)",
    );
    assert_error(
        &with_option("o is some(true)"),
        "type mismatch: expected `0..2`, found `bool`",
        "true",
    );
}

#[test]
fn picks_range_over_a_set() {
    assert_error(
        &with_option("(pick v in x: v > 0) == 1"),
        "expected a set or a sequence, found `0..2`",
        "x",
    );
    assert_error(
        &with_option("(pick v in 0..2: v + 1) == 1"),
        "type mismatch: expected `bool`, found `int`",
        "v + 1",
    );
    ok(&with_option("(pick v in 0..2: v >= x) >= x"));
}

// ------------------------------------------------------------------ transitions

#[test]
fn next_is_only_for_transitions() {
    let base = "var x: 0..3 = 0
        fn later() -> 0..3 = next(x)
        action Inc { require x < 3
            x = next(x) }";
    let found = errors(base);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(m, at)| m == "`next` is only for `transition` properties" && at == "next"),
        "{found:?}"
    );
    let src = "var x: 0..3 = 0
        transition Twice: next(next(x)) >= x";
    assert_error(src, "`next` is only for `transition` properties", "next");
    let src = "var x: 0..3 = 0
        transition Two: next(x, x) >= x";
    assert_error(
        src,
        "`next` takes 1 argument, but 2 were given",
        "next(x, x)",
    );
    let src = "var x: 0..3 = 0
        transition Kind: next(x)";
    assert_error(
        src,
        "type mismatch: expected `bool`, found `0..3`",
        "next(x)",
    );
}

#[test]
fn transitions_read_next_of_any_expression() {
    let spec = ok("var x: 0..3 = 0
        var s: set<0..3> = {}
        fn big() -> bool = x > 2
        action Inc { require x < 3
            x = x + 1
            s += {x} }
        transition Grows: next(x) >= x and s <= next(s) and (big() => next(big()))");
    assert_eq!(spec.properties[0].kind, ir::PropertyKind::Transition);
}

#[test]
fn constants_may_pick() {
    let spec = ok("const RM = {r1, r2, r3}
        const Leader = pick r in RM: r != r1
        const Least = pick n in 0..5: n * n > 3
        var x: RM = Leader
        var y: 0..5 = Least
        invariant I: x == Leader and y == 2");
    assert_eq!(spec.vars.len(), 2);
    assert_error(
        "const Bad = pick n in 0..2: n > 5\nvar y: 0..5 = Bad",
        "cannot compute this constant: `pick` found no element that satisfies its condition",
        "pick n in 0..2: n > 5",
    );
    assert_error(
        "const Bad = pick n in 1..0\nvar y: 0..5 = Bad",
        "cannot compute this constant: `pick` from an empty set",
        "pick n in 1..0",
    );
}

#[test]
fn step_is_names_an_action_in_transitions_only() {
    let src = "var x: 0..3 = 0
        action Inc { require x < 3
            x = x + 1 }
        transition T: step is Incc => next(x) > x";
    assert_error(src, "unknown action `Incc`", "Incc");
    assert_eq!(help(src).as_deref(), Some("did you mean `Inc`?"));
    let spec = ok("var x: 0..3 = 0
        action Inc { require x < 3
            x = x + 1 }
        transition T: step is Inc => next(x) > x");
    assert!(matches!(
        &spec.properties[0].body.kind,
        ir::ExprKind::Bin(_, l, _) if matches!(&l.kind, ir::ExprKind::StepIs(ids) if ids.len() == 1)
    ));
    // Elsewhere, and where the spec has a `step`, `step` is a name.
    let src = "var x: 0..3 = 0
        action Inc { require x < 3
            x = x + 1 }
        invariant I: step is Inc";
    let found = errors(src);
    assert_eq!(
        found[0],
        ("unknown name `step`".to_string(), "step".to_string())
    );
}

// ------------------------------------------------------------ sequence operations

#[test]
fn sequence_operations_need_sequences() {
    let src = "var log: seq<0..3, 4> = []
        var seen: set<0..3> = {}
        invariant Joined: len(log ++ seen) > 0";
    assert_error(src, "expected a sequence, found `set<0..3>`", "seen");
    let src = "var seen: set<0..3> = {}
        invariant Part: sub(seen, 0, 1) == {}";
    assert_error(src, "expected a sequence, found `set<0..3>`", "seen");
    let src = "var log: seq<0..3, 4> = []
        invariant Part: sub(log, 0, true) == []";
    assert_error(src, "type mismatch: expected `int`, found `bool`", "true");
}

#[test]
fn a_sequence_comprehension_over_a_set_points_to_the_set_form() {
    let src = "var seen: set<0..3> = {}
        invariant Some: [x for x in seen] == []";
    assert_error(
        src,
        "`[e for x in s]` ranges over a sequence, found `set<0..3>`",
        "seen",
    );
    assert_eq!(
        help(src).as_deref(),
        Some("write `{ e for x in S }` to build a set from a set")
    );
}

#[test]
fn a_fold_step_gives_the_accumulators_type() {
    let src = "var log: seq<0..3, 4> = []
        invariant Any: fold(acc = 0, x in log: x == 2)";
    assert_error(
        src,
        "the step of `fold` gives `bool`, but `acc` is `int`",
        "x == 2",
    );
    let src = "var n: 0..3 = 0
        invariant Total: fold(acc = 0, x in n: acc + x) >= 0";
    assert_error(src, "expected a sequence or a set, found `0..3`", "n");
    let src = "type Node = {n1, n2}
        var up: set<Node> = {}
        invariant Total: sum(up) <= 2";
    assert_error(
        src,
        "expected a set or a sequence of integers, found `set<Node>`",
        "up",
    );
}
