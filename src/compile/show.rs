//! Values and types as the user writes them, for traces and error messages.
//!
//! Maps print as `[k1: v1, k2: v2]`, sequences as `[a, b]`, sets as
//! `{a, b}`, records as `{ f: a }`, union values as `Tag { f: a }` or `Tag`.

use crate::check::domain;
use crate::check::ir::{Spec, Type, TypeId};
use crate::value::Value;

/// A value of type `ty`, written as the spec language would write it.
pub fn value(spec: &Spec, ty: TypeId, v: &Value) -> String {
    let mut out = String::new();
    write_value(&spec.types, ty, v, &mut out);
    out
}

/// A type, written as the spec language would write it.
pub fn type_name(spec: &Spec, ty: TypeId) -> String {
    type_name_in(&spec.types, ty)
}

/// [`type_name`] over a bare type table.
pub fn type_name_in(types: &[Type], ty: TypeId) -> String {
    crate::check::type_name(types, ty)
}

fn write_value(types: &[Type], ty: TypeId, v: &Value, out: &mut String) {
    use std::fmt::Write;
    match (&types[ty.index()], v) {
        (_, Value::Bool(b)) => {
            let _ = write!(out, "{b}");
        }
        (_, Value::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        (Type::Enum { atoms, .. }, Value::Atom(a)) => match atoms.get(*a as usize) {
            Some(name) => out.push_str(name),
            None => {
                let _ = write!(out, "#{a}");
            }
        },
        (Type::Record { fields }, Value::Record(items)) => {
            out.push_str("{ ");
            for (i, (f, item)) in fields.iter().zip(items.iter()).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&f.name);
                out.push_str(": ");
                write_value(types, f.ty, item, out);
            }
            out.push_str(" }");
        }
        (Type::Union { variants, .. }, Value::Variant(tag, items)) => {
            let Some(variant) = variants.get(*tag as usize) else {
                let _ = write!(out, "#{tag}");
                return;
            };
            out.push_str(&variant.name);
            if !variant.fields.is_empty() {
                out.push_str(" { ");
                for (i, (f, item)) in variant.fields.iter().zip(items.iter()).enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&f.name);
                    out.push_str(": ");
                    write_value(types, f.ty, item, out);
                }
                out.push_str(" }");
            }
        }
        (_, Value::None) => out.push_str("none"),
        (Type::Option(inner), Value::Some(x)) => {
            out.push_str("some(");
            write_value(types, *inner, x, out);
            out.push(')');
        }
        (Type::Set(elem), Value::Set(items)) => {
            out.push('{');
            write_list(types, *elem, items, out);
            out.push('}');
        }
        (Type::Seq(elem, _), Value::Seq(items)) => {
            out.push('[');
            write_list(types, *elem, items, out);
            out.push(']');
        }
        (Type::Map(key, val), Value::Map(items)) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match (domain::value_at(types, *key, i as u64), &types[key.index()]) {
                    (Some(k), _) => write_value(types, *key, &k, out),
                    // A map over a wider range than its type's (the value
                    // that is being reported as out of its type): its key.
                    (None, Type::Range { lo, .. }) => {
                        let _ = write!(out, "{}", lo.saturating_add(i as i64));
                    }
                    (None, _) => {
                        let _ = write!(out, "key #{}", i + 1);
                    }
                }
                out.push_str(": ");
                write_value(types, *val, item, out);
            }
            out.push(']');
        }
        // A value that does not belong to its type: show its raw shape.
        (_, other) => {
            let _ = write!(out, "{other:?}");
        }
    }
}

fn write_list(types: &[Type], elem: TypeId, items: &[Value], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_value(types, elem, item, out);
    }
}
