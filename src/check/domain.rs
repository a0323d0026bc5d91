//! Finite domains: how many values a type has, all of them in canonical
//! order, and the position of one value among them.
//!
//! The position (`index_of`) is a bijection between a type's values and
//! `0..size`: record fields are mixed-radix digits (first field most
//! significant), a union numbers its variants' values one after another,
//! `option<T>` puts `none` first, a set is the bitmask of its elements'
//! indices, a map the digits of its values by key, a sequence counts shorter
//! sequences first. Maps keyed by a type store one slot per key index.

use crate::check::ir::{Type, TypeId};
use crate::value::Value;
use std::sync::Arc;

/// Number of values of `ty`, or `None` when unbounded, beyond `u64`, or
/// not a type (the error type that stands for an earlier diagnostic).
pub fn size(types: &[Type], ty: TypeId) -> Option<u64> {
    match types.get(ty.index())? {
        Type::Bool => Some(2),
        Type::Int => None,
        Type::Range { lo, hi } => u64::try_from(i128::from(*hi) - i128::from(*lo) + 1).ok(),
        Type::Enum { atoms, .. } => Some(atoms.len() as u64),
        Type::Record { fields } => fields
            .iter()
            .try_fold(1u64, |acc, f| acc.checked_mul(size(types, f.ty)?)),
        Type::Union { variants, .. } => variants.iter().try_fold(0u64, |acc, v| {
            let n = v
                .fields
                .iter()
                .try_fold(1u64, |acc, f| acc.checked_mul(size(types, f.ty)?))?;
            acc.checked_add(n)
        }),
        Type::Option(inner) => size(types, *inner)?.checked_add(1),
        Type::Set(elem) => {
            let n = size(types, *elem)?;
            if n >= 64 { None } else { Some(1u64 << n) }
        }
        Type::Map(key, value) => {
            let keys = u32::try_from(size(types, *key)?).ok()?;
            size(types, *value)?.checked_pow(keys)
        }
        Type::Seq(item, max) => {
            let n = size(types, *item)?;
            (0..=*max).try_fold(0u64, |acc, len| acc.checked_add(n.checked_pow(len)?))
        }
    }
}

/// Every value of `ty` in index order. The caller makes sure the type is
/// small enough (see [`size`]); an unbounded type yields nothing.
pub fn values(types: &[Type], ty: TypeId) -> Vec<Value> {
    let Some(n) = size(types, ty) else {
        return Vec::new();
    };
    (0..n).filter_map(|i| value_at(types, ty, i)).collect()
}

/// The value at position `index` of `ty`, if there is one.
pub fn value_at(types: &[Type], ty: TypeId, index: u64) -> Option<Value> {
    match types.get(ty.index())? {
        Type::Bool => (index < 2).then_some(Value::Bool(index == 1)),
        Type::Int => None,
        Type::Range { lo, hi } => {
            let v = lo.checked_add(i64::try_from(index).ok()?)?;
            (v <= *hi).then_some(Value::Int(v))
        }
        Type::Enum { atoms, .. } => {
            ((index as usize) < atoms.len()).then_some(Value::Atom(index as u32))
        }
        Type::Record { fields } => {
            let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
            Some(Value::Record(digits_to_values(types, &tys, index)?))
        }
        Type::Union { variants, .. } => {
            let mut rest = index;
            for (tag, variant) in variants.iter().enumerate() {
                let tys: Vec<TypeId> = variant.fields.iter().map(|f| f.ty).collect();
                let n = tys
                    .iter()
                    .try_fold(1u64, |acc, t| acc.checked_mul(size(types, *t)?))?;
                if rest < n {
                    return Some(Value::Variant(
                        tag as u32,
                        digits_to_values(types, &tys, rest)?,
                    ));
                }
                rest -= n;
            }
            None
        }
        Type::Option(inner) => match index {
            0 => Some(Value::None),
            i => Some(Value::Some(Arc::new(value_at(types, *inner, i - 1)?))),
        },
        Type::Set(elem) => {
            let n = size(types, *elem)?;
            if n < 64 && index >> n != 0 {
                return None;
            }
            let items = (0..n.min(64))
                .filter(|bit| index >> bit & 1 == 1)
                .map(|bit| value_at(types, *elem, bit))
                .collect::<Option<Vec<_>>>()?;
            Some(Value::set_from(items))
        }
        Type::Map(key, value) => {
            let keys = size(types, *key)?;
            let tys = vec![*value; usize::try_from(keys).ok()?];
            Some(Value::Map(digits_to_values(types, &tys, index)?))
        }
        Type::Seq(item, max) => {
            let n = size(types, *item)?;
            let mut rest = index;
            for len in 0..=*max {
                let count = n.checked_pow(len)?;
                if rest < count {
                    let tys = vec![*item; len as usize];
                    return Some(Value::Seq(digits_to_values(types, &tys, rest)?));
                }
                rest -= count;
            }
            None
        }
    }
}

