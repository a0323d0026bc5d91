//! Does a value belong to a type? Checked before every store, so that every
//! stored value can be encoded: ranges (also inside sets, maps, records,
//! options and sequences), sequence bounds, map sizes.
//!
//! Input: a type table, a type and a value. Output: `Ok`, or what does not
//! fit, worded for the "value leaves its type" error.

use crate::check::domain;
use crate::check::ir::{Spec, Type, TypeId};
use crate::compile::show;
use crate::value::Value;

/// Whether `value` belongs to `ty`; if not, why (e.g. "4 is outside 0..3").
pub fn fits(spec: &Spec, ty: TypeId, value: &Value) -> Result<(), String> {
    let ok = match (spec.ty(ty), value) {
        (Type::Bool, Value::Bool(_)) | (Type::Int, Value::Int(_)) => true,
        (Type::Range { lo, hi }, Value::Int(v)) => lo <= v && v <= hi,
        (Type::Enum { atoms, .. }, Value::Atom(a)) => (*a as usize) < atoms.len(),
        (Type::Record { fields }, Value::Record(items)) if fields.len() == items.len() => {
            return all_fit(spec, fields.iter().map(|f| f.ty), items);
        }
        (Type::Union { variants, .. }, Value::Variant(tag, items)) => {
            match variants.get(*tag as usize) {
                Some(v) if v.fields.len() == items.len() => {
                    return all_fit(spec, v.fields.iter().map(|f| f.ty), items);
                }
                _ => false,
            }
        }
        (Type::Option(_), Value::None) => true,
        (Type::Option(inner), Value::Some(v)) => return fits(spec, *inner, v),
        (Type::Set(elem), Value::Set(items)) => {
            return all_fit(spec, std::iter::repeat(*elem), items);
        }
        (Type::Map(key, val), Value::Map(items))
            if domain::size(&spec.types, *key) == Some(items.len() as u64) =>
        {
            return all_fit(spec, std::iter::repeat(*val), items);
        }
        (Type::Seq(item, max), Value::Seq(items)) => {
            if items.len() > *max as usize {
                return Err(format!(
                    "{} items do not fit `{}`",
                    items.len(),
                    show::type_name(spec, ty)
                ));
            }
            return all_fit(spec, std::iter::repeat(*item), items);
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} is outside {}",
            show::value(spec, ty, value),
            show::type_name(spec, ty)
        ))
    }
}

fn all_fit(spec: &Spec, tys: impl Iterator<Item = TypeId>, items: &[Value]) -> Result<(), String> {
    tys.zip(items)
        .try_for_each(|(ty, item)| fits(spec, ty, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::testing::{spec_with_types, types};

    #[test]
    fn ranges_are_checked_wherever_they_are_nested() {
        let spec = spec_with_types(types());
        let int = |i| Value::Int(i);
        // 1: -1..2, 7: RM -> -1..2, 9: set<-1..2>, 10: seq<bool, 2>
        assert_eq!(fits(&spec, TypeId(1), &int(2)), Ok(()));
        assert_eq!(
            fits(&spec, TypeId(1), &int(3)),
            Err("3 is outside -1..2".into())
        );
        let map = Value::Map(vec![int(0), int(5), int(1)].into());
        assert_eq!(
            fits(&spec, TypeId(7), &map),
            Err("5 is outside -1..2".into())
        );
        let set = Value::set_from(vec![int(-2), int(0)]);
        assert!(fits(&spec, TypeId(9), &set).is_err());
        let long = Value::Seq(vec![Value::Bool(true); 3].into());
        assert_eq!(
            fits(&spec, TypeId(10), &long),
            Err("3 items do not fit `seq<bool, 2>`".into())
        );
        let short_map = Value::Map(vec![int(0)].into());
        assert!(fits(&spec, TypeId(7), &short_map).is_err());
    }
}
