//! Constant folding against run-time evaluation. Each expression is
//! computed twice: by the checker, as the value of a `const`, and during
//! the run, with every literal `n` written `(n + x)` for a variable `x`
//! that is 0 (and a set literal read from a `set<0..9>` variable that
//! holds it), by the reference interpreter (`Model::holds`) and by
//! the fast evaluator (`Model::check`). The three must agree on the value,
//! or give the same error.

use ravel::check;
use ravel::check::ir::PropertyId;
use ravel::compile::{self, Model};
use ravel::source::Source;
use ravel::syntax;

/// Integers around every sign and rounding case, and the extremes.
const INTS: &[i64] = &[i64::MIN, -9, -7, -3, -2, -1, 0, 1, 2, 3, 7, 9, i64::MAX];

/// A literal as a constant (`i64::MIN` has no literal of its own).
fn konst(n: i64) -> String {
    if n == i64::MIN {
        "(-9223372036854775807 - 1)".into()
    } else {
        format!("({n})")
    }
}

/// The same literal, computed during the run.
fn live(n: i64) -> String {
    format!("({} + x)", konst(n))
}

/// A set literal of small integers as a constant.
fn konst_set(items: &[i64]) -> String {
    let items: Vec<String> = items.iter().map(|n| n.to_string()).collect();
    format!("{{{}}}", items.join(", "))
}

/// The same set, read during the run from a `set<0..9>` variable that
/// holds it (`S0` is `SETS[0]`, ...).
fn live_set(items: &[i64]) -> String {
    let i = SETS
        .iter()
        .position(|s| *s == items)
        .unwrap_or_else(|| panic!("{items:?} is not one of SETS"));
    format!("S{i}")
}

/// How literals are written: as constants or computed during the run.
struct Lit {
    int: fn(i64) -> String,
    set: fn(&[i64]) -> String,
}

const KONST: Lit = Lit {
    int: konst,
    set: konst_set,
};
const LIVE: Lit = Lit {
    int: live,
    set: live_set,
};

/// An expression built from literals written by `lit`.
type Template = Box<dyn Fn(&Lit) -> String>;

const PRELUDE: &str = "type Big = 0..1048576
var x: 0..0 = 0
action Stay { x = x }
var S0: set<0..9> = {1}
var S1: set<0..9> = {2}
var S2: set<0..9> = {1, 2}
var S3: set<0..9> = {2, 3}
var S4: set<0..9> = {1, 2, 3}
var S5: set<0..9> = {0, 9}
";

fn model(text: &str) -> Result<Model, String> {
    let source = Source::new("folding.rvl", text);
    let ast = syntax::parse(&source).map_err(|e| e.kind.details().message)?;
    let ir = check::check(&ast, &[]).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        messages.join("; ")
    })?;
    Ok(compile::compile(ir))
}

fn initial_state(model: &Model) -> Vec<u64> {
    let mut states = Vec::new();
    model
        .initial_states(&mut |s| states.push(s.to_vec()))
        .expect("the initial state");
    assert_eq!(states.len(), 1);
    states.remove(0)
}

/// What the checker makes of each `const K_i = e_i`: `Ok`, or the reason
/// it cannot compute it. One spec for all (an error names its line).
fn folded(exprs: &[String]) -> Vec<Result<(), String>> {
    let text: String = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| format!("const K{i} = {e}\n"))
        .collect();
    let text = format!("{text}{PRELUDE}");
    let source = Source::new("folding.rvl", text.as_str());
    let ast = syntax::parse(&source).unwrap_or_else(|e| panic!("{}", e.kind.details().message));
    let mut out = vec![Ok(()); exprs.len()];
    if let Err(errors) = check::check(&ast, &[]) {
        for error in errors {
            let message = error.kind.details().message;
            let span = error.span.unwrap_or_else(|| panic!("{message}"));
            let line = text[..span.start as usize].matches('\n').count();
            let reason = message
                .strip_prefix("cannot compute this constant: ")
                .unwrap_or_else(|| panic!("`{}`: {message}", exprs[line]));
            out[line] = Err(reason.to_string());
        }
    }
    out
}

