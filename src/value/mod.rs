//! Runtime values, as the evaluator sees them.
//!
//! A value carries no type: the type it belongs to is known statically from
//! the IR. Enum atoms and model values are their index within their type;
//! record fields and variant fields are in declaration order; sets are kept
//! sorted and free of duplicates, so structural equality is set equality and
//! the derived order is a canonical order; maps hold one value per key of
//! their (finite) key type, indexed by the key's position in that type.
//!
//! [`ops`] holds what the operators mean on values: the one home of the
//! language's value semantics, used by constant folding (`check`) and by
//! both evaluators (`compile`).

pub mod ops;

use std::sync::Arc;

/// A value of some finite type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// `true` / `false`.
    Bool(bool),
    /// An integer (ranges are checked when a value is stored).
    Int(i64),
    /// An enum atom or model value: its index within its type.
    Atom(u32),
    /// A record: its fields in declaration order.
    Record(Arc<[Value]>),
    /// A union value: the tag's index and that variant's fields in order.
    Variant(u32, Arc<[Value]>),
    /// `none`.
    None,
    /// `some(v)`.
    Some(Arc<Value>),
    /// A set: sorted, no duplicates.
    Set(Arc<[Value]>),
    /// A total map: one value per key, in the key type's order.
    Map(Arc<[Value]>),
    /// A sequence.
    Seq(Arc<[Value]>),
}

impl Value {
    /// A set from any values: sorts and removes duplicates.
    pub fn set_from(mut items: Vec<Value>) -> Value {
        items.sort();
        items.dedup();
        Value::Set(items.into())
    }

    /// The empty set.
    pub fn empty_set() -> Value {
        Value::Set(Arc::from(Vec::new()))
    }

    /// The boolean inside, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer inside, if this is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The elements, if this is a set, or the items, if a sequence.
    pub fn as_elements(&self) -> Option<&[Value]> {
        match self {
            Value::Set(items) | Value::Seq(items) => Some(items),
            _ => None,
        }
    }
}
