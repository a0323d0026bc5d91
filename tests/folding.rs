//! Constant folding against run-time evaluation. Each expression is
//! computed twice: by the checker, as the value of a `const`, and during
//! the run, with every literal `n` written `(n + x)` for a variable `x`
//! that is 0, by the reference interpreter (`Model::holds`) and by the fast
//! evaluator (`Model::check`). The three must agree on the value, or give
//! the same error.

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

/// An expression built from literals written by `lit`.
type Template = Box<dyn Fn(&dyn Fn(i64) -> String) -> String>;

const PRELUDE: &str = "var x: 0..0 = 0\naction Stay { x = x }\n";

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

/// What the checker makes of `const K = e`: `Ok` or the reason it cannot
/// compute it.
fn folded(e: &str) -> Result<(), String> {
    match model(&format!("const K = {e}\n{PRELUDE}")) {
        Ok(_) => Ok(()),
        Err(message) => Err(message
            .strip_prefix("cannot compute this constant: ")
            .unwrap_or_else(|| panic!("`{e}`: {message}"))
            .to_string()),
    }
}

/// Fold each expression, then check that the run agrees: one spec with an
/// invariant `K_i == e_i` per folded constant, one spec per error.
fn agree(templates: &[Template], must_be_fast: bool) -> usize {
    let mut consts = String::new();
    let mut invariants = String::new();
    let mut checked = 0;
    for (i, t) in templates.iter().enumerate() {
        let (c, r) = (t(&konst), t(&live));
        match folded(&c) {
            Ok(()) => {
                consts.push_str(&format!("const K{i} = {c}\n"));
                invariants.push_str(&format!("invariant Same{i}: K{i} == ({r})\n"));
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
            }
        }
        checked += 1;
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
    checked
}

#[test]
fn arithmetic_folds_as_it_runs() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in INTS {
        templates.push(Box::new(move |l| format!("-{}", l(a))));
        for &b in INTS {
            for op in ["+", "-", "*", "/", "%"] {
                templates.push(Box::new(move |l| format!("{} {op} {}", l(a), l(b))));
            }
        }
    }
    // ((a / b) * b + a % b == a), where the parts exist.
    for &a in &INTS[1..INTS.len() - 1] {
        for &b in INTS[1..INTS.len() - 1].iter().filter(|&&b| b != 0) {
            templates.push(Box::new(move |l| {
                format!("({} / {}) * {} + {} % {}", l(a), l(b), l(b), l(a), l(b))
            }));
        }
    }
    assert_eq!(agree(&templates, true), templates.len());
}

#[test]
fn comparisons_fold_as_they_run() {
    let mut templates: Vec<Template> = Vec::new();
    for &a in INTS {
        for &b in INTS {
            for op in ["==", "!=", "<", "<=", ">", ">="] {
                templates.push(Box::new(move |l| format!("{} {op} {}", l(a), l(b))));
            }
        }
    }
    agree(&templates, true);
}
