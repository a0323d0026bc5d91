//! End-to-end tests of the check stage: spec text in, IR or errors out.
//! `specs` checks good specs and overrides; `errors` has a bad spec for each
//! error kind, with its exact headline and the text its span covers.

mod errors;
mod specs;
mod symbols;

use super::*;
use crate::source::Source;
use crate::syntax;

pub(super) fn parse(src: &str) -> ast::Spec {
    syntax::parse(&Source::new("test.rvl", src))
        .unwrap_or_else(|e| panic!("syntax error {e:?} in\n{src}"))
}

pub(super) fn overrides(pairs: &[(&str, &str)]) -> Vec<ConstOverride> {
    pairs
        .iter()
        .map(|(n, v)| ConstOverride {
            name: n.to_string(),
            value: v.to_string(),
        })
        .collect()
}

/// The checked spec; panics with the messages if it is rejected.
pub(super) fn ok_with(src: &str, consts: &[(&str, &str)]) -> ir::Spec {
    check(&parse(src), &overrides(consts)).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        panic!("rejected: {messages:?}\n{src}")
    })
}

pub(super) fn ok(src: &str) -> ir::Spec {
    ok_with(src, &[])
}

pub(super) fn errors_with(src: &str, consts: &[(&str, &str)]) -> Vec<CheckError> {
    match check(&parse(src), &overrides(consts)) {
        Ok(_) => panic!("accepted:\n{src}"),
        Err(errors) => errors,
    }
}

/// Every error as (headline, text under its span).
pub(super) fn errors(src: &str) -> Vec<(String, String)> {
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
pub(super) fn error(src: &str) -> (String, String) {
    let all = errors(src);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    all.into_iter().next().expect("one error")
}

/// The only error's help line.
pub(super) fn help(src: &str) -> Option<String> {
    let all = errors_with(src, &[]);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    all[0].kind.details().help
}

pub(super) fn assert_error(src: &str, message: &str, span_text: &str) {
    assert_eq!(
        error(src),
        (message.to_string(), span_text.to_string()),
        "for\n{src}"
    );
}

/// The only error of a run with overrides. When it has a span, it points
/// at the declaration of the overridden constant.
pub(super) fn cli_error(src: &str, consts: &[(&str, &str)]) -> crate::diagnostic::Details {
    let all = errors_with(src, consts);
    assert_eq!(all.len(), 1, "expected one error, got {all:?}");
    if let Some(span) = all[0].span {
        let text = &src[span.start as usize..span.end as usize];
        assert!(consts.iter().any(|(n, _)| *n == text), "span `{text}`");
    }
    all[0].kind.details()
}

/// A bundled spec checked as `ravel check` reads it (with the specs it
/// refines), with these overrides.
pub(super) fn ok_file(name: &str, consts: &[(&str, &str)]) -> ir::Spec {
    let path = format!("{}/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    let source = Source::new(path.clone(), spec_file(name));
    let ast = crate::parse_spec(&source).unwrap_or_else(|f| panic!("{}", f.render(false)));
    check(&ast, &overrides(consts)).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        panic!("{path}: {}", messages.join("; "))
    })
}

pub(super) fn spec_file(name: &str) -> String {
    let path = format!("{}/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(super) fn var_type(spec: &ir::Spec, name: &str) -> String {
    let var = spec
        .vars
        .iter()
        .find(|v| v.name == name)
        .expect("the variable exists");
    type_name(&spec.types, var.ty)
}

pub(super) fn enum_atoms(spec: &ir::Spec, name: &str) -> Vec<String> {
    spec.types
        .iter()
        .find_map(|t| match t {
            ir::Type::Enum { name: n, atoms, .. } if n == name => Some(atoms.clone()),
            _ => None,
        })
        .expect("the enum exists")
}
