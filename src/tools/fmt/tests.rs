//! Input → output pairs for the corners of the layout; whole files are in
//! `tests/fmt/`.

use super::{FmtError, format};
use crate::source::Source;

fn fmt(text: &str) -> String {
    let out = format(&Source::new("t.rvl", text)).unwrap_or_else(|e| panic!("{e:?}"));
    let again = format(&Source::new("t.rvl", out.as_str())).expect("the output formats");
    assert_eq!(again, out, "formatting the output changed it");
    out
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
    assert_eq!(fmt("  // only a comment"), "// only a comment\n");
    assert_eq!(
        fmt("/* a */ /* b */\n\n\n// c\n"),
        "/* a */ /* b */\n\n// c\n"
    );
}

#[test]
fn tokens_are_cut_where_the_grammar_cuts_them() {
    // `>>=` is `>`, `>`, `=`: the inner `set<...>` ends after the first.
    assert_eq!(
        fmt("var s:set<set<0..1>>={}"),
        "var s: set<set<0..1>> = {}\n"
    );
}

#[test]
fn operators_and_brackets_are_spaced_by_their_role() {
    assert_eq!(
        fmt("var x:-2..2=-1\ninvariant I:x not in {1,2} and ||{x}||<=1 and -x>=-2 and x+ -1<3"),
        "var x: -2..2 = -1\ninvariant I: x not in {1, 2} and ||{x}|| <= 1 and -x >= -2 and x + -1 < 3\n"
    );
    assert_eq!(
        fmt(
            "type M=A{n:0..1}|B\nvar m:option<M>=some(A{n:0})\ninvariant I:m == none or m==some(B) or m is A"
        ),
        "type M = A { n: 0..1 } | B\nvar m: option<M> = some(A { n: 0 })\ninvariant I: m == none or m == some(B) or m is A\n"
    );
}

#[test]
fn sequence_operations_and_folds_are_spaced_like_calls_and_operators() {
    assert_eq!(
        fmt(
            "var q:seq<0..2,3>=[]\ninvariant I:sum(q)+sum (x in q:x)==fold (acc=0,x in q:acc+x) and q++[x+1 for x in q if x>0]!=sub(q,0,1)"
        ),
        "var q: seq<0..2, 3> = []\ninvariant I:\n    sum(q) + sum(x in q: x) == fold(acc = 0, x in q: acc + x) and\n    q ++ [x + 1 for x in q if x > 0] != sub(q, 0, 1)\n"
    );
}

#[test]
fn windows_line_ends_become_unix_ones() {
    assert_eq!(
        fmt("var x: bool = true // c\r\n\r\n\r\ninvariant I: x\r\n"),
        "var x: bool = true // c\n\ninvariant I: x\n"
    );
}

#[test]
fn empty_blocks_and_blocks_of_comments() {
    assert_eq!(fmt("init {}"), "init {}\n");
    assert_eq!(
        fmt("init {\n// nothing yet\n}"),
        "init {\n    // nothing yet\n}\n"
    );
    assert_eq!(fmt("init { // nothing\n}"), "init { // nothing\n}\n");
}

#[test]
fn if_statements_chain_their_else_ifs() {
    assert_eq!(
        fmt("var x:0..3=0\naction A{if x==0{x=1}else if x==1{x=2}else{x=0}}"),
        "var x: 0..3 = 0\n\naction A {\n    if x == 0 {\n        x = 1\n    } else if x == 1 {\n        x = 2\n    } else {\n        x = 0\n    }\n}\n"
    );
}

#[test]
fn a_syntax_error_is_the_parsers() {
    let error = format(&Source::new("t.rvl", "var x: = 1")).expect_err("no type");
    let FmtError::Syntax(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.span.start, 7);
}
