//! The primitive operations on values: set algebra on sorted,
//! duplicate-free slices (integer arithmetic is `value::ops`).
//!
//! Input: values already evaluated. Output: a value, or the kind of runtime
//! error (the caller adds the span).

use std::cmp::Ordering;

use crate::check::ir::BinOp;
use crate::compile::RuntimeErrorKind;
use crate::value::Value;

/// The most elements a set built at run time (`lo..hi`, `subsets(S)`,
/// a type's values) may have.
pub const MAX_SET: u64 = 1 << 20;

/// `lo..hi` as a set of integers (empty when lo > hi).
pub fn range(lo: i64, hi: i64) -> Result<Value, RuntimeErrorKind> {
    if lo > hi {
        return Ok(Value::empty_set());
    }
    let size = i128::from(hi) - i128::from(lo) + 1;
    if size > i128::from(MAX_SET) {
        return Err(RuntimeErrorKind::TooLarge {
            what: "range",
            size: size.to_string(),
        });
    }
    Ok(Value::Set((lo..=hi).map(Value::Int).collect()))
}

/// Whether `x` is an element of the set (or an item of the sequence) `s`.
pub fn member(x: &Value, s: &Value) -> Option<bool> {
    match s {
        Value::Set(items) => Some(items.binary_search(x).is_ok()),
        Value::Seq(items) => Some(items.contains(x)),
        _ => None,
    }
}

/// Which of a merge's three parts to keep: only in A, in both, only in B.
#[derive(Clone, Copy)]
struct Keep(bool, bool, bool);

/// A set operation as a merge of two sorted slices.
fn merge(a: &[Value], b: &[Value], keep: Keep) -> Value {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => {
                if keep.0 {
                    out.push(a[i].clone());
                }
                i += 1;
            }
            Ordering::Equal => {
                if keep.1 {
                    out.push(a[i].clone());
                }
                i += 1;
                j += 1;
            }
            Ordering::Greater => {
                if keep.2 {
                    out.push(b[j].clone());
                }
                j += 1;
            }
        }
    }
    if keep.0 {
        out.extend_from_slice(&a[i..]);
    }
    if keep.2 {
        out.extend_from_slice(&b[j..]);
    }
    Value::Set(out.into())
}

/// Whether every element of sorted `a` is in sorted `b`.
fn is_subset(a: &[Value], b: &[Value]) -> bool {
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j] < *x {
            j += 1;
        }
        if j == b.len() || b[j] != *x {
            return false;
        }
        j += 1;
    }
    true
}

/// A binary set operation (union, intersection, difference, the subset
/// comparisons); `None` when either side is not a set.
pub fn set_op(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    let (Value::Set(a), Value::Set(b)) = (a, b) else {
        return None;
    };
    Some(match op {
        BinOp::Union | BinOp::Add => merge(a, b, Keep(true, true, true)),
        BinOp::Intersect => merge(a, b, Keep(false, true, false)),
        BinOp::Diff | BinOp::Sub => merge(a, b, Keep(true, false, false)),
        BinOp::Subset | BinOp::Le => Value::Bool(is_subset(a, b)),
        BinOp::ProperSubset | BinOp::Lt => Value::Bool(a.len() < b.len() && is_subset(a, b)),
        BinOp::Superset | BinOp::Ge => Value::Bool(is_subset(b, a)),
        BinOp::ProperSuperset | BinOp::Gt => Value::Bool(b.len() < a.len() && is_subset(b, a)),
        _ => return None,
    })
}

/// `subsets(S)`: every subset of a set, as a set.
pub fn subsets(items: &[Value]) -> Result<Value, RuntimeErrorKind> {
    let n = items.len();
    if n >= 20 && (n >= 64 || 1u64 << n > MAX_SET) {
        return Err(RuntimeErrorKind::TooLarge {
            what: "`subsets`",
            size: format!("2^{n}"),
        });
    }
    let all = (0..1u64 << n)
        .map(|mask| {
            let subset: Vec<Value> = (0..n)
                .filter(|bit| mask >> bit & 1 == 1)
                .map(|bit| items[bit].clone())
                .collect();
            Value::Set(subset.into())
        })
        .collect();
    Ok(Value::set_from(all))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(xs: &[i64]) -> Value {
        Value::set_from(xs.iter().map(|x| Value::Int(*x)).collect())
    }

    #[test]
    fn set_algebra() {
        let (a, b) = (set(&[1, 2, 3]), set(&[2, 3, 4]));
        assert_eq!(set_op(BinOp::Union, &a, &b), Some(set(&[1, 2, 3, 4])));
        assert_eq!(set_op(BinOp::Intersect, &a, &b), Some(set(&[2, 3])));
        assert_eq!(set_op(BinOp::Diff, &a, &b), Some(set(&[1])));
        let yes = Some(Value::Bool(true));
        let no = Some(Value::Bool(false));
        assert_eq!(set_op(BinOp::Subset, &set(&[2, 3]), &a), yes);
        assert_eq!(set_op(BinOp::ProperSubset, &a, &a), no);
        assert_eq!(set_op(BinOp::Superset, &a, &a), yes);
        assert_eq!(set_op(BinOp::Subset, &a, &b), no);
        assert_eq!(member(&Value::Int(2), &a), Some(true));
        assert_eq!(member(&Value::Int(5), &a), Some(false));
    }

    #[test]
    fn subsets_and_ranges() {
        let all = subsets(&[Value::Int(1), Value::Int(2)]).unwrap();
        let expected = [set(&[]), set(&[1]), set(&[1, 2]), set(&[2])];
        assert_eq!(all, Value::Set(expected.to_vec().into()));
        assert_eq!(range(3, 1), Ok(set(&[])));
        assert_eq!(range(1, 3), Ok(set(&[1, 2, 3])));
        assert!(range(0, i64::MAX).is_err());
    }
}
