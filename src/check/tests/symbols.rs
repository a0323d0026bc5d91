//! The symbol index: what each name is, its type, where it is defined, and
//! which names are usable where.

use super::*;
use crate::check::symbols::{SymbolKind, Symbols};

const SPEC: &str = "\
const RM = symmetric {r1, r2}
type Msg = Prepared { rm: RM } | Commit
var state: RM -> {working, done} = [r in RM: working]
var msgs: set<Msg> = {}
fn count(s: set<RM>) -> 0..2 = |s|
action Prepare(r: RM) {
    require state[r] == working
    let others = {x in RM if x != r}
    msgs += {Prepared { rm: r }}
}
invariant Small: count({r in RM if state[r] == done}) <= 2
";

fn symbols(src: &str) -> Symbols {
    check_with_symbols(&parse(src), &[]).1
}

/// The byte offset of the `n`-th (from 0) occurrence of `needle`.
fn at(needle: &str, n: usize) -> u32 {
    SPEC.match_indices(needle)
        .nth(n)
        .map(|(i, _)| i as u32)
        .expect("in the spec")
}

/// What the name at an offset is: name, kind, type, and where defined.
fn resolve(s: &Symbols, offset: u32) -> (String, SymbolKind, Option<String>, u32) {
    let d = s
        .at(offset)
        .unwrap_or_else(|| panic!("nothing at {offset}"));
    (d.name.clone(), d.kind, d.ty.clone(), d.span.start)
}

#[test]
fn uses_resolve_to_their_definitions_with_types() {
    let s = symbols(SPEC);
    let var = |ty: &str| Some(ty.to_string());
    assert_eq!(
        resolve(&s, at("msgs +=", 0)),
        (
            "msgs".into(),
            SymbolKind::Var,
            var("set<Msg>"),
            at("msgs:", 0)
        )
    );
    assert_eq!(
        resolve(&s, at("state[r] == working", 0)),
        (
            "state".into(),
            SymbolKind::Var,
            var("RM -> {working, done}"),
            at("state:", 0)
        )
    );
    // The action parameter `r`, used in the body.
    let (name, kind, ty, def) = resolve(&s, at("r] == working", 0));
    assert_eq!(
        (name.as_str(), kind, ty),
        ("r", SymbolKind::Bound, var("RM"))
    );
    assert_eq!(def, at("r: RM)", 0));
    assert_eq!(
        resolve(&s, at("count({", 0)),
        (
            "count".into(),
            SymbolKind::Fn,
            var("(s: set<RM>) -> 0..2"),
            at("count(s", 0)
        )
    );
    assert_eq!(resolve(&s, at("Prepared { rm: r }}", 0)).1, SymbolKind::Tag);
    assert_eq!(
        resolve(&s, at("working\n", 0)),
        (
            "working".into(),
            SymbolKind::Atom,
            var("{working, done}"),
            at("working,", 0)
        )
    );
    // A type name in a type, and a constant used as a type.
    assert_eq!(resolve(&s, at("Msg> =", 0)).3, at("Msg =", 0));
    assert_eq!(resolve(&s, at("RM -> {", 0)).1, SymbolKind::Const);
}

#[test]
fn locals_are_visible_only_in_their_scope() {
    let s = symbols(SPEC);
    let names = |offset: u32| -> Vec<String> {
        let mut v: Vec<String> = s
            .visible_at(offset)
            .iter()
            .map(|d| d.name.clone())
            .collect();
        v.sort();
        v
    };
    let in_body = names(at("msgs +=", 0));
    for name in ["r", "others", "msgs", "state", "count", "RM", "Prepare"] {
        assert!(in_body.contains(&name.to_string()), "{name} in {in_body:?}");
    }
    // `x` is bound inside the filter only; `s` only in the function.
    assert!(!in_body.contains(&"x".to_string()));
    assert!(!in_body.contains(&"s".to_string()));
    assert!(names(at("x != r", 0)).contains(&"x".to_string()));
    assert!(names(at("|s|", 0) + 1).contains(&"s".to_string()));
    let in_invariant = names(at("<= 2", 0));
    assert!(!in_invariant.contains(&"r".to_string()), "{in_invariant:?}");
}

#[test]
fn a_spec_with_errors_still_has_its_symbols() {
    let src = "var x: 0..3 = 0\naction A {\n    require y == 1\n    x = x + 1\n}\n";
    let (result, s) = check_with_symbols(&parse(src), &[]);
    assert!(result.is_err());
    let use_of_x = src.rfind("x + 1").expect("in the spec") as u32;
    assert_eq!(s.at(use_of_x).map(|d| d.kind), Some(SymbolKind::Var));
    assert_eq!(
        s.at(use_of_x).and_then(|d| d.ty.clone()).as_deref(),
        Some("0..3")
    );
}
