//! What the operators mean on values: integer arithmetic and comparison,
//! set algebra, ranges, `subsets`, and the one limit on the size of a set
//! built from values ([`MAX_SET`]). The one definition of these rules;
//! constant folding (`check::eval`), the reference interpreter
//! (`compile::eval`) and the fast evaluator (`compile::fast`) all call it,
//! so a constant and the same expression computed during the run agree.
//!
//! Input: operands already evaluated. Output: the result, or an
//! [`OpError`] that the caller words for its stage and places at a span.
//!
//! Integers are 64-bit, and leaving that range is an error, never a wrap.
//! Division and remainder both round toward negative infinity (floor), so
//! `(a / b) * b + a % b == a` for every `b != 0`: `7 / -2 == -4` and
//! `7 % -2 == -1`; the remainder takes the divisor's sign. For a positive
//! divisor this is TLA+'s `\div` and `%`.
//!
//! Sets are sorted, duplicate-free slices of values (see [`Value`]), so
//! the set operations are merges.

use std::cmp::Ordering;

use crate::value::Value;

/// The most elements a set built from values may have: a range `lo..hi`,
/// `subsets(S)`, every value of a type.
pub const MAX_SET: u64 = 1 << 20;

/// An arithmetic operator on integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arith {
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`, rounding toward negative infinity.
    Div,
    /// `a % b`, with the sign of `b` (`a - (a / b) * b`).
    Mod,
}

impl Arith {
    /// The operator as written in a spec.
    pub fn symbol(self) -> &'static str {
        match self {
            Arith::Add => "+",
            Arith::Sub => "-",
            Arith::Mul => "*",
            Arith::Div => "/",
            Arith::Mod => "%",
        }
    }
}

/// A comparison of two integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `a == b`.
    Eq,
    /// `a != b`.
    Ne,
    /// `a < b`.
    Lt,
    /// `a <= b`.
    Le,
    /// `a > b`.
    Gt,
    /// `a >= b`.
    Ge,
}

/// Why an operation has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpError {
    /// The result is not a 64-bit integer (`op` as written: `+`, `-`, ...).
    Overflow {
        /// The operator.
        op: &'static str,
    },
    /// `a / 0` or `a % 0`.
    DivisionByZero,
    /// Operands of the wrong kind for the operator: a bug in the checker,
    /// which gives every operator operands of its kind.
    Shape {
        /// What was expected.
        expected: &'static str,
    },
    /// `min(S)` or `max(S)` of the empty set.
    EmptySet {
        /// `min` or `max`.
        op: &'static str,
    },
    /// `head(s)` or `tail(s)` of the empty sequence.
    EmptySeq {
        /// `head` or `tail`.
        op: &'static str,
    },
    /// `append(s, x)` with `s` as long as its type's bound.
    AppendPastBound {
        /// The bound.
        bound: u32,
    },
    /// `sub(s, i, j)` with `i < j` and `i < 0` or `j > len(s)`.
    SubOutOfRange {
        /// The first index asked for.
        from: i64,
        /// The index after the last.
        to: i64,
        /// The sequence's length.
        len: usize,
    },
    /// A set of more than [`MAX_SET`] elements.
    TooLarge {
        /// What was being built: `range`, `` `subsets` ``, `type`.
        what: &'static str,
        /// How many elements it would have.
        size: String,
    },
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpError::Overflow { op } => write!(f, "integer overflow in `{op}`"),
            OpError::DivisionByZero => write!(f, "division by zero"),
            OpError::Shape { expected } => write!(f, "internal error: expected {expected}"),
            OpError::EmptySet { op } => write!(f, "`{op}` of an empty set"),
            OpError::EmptySeq { op } => write!(f, "`{op}` of an empty sequence"),
            OpError::AppendPastBound { bound } => {
                write!(f, "`append` past the sequence bound {bound}")
            }
            OpError::SubOutOfRange { from, to, len } => write!(
                f,
                "`sub` of items {from}..{to} of a sequence of length {len}"
            ),
            OpError::TooLarge { what, size } => write!(f, "{what} too large ({size} elements)"),
        }
    }
}

/// A binary operator that evaluates both operands (every one but the
/// short-circuit `and`, `or`, `=>`), on operands of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Binary {
    /// `==` on any two values of one type.
    Eq,
    /// `!=`.
    Ne,
    /// `< <= > >=` on integers.
    Compare(Comparison),
    /// `+ - * / %` on integers.
    Arith(Arith),
    /// `lo..hi`.
    Range,
    /// `x in S` (a set or a sequence).
    In,
    /// `x not in S`.
    NotIn,
    /// `union intersect -` on sets.
    Set(SetOp),
    /// `<= < >= >` on sets.
    SetCompare(SetComparison),
}

/// `x op y`.
pub fn binary(op: Binary, x: &Value, y: &Value) -> Result<Value, OpError> {
    let shape = |expected| Err(OpError::Shape { expected });
    match (op, x, y) {
        (Binary::Eq, _, _) => Ok(Value::Bool(x == y)),
        (Binary::Ne, _, _) => Ok(Value::Bool(x != y)),
        (Binary::Compare(c), Value::Int(a), Value::Int(b)) => Ok(Value::Bool(compare(c, *a, *b))),
        (Binary::Arith(a), Value::Int(i), Value::Int(j)) => arith(a, *i, *j).map(Value::Int),
        (Binary::Range, Value::Int(lo), Value::Int(hi)) => range(*lo, *hi),
        (Binary::In | Binary::NotIn, _, _) => match member(x, y) {
            Some(found) => Ok(Value::Bool(found == (op == Binary::In))),
            None => shape("a set or a sequence"),
        },
        (Binary::Set(o), Value::Set(a), Value::Set(b)) => Ok(set_op(o, a, b)),
        (Binary::SetCompare(c), Value::Set(a), Value::Set(b)) => {
            Ok(Value::Bool(set_compare(c, a, b)))
        }
        (Binary::Compare(_) | Binary::Arith(_) | Binary::Range, _, _) => shape("integers"),
        (Binary::Set(_) | Binary::SetCompare(_), _, _) => shape("sets"),
    }
}

/// `a op b` on integers.
pub fn arith(op: Arith, a: i64, b: i64) -> Result<i64, OpError> {
    let overflow = OpError::Overflow { op: op.symbol() };
    match op {
        Arith::Add => a.checked_add(b).ok_or(overflow),
        Arith::Sub => a.checked_sub(b).ok_or(overflow),
        Arith::Mul => a.checked_mul(b).ok_or(overflow),
        Arith::Div if b == 0 => Err(OpError::DivisionByZero),
        Arith::Div => floor_div(a, b).ok_or(overflow),
        Arith::Mod if b == 0 => Err(OpError::DivisionByZero),
        Arith::Mod => Ok(floor_mod(a, b)),
    }
}

/// `-a`.
pub fn neg(a: i64) -> Result<i64, OpError> {
    a.checked_neg().ok_or(OpError::Overflow { op: "-" })
}

/// `a op b` on integers.
pub fn compare(op: Comparison, a: i64, b: i64) -> bool {
    match op {
        Comparison::Eq => a == b,
        Comparison::Ne => a != b,
        Comparison::Lt => a < b,
        Comparison::Le => a <= b,
        Comparison::Gt => a > b,
        Comparison::Ge => a >= b,
    }
}

/// A set operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetOp {
    /// `A + B`, `A union B`.
    Union,
    /// `A intersect B`.
    Intersect,
    /// `A - B`.
    Diff,
}

/// A comparison of two sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetComparison {
    /// `A <= B`: every element of `A` is in `B`.
    Subset,
    /// `A < B`: a subset, and not equal.
    ProperSubset,
    /// `A >= B`.
    Superset,
    /// `A > B`.
    ProperSuperset,
}

/// `a op b` on sets.
pub fn set_op(op: SetOp, a: &[Value], b: &[Value]) -> Value {
    match op {
        SetOp::Union => merge(a, b, Keep(true, true, true)),
        SetOp::Intersect => merge(a, b, Keep(false, true, false)),
        SetOp::Diff => merge(a, b, Keep(true, false, false)),
    }
}

/// `a op b` on sets.
pub fn set_compare(op: SetComparison, a: &[Value], b: &[Value]) -> bool {
    match op {
        SetComparison::Subset => is_subset(a, b),
        SetComparison::ProperSubset => a.len() < b.len() && is_subset(a, b),
        SetComparison::Superset => is_subset(b, a),
        SetComparison::ProperSuperset => b.len() < a.len() && is_subset(b, a),
    }
}

/// Whether `x` is an element of the set (or an item of the sequence) `s`;
/// `None` when `s` is neither.
pub fn member(x: &Value, s: &Value) -> Option<bool> {
    match s {
        Value::Set(items) => Some(items.binary_search(x).is_ok()),
        Value::Seq(items) => Some(items.contains(x)),
        _ => None,
    }
}

/// `lo..hi` as a set of integers (empty when `lo > hi`).
pub fn range(lo: i64, hi: i64) -> Result<Value, OpError> {
    if lo > hi {
        return Ok(Value::empty_set());
    }
    let size = i128::from(hi) - i128::from(lo) + 1;
    if size > i128::from(MAX_SET) {
        return Err(OpError::TooLarge {
            what: "range",
            size: size.to_string(),
        });
    }
    Ok(Value::Set((lo..=hi).map(Value::Int).collect()))
}

/// `subsets(S)`: every subset of a set, as a set.
pub fn subsets(items: &[Value]) -> Result<Value, OpError> {
    let n = items.len();
    if n >= 64 || 1u64 << n > MAX_SET {
        return Err(OpError::TooLarge {
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

/// Whether a type with `size` values (`None`: 2^64 or more) is small
/// enough to list its values as a set.
pub fn type_size(size: Option<u64>) -> Result<u64, OpError> {
    match size {
        Some(n) if n <= MAX_SET => Ok(n),
        n => Err(OpError::TooLarge {
            what: "type",
            size: n.map_or("2^64 or more".into(), |n| n.to_string()),
        }),
    }
}

/// `min(S)` / `max(S)` of a set: its first or last element.
pub fn extreme(items: &[Value], max: bool) -> Result<&Value, OpError> {
    let (pick, op) = if max {
        (items.last(), "max")
    } else {
        (items.first(), "min")
    };
    pick.ok_or(OpError::EmptySet { op })
}

/// `head(s)`: the first item.
pub fn head(items: &[Value]) -> Result<&Value, OpError> {
    items.first().ok_or(OpError::EmptySeq { op: "head" })
}

/// `tail(s)`: all items but the first.
pub fn tail(items: &[Value]) -> Result<Value, OpError> {
    match items.get(1..) {
        Some(rest) => Ok(Value::Seq(rest.into())),
        None => Err(OpError::EmptySeq { op: "tail" }),
    }
}

/// `append(s, x)` for a sequence of at most `bound` items.
pub fn append(items: &[Value], x: &Value, bound: u32) -> Result<Value, OpError> {
    if items.len() >= bound as usize {
        return Err(OpError::AppendPastBound { bound });
    }
    let mut out = items.to_vec();
    out.push(x.clone());
    Ok(Value::Seq(out.into()))
}

/// `s ++ t`: the items of `s`, then those of `t`.
pub fn concat(s: &[Value], t: &[Value]) -> Value {
    Value::Seq(s.iter().chain(t).cloned().collect())
}

/// `sub(s, i, j)`: the items at `i..j` (0-based, `j` excluded), TLA+'s
/// `SubSeq(s, i + 1, j)`: empty when `j <= i` (whatever `i` and `j`
/// are, as in TLA+); otherwise `0 <= i` and `j <= len(s)` are needed.
pub fn sub(items: &[Value], from: i64, to: i64) -> Result<Value, OpError> {
    if to <= from {
        return Ok(Value::Seq(Vec::new().into()));
    }
    let out_of_range = OpError::SubOutOfRange {
        from,
        to,
        len: items.len(),
    };
    let (Ok(i), Ok(j)) = (usize::try_from(from), usize::try_from(to)) else {
        return Err(out_of_range);
    };
    match items.get(i..j) {
        Some(part) => Ok(Value::Seq(part.into())),
        None => Err(out_of_range),
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

/// Division rounding toward negative infinity; `None` for a zero divisor
/// or `i64::MIN / -1`.
fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// The remainder of [`floor_div`] (`b != 0`): `a - floor_div(a, b) * b`,
/// which has the sign of `b` and never overflows (`i64::MIN % -1 == 0`).
fn floor_mod(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_remainder_round_down_for_every_sign() {
        // (a, b, a / b, a % b)
        let table = [
            (7, 2, 3, 1),
            (-7, 2, -4, 1),
            (7, -2, -4, -1),
            (-7, -2, 3, -1),
            (6, 3, 2, 0),
            (-6, 3, -2, 0),
            (6, -3, -2, 0),
            (-6, -3, 2, 0),
            (0, 5, 0, 0),
            (0, -5, 0, 0),
            (7, -3, -3, -2),
            (1, 7, 0, 1),
            (-1, 7, -1, 6),
        ];
        for (a, b, q, r) in table {
            assert_eq!(arith(Arith::Div, a, b), Ok(q), "{a} / {b}");
            assert_eq!(arith(Arith::Mod, a, b), Ok(r), "{a} % {b}");
        }
    }

    #[test]
    fn quotient_and_remainder_rebuild_the_dividend() {
        let values = [
            i64::MIN,
            i64::MIN + 1,
            -9,
            -7,
            -3,
            -2,
            -1,
            0,
            1,
            2,
            3,
            7,
            9,
            i64::MAX,
        ];
        for a in values {
            for b in values.into_iter().filter(|&b| b != 0) {
                let r = arith(Arith::Mod, a, b).expect("a remainder always exists");
                assert!(r == 0 || (r < 0) == (b < 0), "{a} % {b} = {r}");
                assert!(r.unsigned_abs() < b.unsigned_abs(), "{a} % {b} = {r}");
                if let Ok(q) = arith(Arith::Div, a, b) {
                    let rebuilt = i128::from(q) * i128::from(b) + i128::from(r);
                    assert_eq!(rebuilt, i128::from(a), "{a} / {b} = {q}, {a} % {b} = {r}");
                }
            }
        }
    }

    #[test]
    fn errors_are_division_by_zero_and_overflow() {
        assert_eq!(arith(Arith::Div, 1, 0), Err(OpError::DivisionByZero));
        assert_eq!(arith(Arith::Mod, 1, 0), Err(OpError::DivisionByZero));
        assert_eq!(
            arith(Arith::Div, i64::MIN, -1),
            Err(OpError::Overflow { op: "/" })
        );
        assert_eq!(arith(Arith::Mod, i64::MIN, -1), Ok(0));
        assert_eq!(
            arith(Arith::Mul, i64::MAX, 2),
            Err(OpError::Overflow { op: "*" })
        );
        assert_eq!(
            arith(Arith::Add, i64::MAX, 1),
            Err(OpError::Overflow { op: "+" })
        );
        assert_eq!(neg(i64::MIN), Err(OpError::Overflow { op: "-" }));
        assert_eq!(OpError::DivisionByZero.to_string(), "division by zero");
    }

    fn set(xs: &[i64]) -> Vec<Value> {
        match Value::set_from(xs.iter().map(|x| Value::Int(*x)).collect()) {
            Value::Set(items) => items.to_vec(),
            _ => unreachable!("set_from gives a set"),
        }
    }

    #[test]
    fn set_algebra() {
        let (a, b) = (set(&[1, 2, 3]), set(&[2, 3, 4]));
        let as_set = |xs: &[i64]| Value::Set(set(xs).into());
        assert_eq!(set_op(SetOp::Union, &a, &b), as_set(&[1, 2, 3, 4]));
        assert_eq!(set_op(SetOp::Intersect, &a, &b), as_set(&[2, 3]));
        assert_eq!(set_op(SetOp::Diff, &a, &b), as_set(&[1]));
        assert!(set_compare(SetComparison::Subset, &set(&[2, 3]), &a));
        assert!(!set_compare(SetComparison::ProperSubset, &a, &a));
        assert!(set_compare(SetComparison::Superset, &a, &a));
        assert!(!set_compare(SetComparison::Subset, &a, &b));
        assert!(set_compare(SetComparison::ProperSuperset, &a, &set(&[1])));
        let a = Value::Set(a.into());
        assert_eq!(member(&Value::Int(2), &a), Some(true));
        assert_eq!(member(&Value::Int(5), &a), Some(false));
        assert_eq!(member(&Value::Int(5), &Value::Int(5)), None);
    }

    #[test]
    fn concatenation_and_sub_keep_the_order() {
        let seq = |xs: &[i64]| Value::Seq(xs.iter().map(|&x| Value::Int(x)).collect());
        let items = |xs: &[i64]| xs.iter().map(|&x| Value::Int(x)).collect::<Vec<_>>();
        assert_eq!(concat(&items(&[2, 1]), &items(&[1])), seq(&[2, 1, 1]));
        assert_eq!(concat(&[], &items(&[3])), seq(&[3]));
        let s = items(&[5, 6, 7]);
        assert_eq!(sub(&s, 0, 3), Ok(seq(&[5, 6, 7])));
        assert_eq!(sub(&s, 1, 2), Ok(seq(&[6])));
        // `j <= i` is empty whatever the bounds, as TLA+'s SubSeq.
        for (i, j) in [(2, 2), (3, 1), (-5, -5), (9, 0)] {
            assert_eq!(sub(&s, i, j), Ok(seq(&[])), "{i} {j}");
        }
        for (i, j) in [(-1, 2), (0, 4), (3, 4)] {
            assert_eq!(
                sub(&s, i, j),
                Err(OpError::SubOutOfRange {
                    from: i,
                    to: j,
                    len: 3
                })
            );
        }
    }

    #[test]
    fn subsets_ranges_and_the_set_limit() {
        let all = subsets(&[Value::Int(1), Value::Int(2)]).unwrap();
        let expected: Vec<Value> = [&[][..], &[1], &[1, 2], &[2]]
            .iter()
            .map(|xs| Value::Set(set(xs).into()))
            .collect();
        assert_eq!(all, Value::Set(expected.into()));
        assert_eq!(range(3, 1), Ok(Value::empty_set()));
        assert_eq!(range(1, 3), Ok(Value::Set(set(&[1, 2, 3]).into())));
        // MAX_SET elements are fine, one more is too many.
        assert!(range(0, MAX_SET as i64 - 1).is_ok());
        assert_eq!(
            range(0, MAX_SET as i64),
            Err(OpError::TooLarge {
                what: "range",
                size: "1048577".into()
            })
        );
        assert!(range(i64::MIN, i64::MAX).is_err());
        assert_eq!(type_size(Some(MAX_SET)), Ok(MAX_SET));
        assert!(type_size(Some(MAX_SET + 1)).is_err() && type_size(None).is_err());
        let many: Vec<Value> = (0..21).map(Value::Int).collect();
        assert_eq!(
            subsets(&many).unwrap_err().to_string(),
            "`subsets` too large (2^21 elements)"
        );
    }

    #[test]
    fn comparisons() {
        assert!(compare(Comparison::Lt, -1, 0) && !compare(Comparison::Lt, 0, 0));
        assert!(compare(Comparison::Le, 0, 0) && compare(Comparison::Ge, 0, 0));
        assert!(compare(Comparison::Gt, 1, 0) && compare(Comparison::Ne, 1, 0));
        assert!(compare(Comparison::Eq, 5, 5));
    }
}
