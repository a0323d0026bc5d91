//! Pattern matching: does a value match a pattern, and binding its locals.
//!
//! Input: an `ir::Pattern` and a value. Output: whether it matched; on a
//! match the pattern's locals hold the parts they name. A value that does not
//! match is skipped by the caller (parameters, `choose`, `for`, quantifiers,
//! comprehensions, filters), so a failed match may leave locals half-bound.

use crate::check::ir::{Pattern, PatternKind};
use crate::value::Value;

/// Match `value` against `pattern`, binding its locals in `locals`.
pub fn bind(pattern: &Pattern, value: &Value, locals: &mut [Value]) -> bool {
    let matched = match (&pattern.kind, value) {
        (PatternKind::Bind(local), _) => {
            locals[local.index()] = value.clone();
            true
        }
        (PatternKind::Wildcard, _) => true,
        (PatternKind::Variant { tag, fields }, Value::Variant(t, items)) => {
            *tag == *t
                && fields.iter().all(|(i, p)| match items.get(*i as usize) {
                    Some(item) => bind(p, item, locals),
                    None => false,
                })
        }
        (PatternKind::Some(inner), Value::Some(v)) => bind(inner, v, locals),
        (PatternKind::None, Value::None) => true,
        (PatternKind::Literal(want), _) => want == value,
        _ => false,
    };
    if matched && let Some(alias) = pattern.alias {
        locals[alias.index()] = value.clone();
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ir::LocalId;
    use crate::source::Span;
    use std::sync::Arc;

    fn pat(kind: PatternKind) -> Pattern {
        Pattern {
            kind,
            alias: None,
            span: Span::default(),
        }
    }

    #[test]
    fn variant_patterns_bind_fields_and_skip_other_tags() {
        // P1b { bal: b } as m
        let mut p = pat(PatternKind::Variant {
            tag: 1,
            fields: vec![(1, pat(PatternKind::Bind(LocalId(0))))],
        });
        p.alias = Some(LocalId(1));
        let mut locals = vec![Value::Bool(false); 2];
        let msg = Value::Variant(1, Arc::from(vec![Value::Atom(2), Value::Int(7)]));
        assert!(bind(&p, &msg, &mut locals));
        assert_eq!(locals, [Value::Int(7), msg]);
        let other = Value::Variant(0, Arc::from(vec![Value::Int(1)]));
        assert!(!bind(&p, &other, &mut locals));
    }

    #[test]
    fn option_patterns() {
        let some = pat(PatternKind::Some(Box::new(pat(PatternKind::Bind(
            LocalId(0),
        )))));
        let none = pat(PatternKind::None);
        let mut locals = vec![Value::Bool(false)];
        let v = Value::Some(Arc::new(Value::Atom(1)));
        assert!(bind(&some, &v, &mut locals));
        assert_eq!(locals[0], Value::Atom(1));
        assert!(!bind(&some, &Value::None, &mut locals));
        assert!(bind(&none, &Value::None, &mut locals));
        assert!(!bind(&none, &v, &mut locals));
    }
}