/// The position of `value` among the values of `ty`, or `None` if it is not
/// one of them (e.g. an integer outside a range).
pub fn index_of(types: &[Type], ty: TypeId, value: &Value) -> Option<u64> {
    match (types.get(ty.index())?, value) {
        (Type::Bool, Value::Bool(b)) => Some(u64::from(*b)),
        (Type::Range { lo, hi }, Value::Int(v)) => {
            (lo <= v && v <= hi).then(|| (i128::from(*v) - i128::from(*lo)) as u64)
        }
        (Type::Enum { atoms, .. }, Value::Atom(a)) => {
            ((*a as usize) < atoms.len()).then_some(u64::from(*a))
        }
        (Type::Record { fields }, Value::Record(items)) => {
            let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
            values_to_digits(types, &tys, items)
        }
        (Type::Union { variants, .. }, Value::Variant(tag, items)) => {
            let mut offset = 0u64;
            for variant in variants.iter().take(*tag as usize) {
                let n = variant
                    .fields
                    .iter()
                    .try_fold(1u64, |acc, f| acc.checked_mul(size(types, f.ty)?))?;
                offset = offset.checked_add(n)?;
            }
            let variant = variants.get(*tag as usize)?;
            let tys: Vec<TypeId> = variant.fields.iter().map(|f| f.ty).collect();
            offset.checked_add(values_to_digits(types, &tys, items)?)
        }
        (Type::Option(_), Value::None) => Some(0),
        (Type::Option(inner), Value::Some(v)) => index_of(types, *inner, v)?.checked_add(1),
        (Type::Set(elem), Value::Set(items)) => items.iter().try_fold(0u64, |mask, item| {
            let bit = index_of(types, *elem, item)?;
            (bit < 64).then(|| mask | 1 << bit)
        }),
        (Type::Map(key, value), Value::Map(items)) => {
            let keys = size(types, *key)?;
            if items.len() as u64 != keys {
                return None;
            }
            let tys = vec![*value; items.len()];
            values_to_digits(types, &tys, items)
        }
        (Type::Seq(item, max), Value::Seq(items)) => {
            if items.len() > *max as usize {
                return None;
            }
            let n = size(types, *item)?;
            let shorter = (0..items.len() as u32)
                .try_fold(0u64, |acc, len| acc.checked_add(n.checked_pow(len)?))?;
            let tys = vec![*item; items.len()];
            shorter.checked_add(values_to_digits(types, &tys, items)?)
        }
        _ => None,
    }
}

/// Mixed-radix decode: the first type is the most significant digit.
fn digits_to_values(types: &[Type], tys: &[TypeId], mut index: u64) -> Option<Arc<[Value]>> {
    let mut out = vec![Value::Bool(false); tys.len()];
    for (slot, ty) in out.iter_mut().zip(tys).rev() {
        let n = size(types, *ty)?;
        *slot = value_at(types, *ty, index % n)?;
        index /= n;
    }
    (index == 0).then(|| out.into())
}

/// Mixed-radix encode, the inverse of [`digits_to_values`].
fn values_to_digits(types: &[Type], tys: &[TypeId], items: &[Value]) -> Option<u64> {
    if items.len() != tys.len() {
        return None;
    }
    tys.iter().zip(items).try_fold(0u64, |acc, (ty, item)| {
        let n = size(types, *ty)?;
        acc.checked_mul(n)?.checked_add(index_of(types, *ty, item)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ir::{Field, VariantDef};

    fn table() -> Vec<Type> {
        vec![
            Type::Bool,                    // 0
            Type::Range { lo: -1, hi: 2 }, // 1
            Type::Enum {
                name: "RM".into(),
                atoms: vec!["r1".into(), "r2".into(), "r3".into()],
                symmetric: true,
            }, // 2
            Type::Record {
                fields: vec![
                    Field {
                        name: "a".into(),
                        ty: TypeId(0),
                    },
                    Field {
                        name: "b".into(),
                        ty: TypeId(1),
                    },
                ],
            }, // 3
            Type::Union {
                name: "Msg".into(),
                variants: vec![
                    VariantDef {
                        name: "P".into(),
                        fields: vec![Field {
                            name: "rm".into(),
                            ty: TypeId(2),
                        }],
                    },
                    VariantDef {
                        name: "C".into(),
                        fields: vec![],
                    },
                ],
            }, // 4
            Type::Option(TypeId(2)),       // 5
            Type::Set(TypeId(4)),          // 6
            Type::Map(TypeId(2), TypeId(1)), // 7
            Type::Seq(TypeId(0), 2),       // 8
        ]
    }

    #[test]
    fn sizes() {
        let t = table();
        let sizes: Vec<_> = (0..t.len()).map(|i| size(&t, TypeId(i as u32))).collect();
        assert_eq!(
            sizes,
            [
                Some(2),
                Some(4),
                Some(3),
                Some(8),
                Some(4),
                Some(4),
                Some(16),
                Some(64),
                Some(7)
            ]
        );
    }

    #[test]
    fn every_value_round_trips_through_its_index() {
        let t = table();
        for i in 0..t.len() {
            let ty = TypeId(i as u32);
            let all = values(&t, ty);
            assert_eq!(Some(all.len() as u64), size(&t, ty));
            for (n, v) in all.iter().enumerate() {
                assert_eq!(index_of(&t, ty, v), Some(n as u64), "type {i} value {v:?}");
            }
        }
    }

    #[test]
    fn values_outside_a_type_have_no_index() {
        let t = table();
        assert_eq!(index_of(&t, TypeId(1), &Value::Int(3)), None);
        assert_eq!(index_of(&t, TypeId(2), &Value::Atom(3)), None);
        let too_long = Value::Seq(vec![Value::Bool(true); 3].into());
        assert_eq!(index_of(&t, TypeId(8), &too_long), None);
    }
}