/// Fold each expression, then check that the run agrees: one spec with an
/// invariant `K_i == e_i` per folded constant, one spec per error. Gives
/// how many folded to a value and how many to an error.
fn agree(templates: &[Template], must_be_fast: bool) -> (usize, usize) {
    let mut consts = String::new();
    let mut invariants = String::new();
    let (mut values, mut errors) = (0, 0);
    let konsts: Vec<String> = templates.iter().map(|t| t(&KONST)).collect();
    for (i, (t, folded)) in templates.iter().zip(folded(&konsts)).enumerate() {
        let (c, r) = (&konsts[i], t(&LIVE));
        match folded {
            Ok(()) => {
                consts.push_str(&format!("const K{i} = {c}\n"));
                invariants.push_str(&format!("invariant Same{i}: K{i} == ({r})\n"));
                values += 1;
            }
            Err(reason) => {
                let m = model(&format!("{PRELUDE}invariant Fails: ({r}) == ({r})\n"))
                    .unwrap_or_else(|e| panic!("`{r}`: {e}"));
                let state = initial_state(&m);
                let reference = m.holds(PropertyId(0), &state);
                let fast = m.check(&mut m.worker(), PropertyId(0), &state);
                let message = |r: Result<bool, compile::RuntimeError>| {
                    r.map_err(|e| e.kind.details().message)
                };
                assert_eq!(message(reference), Err(reason.clone()), "reference: `{r}`");
                assert_eq!(message(fast), Err(reason), "fast: `{r}`");
                errors += 1;
            }
        }
    }
    let m = model(&format!("{consts}{PRELUDE}{invariants}")).expect("the folded spec");
    if must_be_fast {
        let slow: Vec<_> = m
            .fast_coverage()
            .into_iter()
            .filter(|c| c.fallback.is_some())
            .collect();
        assert!(slow.is_empty(), "falls back: {slow:?}");
    }
    let state = initial_state(&m);
    let mut worker = m.worker();
    for (p, def) in m.spec.properties.iter().enumerate() {
        let p = PropertyId(p as u32);
        let body = &invariants.lines().nth(p.index()).unwrap_or_default();
        assert_eq!(
            m.holds(p, &state),
            Ok(true),
            "reference: {} {body}",
            def.name
        );
        assert_eq!(m.check(&mut worker, p, &state), Ok(true), "fast: {body}");
    }
    (values, errors)
}

#[test]
fn arithmetic_folds_as_it_runs() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in INTS {
        templates.push(Box::new(move |l| format!("-{}", (l.int)(a))));
        for &b in INTS {
            for op in ["+", "-", "*", "/", "%"] {
                templates.push(Box::new(move |l| {
                    format!("{} {op} {}", (l.int)(a), (l.int)(b))
                }));
            }
        }
    }
    // ((a / b) * b + a % b == a), where the parts exist.
    for &a in &INTS[1..INTS.len() - 1] {
        for &b in INTS[1..INTS.len() - 1].iter().filter(|&&b| b != 0) {
            templates.push(Box::new(move |l| {
                let (a, b) = ((l.int)(a), (l.int)(b));
                format!("({a} / {b}) * {b} + {a} % {b}")
            }));
        }
    }
    // 26 divisions by zero; the other 84 overflow at the extremes.
    let (values, errors) = agree(&templates, true);
    assert_eq!((values + errors, errors), (templates.len(), 110));
}

#[test]
fn comparisons_fold_as_they_run() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in INTS {
        for &b in INTS {
            for op in ["==", "!=", "<", "<=", ">", ">="] {
                templates.push(Box::new(move |l| {
                    format!("{} {op} {}", (l.int)(a), (l.int)(b))
                }));
            }
        }
    }
    assert_eq!(agree(&templates, true), (templates.len(), 0));
}

/// Small sets of `0..9` (a `set<0..9>` during the run, on the fast path).
const SETS: &[&[i64]] = &[&[1], &[2], &[1, 2], &[2, 3], &[1, 2, 3], &[0, 9]];

#[test]
fn set_algebra_folds_as_it_runs() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in SETS {
        templates.push(Box::new(move |l| format!("|{}|", (l.set)(a))));
        for &n in &[0, 1, 2, 9] {
            templates.push(Box::new(move |l| {
                format!("{} in {}", (l.int)(n), (l.set)(a))
            }));
            templates.push(Box::new(move |l| {
                format!("{} not in {}", (l.int)(n), (l.set)(a))
            }));
        }
        for &b in SETS {
            for op in ["+", "union", "intersect", "-"] {
                templates.push(Box::new(move |l| {
                    format!(
                        "({} {op} {}) == {}",
                        (l.set)(a),
                        (l.set)(b),
                        (l.set)(&[1, 2])
                    )
                }));
                templates.push(Box::new(move |l| {
                    format!("|{} {op} {}|", (l.set)(a), (l.set)(b))
                }));
            }
            for op in ["==", "!=", "<", "<=", ">", ">="] {
                templates.push(Box::new(move |l| {
                    format!("{} {op} {}", (l.set)(a), (l.set)(b))
                }));
            }
        }
    }
    // The empty set, typed by the other side.
    templates.push(Box::new(|l| {
        format!("|{} - {}|", (l.set)(&[1]), (l.set)(&[1]))
    }));
    templates.push(Box::new(|l| {
        format!(
            "({} - {}) < {}",
            (l.set)(&[1]),
            (l.set)(&[1]),
            (l.set)(&[2])
        )
    }));
    assert_eq!(agree(&templates, true), (templates.len(), 0));
}

#[test]
fn ranges_builtins_and_limits_fold_as_they_run() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in &[-3i64, -1, 0, 2, 7] {
        for &b in &[-3i64, -1, 0, 2, 7] {
            templates.push(Box::new(move |l| {
                format!("|{}..{}|", (l.int)(a), (l.int)(b))
            }));
            templates.push(Box::new(move |l| {
                format!("{} in {}..{}", (l.int)(1), (l.int)(a), (l.int)(b))
            }));
            templates.push(Box::new(move |l| {
                format!("min({}, {})", (l.int)(a), (l.int)(b))
            }));
            templates.push(Box::new(move |l| {
                format!("max({}, {})", (l.int)(a), (l.int)(b))
            }));
            templates.push(Box::new(move |l| {
                let (a, b) = ((l.int)(a), (l.int)(b));
                format!("min({{{a}, {b}, 1}}) + max({{{a}, {b}, 1}})")
            }));
            templates.push(Box::new(move |l| {
                let (a, b) = ((l.int)(a), (l.int)(b));
                format!("if {a} < {b} then {a} else {b} * 2")
            }));
        }
    }
    templates.push(Box::new(|l| format!("max({}..{})", (l.int)(3), (l.int)(1))));
    templates.push(Box::new(|l| {
        format!("|subsets({}..{})|", (l.int)(1), (l.int)(4))
    }));
    // The one set limit: 2^20 elements, for a range, `subsets` and a type.
    templates.push(Box::new(|l| {
        format!("|{}..{}|", (l.int)(0), (l.int)(1_048_575))
    }));
    templates.push(Box::new(|l| {
        format!("|{}..{}|", (l.int)(0), (l.int)(1_048_576))
    }));
    templates.push(Box::new(|l| {
        format!("|subsets({}..{})|", (l.int)(0), (l.int)(20))
    }));
    templates.push(Box::new(|l| format!("|Big| + {}", (l.int)(0))));
    // `max` of an empty range; one past the limit, thrice.
    let (values, errors) = agree(&templates, false);
    assert_eq!((values + errors, errors), (templates.len(), 4));
}

#[test]
fn sums_and_folds_fold_as_they_run() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in SETS {
        templates.push(Box::new(move |l| format!("sum({})", (l.set)(a))));
        templates.push(Box::new(move |l| {
            format!("sum(y in {}: y * {})", (l.set)(a), (l.int)(3))
        }));
        templates.push(Box::new(move |l| {
            format!(
                "fold(acc = {}, y in {}: acc * 10 + y)",
                (l.int)(1),
                (l.set)(a)
            )
        }));
    }
    assert_eq!(agree(&templates, true), (templates.len(), 0));
}

#[test]
fn sequence_operations_fold_as_they_run() {
    // Items computed during the run are of type `int`, which no sequence
    // stores: these run on the reference interpreter. (The binders are
    // `y`: `x` is the variable each live literal adds.)
    let mut templates: Vec<Template> = Vec::new();
    for &a in INTS {
        for &b in INTS {
            templates.push(Box::new(move |l| {
                format!("sum([{}, {}])", (l.int)(a), (l.int)(b))
            }));
            templates.push(Box::new(move |l| {
                format!(
                    "fold(acc = 0, y in [{}, {}]: acc - y)",
                    (l.int)(a),
                    (l.int)(b)
                )
            }));
            templates.push(Box::new(move |l| {
                format!("head(tail([{}] ++ [{}]))", (l.int)(a), (l.int)(b))
            }));
        }
    }
    for i in -1..=3 {
        for j in -1..=3 {
            templates.push(Box::new(move |l| {
                format!(
                    "sub([{}, {}], {}, {})",
                    (l.int)(1),
                    (l.int)(2),
                    (l.int)(i),
                    (l.int)(j)
                )
            }));
        }
    }
    templates.push(Box::new(|l| {
        format!(
            "[y * 2 for y in [{}, {}, {}] if y > 1]",
            (l.int)(3),
            (l.int)(1),
            (l.int)(2)
        )
    }));
    let (values, errors) = agree(&templates, false);
    // 50 sums and differences overflow at the extremes; 7 `sub`s have
    // `i < j` and `i < 0` or `j > 2`.
    assert_eq!((values + errors, errors), (templates.len(), 57));
}
